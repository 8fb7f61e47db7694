import Foundation
import SesameFixtures

/// Importing the académie's export (1,000,000 accounts, ~3,500 schools), side by side in one
/// run with the floor of loading that CSV into SQLite: the `sqlite3` shell's `.import` of the
/// same file into one table (no parsing of names, no index). Target: ≤ 3× the floor, ≤ 1 GiB.
/// Then filtered selections over the store (≤ 1 s each).
struct ImportBench {
    let options: Options

    init(_ options: Options) {
        self.options = options
    }

    func run() throws {
        try FileManager.default.createDirectory(at: options.work, withIntermediateDirectories: true)
        let export = options.work.appendingPathComponent("academie-\(options.accounts).csv")
        let responsables = options.work.appendingPathComponent("academie-\(options.accounts)-responsables.csv")
        if !FileManager.default.fileExists(atPath: export.path) || !FileManager.default.fileExists(atPath: responsables.path) {
            let (result, seconds) = try Measure.timed {
                try AcademyGenerator.writeExport(accounts: options.accounts, seed: 2026, to: export, addresses: responsables)
            }
            print("generated \(result.accounts) accounts in \(result.schools) schools (\(result.bytes / 1_048_576) MiB) in \(Measure.format(seconds))")
        }
        let db = options.work.appendingPathComponent("academie.db").path
        let floor = options.work.appendingPathComponent("academie-floor.db").path
        // A single run moved by a tenth from one to the next on this project's machine: the
        // median of five runs in turn, each side into a new file.
        var peak = 0.0
        var rows = 0
        let ours = {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            let run = try Measure.sesame(["import", export.path, "--db", db, "--format", "json"])
            guard run.status == 0 else { throw BenchError.failed("import") }
            peak = max(peak, run.peakMiB)
            return run.seconds
        }
        let shell = {
            try? FileManager.default.removeItem(atPath: floor)
            let run = try Measure.reference(
                "/usr/bin/sqlite3", [floor, "-cmd", ".mode csv", "-cmd", ".separator ;", ".import \(export.path) accounts", "SELECT COUNT(*) FROM accounts"],
                package: "sqlite3")
            rows = Int(run.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            guard rows >= options.accounts else { throw BenchError.failed("sqlite3 .import loaded \(rows) rows") }
            return run.seconds
        }
        let times = try Measure.medians(rounds: 5, [ours, shell])
        print("import (median of 5 runs in turn): \(Measure.format(times[0])), peak \(Int(peak)) MiB")
        print("sqlite3 shell .import of the same file into one table (\(rows) rows): \(Measure.format(times[1]))")
        print(Measure.ratio("Sésame vs the sqlite3 floor", ours: times[0], reference: times[1], target: 3, speedUp: false))

        let reimport = try Measure.sesame(["import", export.path, "--db", db])
        print("same file again (recognised by its SHA-256): \(Measure.format(reimport.seconds))")

        // The same export with ONDE's responsables extraction of every school, into a new store.
        let withFamilies = options.work.appendingPathComponent("academie-familles.db").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: withFamilies + suffix) }
        let familiesRun = try Measure.sesame(["import", export.path, "--addresses", responsables.path, "--db", withFamilies])
        guard familiesRun.status == 0 else { throw BenchError.failed("import with responsables") }
        print("import with ONDE's responsables extraction: \(Measure.format(familiesRun.seconds)), peak \(Int(familiesRun.peakMiB)) MiB")

        let selections: [(String, [String])] = [
            ("one school's pending parents, by class", ["--school", "n°1742 ", "--profile", "parent", "--activation", "pending", "--sort", "class"]),
            ("every school: pending parents with an email", ["--profile", "parent", "--activation", "pending", "--email", "with"]),
            ("every school: CP pupils created since 2026-07-01", ["--profile", "student", "--class", "CP", "--created-since", "2026-07-01"]),
        ]
        for (label, filters) in selections {
            let output = options.work.appendingPathComponent("selection.csv")
            let run = try Measure.sesame(["accounts", "--db", db, "--format", "csv"] + filters, output: output)
            guard run.status == 0 else { throw BenchError.failed(label) }
            let rows = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").count - 1
            print("select \(label): \(rows) accounts in \(Measure.format(run.seconds))")
        }
    }
}

enum BenchError: Error {
    case failed(String)
}
