import ArgumentParser
import SesameCore

/// A command whose errors a director reads: library errors carry French messages,
/// printed on stderr with a non-zero exit code instead of a stack of English.
protocol SesameCommand: ParsableCommand {
    func execute() throws
}

extension SesameCommand {
    func run() throws {
        do {
            try execute()
        } catch let error as UserFacingError {
            Console.error(error.userMessage)
            throw ExitCode.failure
        }
    }
}
