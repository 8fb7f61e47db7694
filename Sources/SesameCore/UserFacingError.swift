/// An error a director can act on: its message is French and names what to fix.
public protocol UserFacingError: Error {
    var userMessage: String { get }
}
