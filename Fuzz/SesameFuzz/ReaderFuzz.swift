import Foundation
import SesameCore
import SesameImport

/// Every reader of a file a director hands Sésame, fed bytes a fuzzer makes: whatever the
/// bytes, a reader either reads them or refuses them with a message; it never stops the
/// program. The first byte picks the reader, the rest is the file.
///
/// Built with libFuzzer by `scripts/fuzz`; built plainly (as `swift build` does), the same
/// program replays the files it is given, to check a fix against a fuzzer's finds.
enum ReaderFuzz {
    private static let settingsFile = FileManager.default.temporaryDirectory
        .appendingPathComponent("sesame-fuzz-\(ProcessInfo.processInfo.processIdentifier).reglages.yaml")

    static func run(_ input: Data) {
        guard let which = input.first else { return }
        let file = input.dropFirst()
        do {
            switch which % 6 {
            case 0: try ENTExportReader(data: file, fileName: "export.csv").read(defaultSchool: nil) { _ in }
            case 1: _ = try AddressFileReader(data: file, fileName: "familles.csv").forEachRecord { _ in }
            case 2: _ = try PupilFileReader(data: file, fileName: "eleves.csv")
            case 3: _ = try SignOffSheetReader.read(data: file, fileName: "feuille.csv")
            case 4: _ = try StrategyReader.read(String(decoding: file, as: UTF8.self), file: "strategie.yaml", name: "strategie")
            default:
                // The settings are read from their file only; without it, there is nothing to fuzz.
                try! file.write(to: settingsFile)
                _ = try SettingsFile.read(settingsFile)
            }
        } catch let error as any UserFacingError {
            precondition(!error.userMessage.isEmpty, "a refusal without a message")
        } catch {
            preconditionFailure("a refusal that is not a user's message: \(error)")
        }
    }
}

@main
enum SesameFuzz {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runLibFuzzer(&argc, &argv) { bytes, count in
            ReaderFuzz.run(Data(bytes: bytes, count: count))
            return 0
        })
        #else
        let files = CommandLine.arguments.dropFirst()
        for path in files {
            ReaderFuzz.run(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        print("\(files.count) files read or refused, none stopped the program")
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver, from the runtime without a `main` that `scripts/fuzz` links: SwiftPM
/// gives an executable its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runLibFuzzer(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
#endif
