import Foundation
import GRDB
import SesameCore

/// One event of an account's history.
public struct HistoryEntry: Sendable, Hashable {
    public var at: Date
    public var actor: String
    public var planID: Int64
    public var planName: String
    public var channel: Channel
    public var from: DeliveryState?
    public var to: DeliveryState
    public var note: String?
}

/// An account and every event of its letters, oldest first; never its code.
public struct AccountHistory: Sendable {
    public var login: String
    public var name: String
    public var school: String
    public var profile: Profile
    public var isActivated: Bool
    public var entries: [HistoryEntry]
}

extension Store {
    public func history(of login: String) throws -> AccountHistory {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, \(SQLFragment.printedLogin("a")) AS login, a.first_name || ' ' || a.last_name AS name, s.name AS school,
                       a.profile, a.activation_code IS NULL AS activated
                FROM account a JOIN school s ON s.id = a.school_id WHERE a.login = ? OR a.alias = ?
                ORDER BY a.removed_import_id IS NOT NULL, a.id
                """, arguments: [login, login])
            guard let account = rows.first else { throw TrackingError.unknownLogin(login, line: nil) }
            let entries = try Row.fetchAll(db, sql: """
                SELECT e.at, e.actor, p.id AS plan, p.name AS plan_name, d.channel, e.from_state, e.to_state, e.note
                FROM event e JOIN delivery d ON d.id = e.delivery_id JOIN plan p ON p.id = d.plan_id
                WHERE d.account_id = ? ORDER BY e.at, e.id
                """, arguments: [account["id"] as Int64]).map { r in
                HistoryEntry(
                    at: Date(timeIntervalSince1970: r["at"]), actor: r["actor"], planID: r["plan"], planName: r["plan_name"],
                    channel: try Channel.stored(r["channel"], column: "delivery.channel"),
                    from: try (r["from_state"] as String?).map { try DeliveryState.stored($0, column: "event.from_state") },
                    to: try DeliveryState.stored(r["to_state"], column: "event.to_state"), note: r["note"])
            }
            return AccountHistory(
                login: account["login"], name: account["name"], school: account["school"],
                profile: try Profile.stored(account["profile"], column: "account.profile"), isActivated: account["activated"], entries: entries)
        }
    }
}
