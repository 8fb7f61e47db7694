import SesameCore
import SesameStore

/// One line saying which date stands for the creation date when the export has none.
enum CreationDateNote {
    /// Writes the note on stderr when the filter needs it.
    static func show(_ standIn: CreationDateStandIn?) {
        if let standIn { Console.note(standIn.frenchNote) }
    }
}
