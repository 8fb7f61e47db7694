import GRDB
import SesameCore

/// Writes a school's resolved parent–child links, changing only what differs from the store.
struct LinkWriter {
    private let replacing: Bool
    private var stored: BulkStatement
    private var inserts: BatchInsert
    private var delete: BulkStatement

    /// `replacing`: links of the school that are no longer resolved are deleted; a partial
    /// export only adds links, as it does not see the families it leaves out.
    init(_ db: Database, replacing: Bool) throws {
        self.replacing = replacing
        stored = try BulkStatement(db, sql: """
            SELECT \(LinkColumn.selectList) FROM parent_child pc JOIN account p ON p.id = pc.parent_id
            WHERE p.school_id = ?
            """)
        inserts = try BatchInsert(db, table: "parent_child", columns: ["parent_id", "child_id"])
        delete = try BulkStatement(db, sql: "DELETE FROM parent_child WHERE parent_id = ? AND child_id = ?")
    }

    /// Writes what is still pending.
    mutating func finish() throws {
        try inserts.flush()
    }

    mutating func replace(links: [ParentChildLink], ofSchool schoolID: Int64, hadLinks: Bool) throws {
        var old: Set<ParentChildLink> = []
        if hadLinks {
            stored.bind(schoolID)
            try stored.forEach { r in old.insert(ParentChildLink(parent: r.int64(LinkColumn.parent)!, child: r.int64(LinkColumn.child)!)) }
        }
        // Pending inserts are other schools' links: they do not change what was read above.
        for link in links where old.remove(link) == nil {
            try inserts.add([link.parent, link.child])
        }
        guard replacing else { return }
        for link in old {
            delete.bind(link.parent)
            delete.bind(link.child)
            try delete.execute()
        }
    }
}

/// A stored link.
private enum LinkColumn: Int32, SelectedColumn {
    case parent, child

    var expression: String {
        switch self {
        case .parent: "pc.parent_id"
        case .child: "pc.child_id"
        }
    }
}
