import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SesameCore
import SesameSeason
import SesameStore

/// `sesame serve`: the season in a browser and on a teacher's phone. Every route calls the
/// season library, exactly as the command line does; what a person may see is checked on
/// the server for every page and action.
public struct WebServer: Sendable {
    let season: Season
    let pages: Pages
    let trustProxy: Bool
    let jobs: WebJobs
    let staging: ImportStaging
    /// The SMTP password the administrator gave the server (`$SESAME_SMTP_PASSWORD`), if not in a file.
    let smtpPassword: String?

    /// `pagesFolder`: `Reports/web`. `trustProxy`: behind a TLS reverse proxy. `smtpPassword`:
    /// the SMTP password from the server's environment, for the sends started from the pages.
    public init(season: Season, pagesFolder: URL, trustProxy: Bool = false, smtpPassword: String? = nil) async throws {
        self.season = season
        self.smtpPassword = smtpPassword
        pages = try await Pages(folder: pagesFolder)
        self.trustProxy = trustProxy
        // Printed files of an earlier run are no one's to download any more: their codes go.
        let root = URL(fileURLWithPath: season.store.path + ".impressions", isDirectory: true)
        try? FileManager.default.removeItem(at: root)
        jobs = WebJobs(root: root)
        let imports = URL(fileURLWithPath: season.store.path + ".imports", isDirectory: true)
        try? FileManager.default.removeItem(at: imports)
        staging = ImportStaging(root: imports)
    }

    /// The routes, for the server and for tests.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(pages: pages))
        router.add(middleware: SessionCheck(season: season, trustProxy: trustProxy))
        router.get("/style.css") { _, _ in pages.asset("style.css", type: "text/css; charset=utf-8") }
        router.get("/sesame.js") { _, _ in pages.asset("sesame.js", type: "text/javascript; charset=utf-8") }
        addLogin(to: router)
        addPackets(to: router)
        addDashboard(to: router)
        addTeam(to: router)
        addFollowUp(to: router)
        addSelection(to: router)
        addPlan(to: router)
        addSettings(to: router)
        addPrint(to: router)
        addSend(to: router)
        addImport(to: router)
        addSheets(to: router)
        addPurge(to: router)
        return router
    }

    /// Serves until the process ends. `host`: 127.0.0.1 unless told otherwise. `listening`
    /// is called once the address is bound: until then, nothing is listening to announce.
    public func run(host: String, port: Int, listening: @escaping @Sendable () -> Void = {}) async throws {
        var logger = Logger(label: "sesame")
        logger.logLevel = .notice
        let app = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "Sésame"),
            onServerRunning: { _ in listening() }, logger: logger)
        do {
            try await app.runService()
        } catch let error as IOError {
            throw WebServerError.cannotListen(address: "\(host):\(port)", reason: .init(errno: error.errnoCode))
        } catch is SocketAddressError.UnknownHost {
            throw WebServerError.cannotListen(address: "\(host):\(port)", reason: .unknownHost)
        }
    }
}

/// Errors as pages: a redirect to where the person must go, a French refusal for the rest.
struct ErrorPages: RouterMiddleware {
    typealias Context = WebContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as WebRedirect {
            return .redirect(to: redirect.location)
        } catch SeasonError.forbidden {
            return pages.render("erreur", ["message": SeasonError.forbidden.userMessage], context: context, status: .forbidden)
        } catch SeasonError.nothingImported {
            // The CLI's messages name commands; a page names the page to go to.
            return pages.render("erreur", ["message": "la base ne contient encore aucun compte : importez d’abord l’export de l’ENT (page « Importer »)"], context: context, status: .conflict)
        } catch PlanError.noPlan {
            return pages.render("erreur", ["message": "aucune distribution n’est encore prévue : sélectionnez les comptes puis planifiez-la (page « Planifier »)"], context: context, status: .conflict)
        } catch let error as UserFacingError {
            return pages.render("erreur", ["message": error.userMessage], context: context, status: .badRequest)
        }
    }
}
