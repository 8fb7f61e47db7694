import Foundation
import GRDB
import SesameCore

/// A class's packet as the web pages list it: what it is and where its letters stand.
public struct PacketSummary: Sendable, Hashable {
    public var id: Int64
    public var plan: Int64
    public var planName: String
    public var channel: Channel
    public var school: String
    public var className: String?
    public var meeting: Date?
    /// Letters by state (a letter replaced by a follow-up's is not counted).
    public var states: [DeliveryState: Int]

    public var letters: Int { states.values.reduce(0, +) }
}

/// A letter of a packet as a teacher sees it: never its code.
public struct PacketLetter: Sendable, Hashable {
    public var deliveryID: Int64
    public var login: String
    /// The name, with what tells a homonym apart.
    public var name: String
    public var profile: Profile
    /// A parent's children, with their classes.
    public var children: [String]
    public var state: DeliveryState
}

extension Store {
    /// The packets handed out by hand (class, via the pupil, meeting) of a school's classes,
    /// newest plan first; `school` nil: every school; `classes` nil: every class. Reads only.
    public func packets(school: String?, classes: [String]?) throws -> [PacketSummary] {
        try pool.read { db in try Self.packets(school: school, classes: classes, batch: nil, db: db) }
    }

    /// The packets of one school (or of all), or the one packet `batch`.
    private static func packets(school: String?, classes: [String]?, batch: Int64?, db: Database) throws -> [PacketSummary] {
        let handed = Channel.allCases.filter { $0 == .inClass || $0 == .viaStudent || $0 == .meeting }.map { "'\($0.rawValue)'" }
        var packets: [PacketSummary] = []
        let keys = classes.map { Set($0.map(NameKey.exact)) }
        var conditions = ["b.class_name IS NOT NULL", "b.channel IN (\(handed.joined(separator: ", ")))"]
        var arguments: [Int64] = []
        if let school {
            conditions.append("b.school_id = ?")
            arguments.append(try SchoolDirectory.ids(of: [school], db: db)[0])
        }
        if let batch {
            conditions.append("b.id = ?")
            arguments.append(batch)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT b.id, b.plan_id, p.name AS plan_name, b.channel, s.name AS school, b.class_name, b.meeting_at
            FROM batch b JOIN plan p ON p.id = b.plan_id JOIN school s ON s.id = b.school_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY b.plan_id DESC, b.position
            """, arguments: StatementArguments(arguments)) {
            guard keys == nil || keys!.contains(NameKey.exact(row["class_name"])) else { continue }
            var states: [DeliveryState: Int] = [:]
            for count in try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*) AS n FROM delivery WHERE batch_id = ? AND is_copy = 0 AND state IN \(SQLFragment.countedStates)
                GROUP BY state
                """, arguments: [row["id"] as Int64]) {
                states[try DeliveryState.stored(count["state"], column: "delivery.state")] = count["n"]
            }
            guard !states.isEmpty else { continue }
            packets.append(PacketSummary(
                id: row["id"], plan: row["plan_id"], planName: row["plan_name"],
                channel: try Channel.stored(row["channel"], column: "batch.channel"), school: row["school"], className: row["class_name"],
                meeting: (row["meeting_at"] as Double?).map(Date.init(timeIntervalSince1970:)), states: states))
        }
        return packets
    }

    /// A packet and its letters in packet order; nil for an unknown packet. Reads only.
    public func packet(_ id: Int64) throws -> (summary: PacketSummary, letters: [PacketLetter])? {
        try pool.read { db in
            guard let summary = try Self.packets(school: nil, classes: nil, batch: id, db: db).first else { return nil }
            var children: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT pc.parent_id, c.first_name, c.last_name, c.classes, c.distinction FROM parent_child pc
                JOIN account c ON c.id = pc.child_id
                WHERE c.removed_import_id IS NULL AND pc.parent_id IN (SELECT account_id FROM delivery WHERE batch_id = ?)
                ORDER BY c.name_sort
                """, arguments: [id]) {
                let child = Relative(
                    id: 0, login: "", firstName: row["first_name"], lastName: row["last_name"], classes: ListColumn.split(row["classes"]),
                    distinction: row["distinction"])
                children[row["parent_id"], default: []].append(child.nameWithClass)
            }
            return (summary, try Row.fetchAll(db, sql: """
                SELECT d.id, d.account_id, \(SQLFragment.printedLogin("a")) AS login, a.first_name, a.last_name, a.distinction,
                       a.profile, d.state
                FROM delivery d JOIN account a ON a.id = d.account_id
                WHERE d.batch_id = ? AND d.is_copy = 0 AND d.state IN \(SQLFragment.countedStates) ORDER BY d.position
                """, arguments: [id]).map { row in
                let name = "\(row["first_name"] as String) \(row["last_name"] as String)"
                return PacketLetter(
                    deliveryID: row["id"], login: row["login"], name: (row["distinction"] as String?).map { "\(name) (\($0))" } ?? name,
                    profile: try Profile.stored(row["profile"], column: "account.profile"), children: children[row["account_id"]] ?? [],
                    state: try DeliveryState.stored(row["state"], column: "delivery.state"))
            })
        }
    }
}

extension Store {
    /// The letters of one channel of a plan for a school, by state (copies not counted). Reads only.
    public func states(plan: Int64, channel: Channel, school: String) throws -> [DeliveryState: Int] {
        try pool.read { db in
            var states: [DeliveryState: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT d.state, COUNT(*) AS n FROM delivery d JOIN batch b ON b.id = d.batch_id
                WHERE b.plan_id = ? AND b.channel = ? AND b.school_id = ? AND d.is_copy = 0 GROUP BY d.state
                """, arguments: [plan, channel.rawValue, try SchoolDirectory.ids(of: [school], db: db)[0]]) {
                states[try DeliveryState.stored(row["state"], column: "delivery.state")] = row["n"]
            }
            return states
        }
    }

    /// Writes in the history of every letter of a packet that it was downloaded, by whom and
    /// as which file: the file holds their codes.
    public func noteDownload(of packet: Int64, file: String, actor: String, at date: Date = Date()) throws {
        try pool.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM delivery WHERE batch_id = ? AND is_copy = 0 ORDER BY position", arguments: [packet])
            let ledger = DeliveryLedger(db: db)
            try ledger.annotate(try ledger.current(ids), note: "paquet téléchargé depuis les pages web : \(file)", actor: actor, at: date)
        }
    }
}
