import Foundation
import SesameCore
import SesameImport
import SesameStore

/// A school year's distribution on one store: every workflow of Sésame, written once, that
/// the command line and the web pages both run.
///
/// Each use case is a method taking a request value and returning a result value; none
/// prints or reads the terminal. They throw `UserFacingError`s whose French messages say
/// what to fix. What each writes (the store, files) is said in its documentation.
public struct Season: Sendable {
    /// The store the season lives in.
    public let store: Store
    /// The document and email templates (`Reports/`); nil when none were found, which only
    /// the use cases that write documents or messages refuse.
    public let templatesFolder: URL?
    /// The strategies offered by name (`Strategies/`); nil: none but a file of one's own.
    public let strategiesFolder: URL?

    public init(store: Store, templatesFolder: URL?, strategiesFolder: URL? = nil) {
        self.store = store
        self.templatesFolder = templatesFolder
        self.strategiesFolder = strategiesFolder
    }

    /// The settings file beside the store (`sesame.reglages.yaml` for `sesame.db`).
    public var settingsFile: URL { SettingsFile.location(forStore: store.path) }

    /// The school's settings as they are in the settings file now.
    public func settings() throws -> Settings { try SettingsFile.read(settingsFile) }

    /// The templates folder, or the error saying none was found.
    func templates() throws -> URL {
        guard let templatesFolder else { throw SeasonError.noTemplates }
        return templatesFolder
    }
}
