import SesameCore

/// The columns of `account` that an export sets, typed, in one fixed order.
///
/// The importer binds them to its statements and compares them with what is stored,
/// column by column, to write only what changed and to say what did.
struct AccountRow: Equatable {
    var siecleID: String?
    var profile: String
    var profileRank: Int64
    var lastName: String
    var firstName: String
    var nameSort: String
    var login: String
    var alias: String?
    var activationCode: String?
    var functions: String
    var isLocalAdmin: Int64
    var classes: String
    var classSort: String
    var childrenNames: String
    var parentNames: String
    var entEmail: String?
    var phone: String?
    var createdAt: Double?
    var lastLogin: Double?

    /// The column names, in the order of `bind(to:)` and `init(reader:from:)`.
    static let columns = [
        "siecle_id", "profile", "profile_rank", "last_name", "first_name", "name_sort", "login", "alias",
        "activation_code", "functions", "is_local_admin", "classes", "class_sort", "children_names",
        "parent_names", "ent_email", "phone", "created_at", "last_login",
    ]

    init(_ r: borrowing ExportRecord, classSort: String) {
        siecleID = r.siecleID
        profile = r.profile.rawValue
        profileRank = Int64(r.profile.rank)
        lastName = r.lastName
        firstName = r.firstName
        nameSort = r.nameSortKey
        login = r.login
        alias = r.alias
        activationCode = r.activationCode
        functions = ListColumn.join(r.functions)
        isLocalAdmin = r.isLocalAdmin ? 1 : 0
        classes = ListColumn.join(r.classes)
        self.classSort = classSort
        childrenNames = ListColumn.join(r.childrenNames)
        parentNames = ListColumn.join(r.parentNames)
        entEmail = r.email?.value
        phone = r.phone
        createdAt = r.createdAt?.timeIntervalSince1970
        lastLogin = r.lastLogin?.timeIntervalSince1970
    }

    init(reader r: RowReader, from first: Int32) {
        var c = first
        func next() -> Int32 { defer { c += 1 }; return c }
        siecleID = r.string(next())
        profile = r.string(next()) ?? ""
        profileRank = r.int64(next()) ?? 0
        lastName = r.string(next()) ?? ""
        firstName = r.string(next()) ?? ""
        nameSort = r.string(next()) ?? ""
        login = r.string(next()) ?? ""
        alias = r.string(next())
        activationCode = r.string(next())
        functions = r.string(next()) ?? ""
        isLocalAdmin = r.int64(next()) ?? 0
        classes = r.string(next()) ?? ""
        classSort = r.string(next()) ?? ""
        childrenNames = r.string(next()) ?? ""
        parentNames = r.string(next()) ?? ""
        entEmail = r.string(next())
        phone = r.string(next())
        createdAt = r.double(next())
        lastLogin = r.double(next())
    }

    func bind(to s: inout BulkStatement) {
        s.bind(siecleID)
        s.bind(profile)
        s.bind(profileRank)
        s.bind(lastName)
        s.bind(firstName)
        s.bind(nameSort)
        s.bind(login)
        s.bind(alias)
        s.bind(activationCode)
        s.bind(functions)
        s.bind(isLocalAdmin)
        s.bind(classes)
        s.bind(classSort)
        s.bind(childrenNames)
        s.bind(parentNames)
        s.bind(entEmail)
        s.bind(phone)
        s.bind(createdAt)
        s.bind(lastLogin)
    }

    /// Takes the stored value of each detail the file has no column for: such a file says
    /// nothing of it (a class-level export does not empty the classes it does not give).
    mutating func keep(_ stored: AccountRow, absent: Set<ExportDetail>) {
        for detail in absent {
            switch detail {
            case .siecleID: siecleID = stored.siecleID
            case .alias:
                alias = stored.alias
                nameSort = NameKey.person(lastName: lastName, firstName: firstName, tieBreaker: alias ?? login)
            case .functions: (functions, isLocalAdmin) = (stored.functions, stored.isLocalAdmin)
            case .classes: (classes, classSort) = (stored.classes, stored.classSort)
            case .children: childrenNames = stored.childrenNames
            case .parents: parentNames = stored.parentNames
            case .lastLogin: lastLogin = stored.lastLogin
            case .email: entEmail = stored.entEmail
            case .phone: phone = stored.phone
            case .createdAt: createdAt = stored.createdAt
            }
        }
    }

    /// The columns that differ, by name.
    func changes(from old: AccountRow) -> Set<String> {
        let pairs: [(String, Bool)] = [
            ("siecle_id", siecleID != old.siecleID), ("profile", profile != old.profile),
            ("profile_rank", profileRank != old.profileRank), ("last_name", lastName != old.lastName),
            ("first_name", firstName != old.firstName), ("name_sort", nameSort != old.nameSort),
            ("login", login != old.login), ("alias", alias != old.alias),
            ("activation_code", activationCode != old.activationCode), ("functions", functions != old.functions),
            ("is_local_admin", isLocalAdmin != old.isLocalAdmin), ("classes", classes != old.classes),
            ("class_sort", classSort != old.classSort), ("children_names", childrenNames != old.childrenNames),
            ("parent_names", parentNames != old.parentNames), ("ent_email", entEmail != old.entEmail),
            ("phone", phone != old.phone), ("created_at", createdAt != old.createdAt),
            ("last_login", lastLogin != old.lastLogin),
        ]
        return Set(pairs.filter(\.1).map(\.0))
    }
}
