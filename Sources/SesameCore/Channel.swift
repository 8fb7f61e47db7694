/// How a credential letter reaches someone: the seed's strategy table, one case per way.
///
/// The raw values are the identifiers of strategy files and JSON output.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Handed out in class by the teacher.
    case inClass = "in-class"
    /// Sent home through the pupil, in the "carnet de liaison".
    case viaStudent = "via-student"
    /// Handed over at the start-of-year meeting.
    case meeting
    /// Picked up at the director's office.
    case office
    /// Sent by post.
    case post
    /// Sent by email.
    case email

    public var frenchName: String {
        switch self {
        case .inClass: "remise en classe"
        case .viaStudent: "via l’élève (carnet de liaison)"
        case .meeting: "réunion de rentrée"
        case .office: "bureau du directeur"
        case .post: "courrier postal"
        case .email: "courriel"
        }
    }

    /// Printed letters, as opposed to email.
    public var isPaper: Bool { self != .email }

    /// Letters grouped by class (one packet per class and teacher), not by school.
    public var isPerClass: Bool { self == .inClass || self == .viaStudent || self == .meeting }

    /// The profiles a channel makes sense for: teachers hand letters to pupils, pupils carry
    /// their parents', and meetings are for parents.
    public func applies(to profile: Profile) -> Bool {
        switch self {
        case .inClass: profile == .student
        case .viaStudent, .meeting: profile == .parent
        case .office, .post, .email: true
        }
    }

    public static func < (a: Channel, b: Channel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
