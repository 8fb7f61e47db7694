import Foundation
import GRDB
import Synchronization

/// Issue 13's load: teachers ticking at once against `sesame serve` on the académie's store
/// (the plan `sesame-bench plan` leaves, its letters set to printed in SQL), and a school's
/// dashboard and the support's. Each teacher enrols from their link, opens their class
/// packet, then ticks its letters "Remis" one after the other; all start together.
struct WebBench {
    let options: Options
    let teachers = 200
    /// Ticks per teacher in each phase: at a teacher's pace (one a second, as a class is
    /// handed out), then as fast as the server takes them (the capacity).
    let ticksPerTeacher = 10

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        let db = try options.freshCopy(of: "academie-plan.db", as: "academie-web.db", leftBy: "`sesame-bench import` then `sesame-bench plan`")
        guard try Measure.sesame(["plans", "--db", db]).status == 0 else { throw BenchError.failed("plans") }
        let classes = try DatabaseQueue(path: db).write { db -> [(school: String, className: String)] in
            try db.execute(sql: "UPDATE delivery SET state = 'issued' WHERE state = 'planned'")
            // One class packet in each of 200 different schools.
            return try Row.fetchAll(db, sql: """
                SELECT s.name, b.class_name FROM batch b JOIN school s ON s.id = b.school_id
                WHERE b.channel = 'in-class' GROUP BY b.school_id ORDER BY b.school_id LIMIT ?
                """, arguments: [teachers]).map { ($0[0], $0[1]) }
        }
        var links: [String] = []
        for (i, c) in classes.enumerated() {
            links.append(try enrol(["Enseignant \(i)", "--role", "teacher", "--school", c.school, "--class", c.className], db: db))
        }
        let director = try enrol(["Directrice", "--role", "director", "--school", classes[0].school], db: db)
        let support = try enrol(["Assistance", "--role", "support"], db: db)

        let port = 18_000 + Int(getpid() % 1000)
        let server = Process()
        server.executableURL = Measure.sesame
        server.arguments = ["serve", "--db", db, "--listen", "127.0.0.1:\(port)"]
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var up = false
        for _ in 0..<200 where !up {
            up = (try? HTTPConnection(port: port).get("/connexion").status) == 200
            if !up { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard up else { throw BenchError.failed("serve") }

        // Setting up (enrolling, each a bcrypt hash) is not measured; ticking is.
        var opened: [(HTTPConnection, String, String, [String])] = []
        for link in links {
            do { opened.append(try Self.openPacket(link, port: port)) } catch { print("a teacher could not start: \(error)") }
        }
        let sessions = opened
        for (phase, pace) in [("one tick a second each", 1.0), ("as fast as the server answers", 0.0)] {
            let offset = phase == "as fast as the server answers" ? ticksPerTeacher : 0
            let latencies = Mutex<[Double]>([]), errors = Mutex(0)
            let done = DispatchGroup()
            let start = Date()
            for (i, session) in sessions.enumerated() {
                done.enter()
                Thread {
                    defer { done.leave() }
                    let (connection, packet, csrf, letters) = session
                    for (n, letter) in letters.dropFirst(offset).prefix(ticksPerTeacher).enumerated() {
                        if pace > 0 {
                            // Teachers start spread over the first second, then tick at their pace.
                            let slot = start.addingTimeInterval(Double(i) / Double(teachers) + Double(n) * pace)
                            let wait = slot.timeIntervalSinceNow
                            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                        }
                        let begin = DispatchTime.now().uptimeNanoseconds
                        let reply = try? connection.post("/paquets/\(packet)/lettres/\(letter)", ["csrf": csrf, "resultat": "received"])
                        let ms = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
                        if reply?.status == 303 { latencies.withLock { $0.append(ms) } } else { errors.withLock { $0 += 1 } }
                    }
                }.start()
            }
            done.wait()
            let seconds = Date().timeIntervalSince(start)
            let sorted = latencies.withLock { $0.sorted() }
            func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
            print("web, \(sessions.count) teachers ticking at once, \(phase), \(sorted.count) ticks: \(Int(Double(sorted.count) / seconds)) ticks/s, "
                  + String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(0.5), percentile(0.99), sorted.last ?? 0)
                  + ", errors \(errors.withLock { $0 })")
        }

        for (name, link) in [("a school's dashboard (director)", director), ("every school's dashboard (support)", support)] {
            let connection = try Self.enrolled(link, port: port)
            var times: [Double] = []
            for _ in 0..<5 {
                let (reply, time) = try Measure.timed { try connection.get("/tableau") }
                guard reply.status == 200 else { throw BenchError.failed("tableau \(reply.status)") }
                times.append(time * 1000)
            }
            print(String(format: "web, %@: median %.0f ms over 5", name, times.sorted()[2]))
        }
    }

    private func enrol(_ arguments: [String], db: String) throws -> String {
        let output = options.work.appendingPathComponent("lien.txt")
        let run = try Measure.sesame(["user", "add"] + arguments + ["--db", db], output: output)
        guard run.status == 0, let link = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").last else {
            throw BenchError.failed("user add")
        }
        return String(link.split(separator: "/inscription/").last!)
    }

    /// A teacher enrolled from their link, logged in.
    static func enrolled(_ token: String, port: Int) throws -> HTTPConnection {
        let connection = try HTTPConnection(port: port)
        let page = try connection.get("/inscription/\(token)")
        guard let csrf = field("csrf", in: page.body) else { throw BenchError.failed("inscription \(page.status)") }
        let reply = try connection.post("/inscription/\(token)", ["csrf": csrf, "motdepasse": "un mot de passe sûr", "confirmation": "un mot de passe sûr"])
        guard reply.status == 303 else { throw BenchError.failed("inscription \(reply.status)") }
        return connection
    }

    /// A teacher logged in with their packet open: the packet, the form token, its letters to tick.
    static func openPacket(_ token: String, port: Int) throws -> (HTTPConnection, String, String, [String]) {
        let connection = try enrolled(token, port: port)
        let home = try connection.get("/")
        guard let range = home.body.range(of: "href=\"/paquets/") else { throw BenchError.failed("no packet") }
        let packet = String(home.body[range.upperBound...].prefix { $0.isNumber })
        let page = try connection.get("/paquets/\(packet)")
        guard let csrf = field("csrf", in: page.body) else { throw BenchError.failed("packet page") }
        let letters = page.body.components(separatedBy: "id=\"lettre-").dropFirst().map { String($0.prefix { $0.isNumber }) }
        return (connection, packet, csrf, letters)
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
