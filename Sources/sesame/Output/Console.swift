import Foundation

/// Where the CLI writes: results on stdout, messages and errors on stderr.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("erreur : \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Buffered stdout for large listings: one write per 64 KiB rather than per line.
    struct Output {
        private var buffer = ""

        mutating func line(_ text: String = "") {
            buffer += text
            buffer += "\n"
            if buffer.utf8.count > 65_536 { flush() }
        }

        mutating func flush() {
            print(buffer, terminator: "")
            buffer = ""
        }
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
