import GRDB
import SesameCore

/// Keeps `account.distinction` up to date: what documents add to the name of someone who
/// shares it with another pupil or parent of the school (see `Homonyms`).
struct HomonymWriter {
    private var update: BulkStatement

    init(_ db: Database) throws {
        update = try BulkStatement(db, sql: "UPDATE account SET distinction = ? WHERE id = ?")
    }

    /// Recomputes the distinctions of the pupils and parents of these schools, and writes
    /// those that changed.
    static func refresh(_ db: Database, schools: some Sequence<Int64>) throws {
        var reader = try SchoolPeople.Reader(db)
        var writer = try HomonymWriter(db)
        for schoolID in schools {
            try writer.write(try reader.read(school: schoolID, lines: [:]).changedDistinctions())
        }
    }

    /// Writes distinctions computed by `SchoolPeople.changedDistinctions`.
    mutating func write(_ changes: [(id: Account.ID, distinction: String?)]) throws {
        for change in changes {
            update.bind(change.distinction)
            update.bind(change.id)
            try update.execute()
        }
    }
}
