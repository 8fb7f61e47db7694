import Foundation
import SesameCore

/// Letters per printed page: the seed's "modèle de publipostage".
public enum Layout: Int, Sendable, CaseIterable {
    /// One A4 letter per page, folded for a window envelope.
    case one = 1
    /// Two A5 letters per landscape A4 page, with a cut line.
    case two = 2
    /// Eight cut-out cards per A4 page.
    case eight = 8
}

public struct PrintOptions: Sendable {
    public var layout: Layout
    public var folder: URL
    /// The order of letters within a file (the seed's sort); empty: the packet's natural order.
    public var sort: [AccountSortKey]
    public var date: Date
    /// When class sheets are to be returned to the director.
    public var returnBy: Date
    public var planID: Int64
    public var planName: String

    public init(layout: Layout, folder: URL, sort: [AccountSortKey], date: Date, returnBy: Date, planID: Int64, planName: String) {
        self.layout = layout
        self.folder = folder
        self.sort = sort
        self.date = date
        self.returnBy = returnBy
        self.planID = planID
        self.planName = planName
    }
}

/// A file written by a print job.
public struct PrintedFile: Sendable, Hashable {
    public var url: URL
    public var batchID: Int64
    public var channel: Channel
    public var school: String
    public var className: String?
    public var recipients: [String]
    public var letters: Int
    public var pages: Int
    /// Who the packet is for, as the listings say it: its class's teachers, else the
    /// direction (the office, the post, the emails, a class whose teacher is not known).
    public var handedTo: String { recipients.isEmpty ? "la direction" : recipients.joined(separator: ", ") }
    /// Its letters as they left, with the codes they carry.
    public var issued: [IssuedLetter]
    public var deliveryIDs: [Int64] { issued.map(\.deliveryID) }
    /// The sign-off sheet as CSV, to fill in and give back to `sesame record --from`.
    public var signOff: URL?
}
