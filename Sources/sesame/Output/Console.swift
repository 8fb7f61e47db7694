import Foundation
import SesameCore

/// Where the CLI writes: results on stdout, messages and errors on stderr.
enum Console {
    static func error(_ message: String) {
        toStderr("erreur : \(message)")
    }

    static func note(_ message: String) {
        toStderr(message)
    }

    /// Writes a line on stderr after what stdout holds so far: redirected to one file
    /// (`sesame status --chart bilan.png > bilan.txt 2>&1`), stdout is buffered and a note
    /// would otherwise land in the middle of a table.
    static func toStderr(_ line: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Buffered stdout for large listings: one write per 64 KiB rather than per line.
    struct Output {
        private var buffer: [UInt8] = []

        mutating func line(_ text: String = "") {
            buffer.append(contentsOf: text.utf8)
            endLine()
        }

        /// A CSV line, written straight into the buffer.
        mutating func csvLine(_ fields: [String]) {
            CSVLine.append(fields, to: &buffer)
            endLine()
        }

        private mutating func endLine() {
            buffer.append(10)
            if buffer.count > 65_536 { flush() }
        }

        /// The bytes as they are, after what `print` holds (as `print` ignored a closed pipe,
        /// so does this): made into a `String` first, they were checked as UTF-8 a second time.
        mutating func flush() {
            fflush(nil)
            try? FileHandle.standardOutput.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
