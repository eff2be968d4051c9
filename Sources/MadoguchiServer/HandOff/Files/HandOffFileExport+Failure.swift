import Foundation
import MadoguchiDomain

extension HandOffFileExport {
    /// Why an export wrote nothing (and moved no cursor).
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case unknownMunicipality(String)
        case unknownProcedure(String)
        case layout(HandOffCatalog.Choice)
        case fixedNeedsCP932
        case badTarget(String)
        /// Another export is writing into the folder.
        case busy(String)
        /// `--again` for a target that has no file yet.
        case nothingToResend
        /// Values that cannot be written (characters without a single substitute, values too long
        /// for their columns, values without a code): every one, up to a thousand, and how many.
        case problems([HandOffProblem], count: Int)
        /// Another export of the target committed while this one was writing.
        case cursorMoved
        /// A file committed but not published is gone from its folder: it was abandoned.
        case missingFiles(number: Int, folder: String, first: Int64, last: Int64)

        /// Exit status for the command line: 65 for data it cannot write, 75 when it should be run
        /// again later, 78 for configuration, 66 otherwise.
        public var exitCode: Int32 {
            switch self {
            case .problems: 65
            case .busy, .cursorMoved: 75
            case .layout, .fixedNeedsCP932, .badTarget, .unknownMunicipality, .unknownProcedure: 78
            case .nothingToResend, .missingFiles: 66
            }
        }

        public var description: String {
            switch self {
            case .unknownMunicipality(let code): "no municipality '\(code)'"
            case .unknownProcedure(let id): "no procedure '\(id)' in the catalog"
            case .layout(let choice): "\(choice)"
            case .fixedNeedsCP932: "a fixed-length file is written in cp932"
            case .badTarget(let target): "target '\(target)' must be lowercase ASCII letters, digits and '-'"
            case .busy(let folder): "another export is writing into \(folder); try again when it has finished"
            case .nothingToResend: "nothing to send again: the target has no file yet"
            case .problems(let problems, let count):
                "nothing was written: \(count) value(s) cannot be written\n"
                    + problems.map(\.description).joined(separator: "\n")
                    + (count > problems.count ? "\n… and \(count - problems.count) more" : "")
            case .cursorMoved: "another export of this target finished meanwhile; nothing was written: run it again"
            case .missingFiles(let number, let folder, let first, let last):
                "file \(number) (queue \(first)–\(last)) was recorded but its files are no longer in \(folder) "
                    + "and it was not published; if the core system did not receive it, send it again with --from \(first)"
            }
        }
    }
}
