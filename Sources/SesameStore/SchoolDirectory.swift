import GRDB
import SesameCore

/// Schools and classes as a director names them on the command line.
enum SchoolDirectory {
    /// Resolves names typed by a person: the exact name (accents and case aside), else the
    /// only school whose name contains it ("Tilleuls").
    static func ids(of names: [String], db: Database) throws -> [Int64] {
        guard !names.isEmpty else { return [] }
        let schools = try Row.fetchAll(db, sql: "SELECT id, name FROM school ORDER BY name").map { (id: $0["id"] as Int64, name: $0["name"] as String) }
        return try names.map { typed in
            let key = NameKey.loose(typed)
            if let exact = schools.first(where: { NameKey.loose($0.name) == key }) { return exact.id }
            let matches = schools.filter { NameKey.loose($0.name).contains(key) }
            guard !key.isEmpty, matches.count == 1 else {
                if matches.count > 1 { throw StoreError.ambiguousSchool(typed, matches: matches.map(\.name)) }
                throw StoreError.unknownSchool(typed, known: schools.map(\.name))
            }
            return matches[0].id
        }
    }

    static func classIDs(named names: [String], schoolIDs: [Int64]?, db: Database) throws -> [Int64] {
        var sql = "SELECT id, name, name_key FROM class"
        if let schoolIDs { sql += " WHERE school_id IN (\(schoolIDs.map(String.init).joined(separator: ",")))" }
        let classes = try Row.fetchAll(db, sql: sql + " ORDER BY sort_key")
        return try names.flatMap { typed -> [Int64] in
            let key = NameKey.exact(typed)
            let ids = classes.filter { $0["name_key"] == key }.map { $0["id"] as Int64 }
            guard !ids.isEmpty else {
                var known: [String] = []
                for row in classes where !known.contains(row["name"]) { known.append(row["name"]) }
                throw StoreError.unknownClass(typed, school: nil, known: known)
            }
            return ids
        }
    }
}
