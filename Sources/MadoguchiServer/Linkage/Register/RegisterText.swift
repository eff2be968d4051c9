import Foundation
import MadoguchiDomain

/// A file from the core side as text: UTF-8 (a byte order mark is dropped) or CP932, as the
/// operator says, or whichever reads (UTF-8 first: CP932 text is rarely valid UTF-8).
public enum RegisterTextEncoding: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case cp932

    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public func decode(_ bytes: [UInt8]) throws(Unreadable) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        switch self {
        case .utf8:
            guard let text = String(validating: body, as: UTF8.self) else {
                throw Unreadable(description: "the file is not UTF-8")
            }
            return text
        case .cp932:
            do {
                return try CP932.decode(bytes)
            } catch {
                throw Unreadable(description: "the file is not CP932: \(error.message.en)")
            }
        case .auto:
            if let text = String(validating: body, as: UTF8.self) { return text }
            do {
                return try CP932.decode(bytes)
            } catch {
                throw Unreadable(description: "the file is neither UTF-8 nor CP932: \(error.message.en)")
            }
        }
    }
}
