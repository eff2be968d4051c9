import NIOCore

/// One server reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    /// The text of each line, after the code and its `-` or space.
    var lines: [String]

    /// The text with anything that looks like an address (a word holding `@`) replaced, cut to
    /// 200 characters: servers echo the recipient in their refusals, and this text ends up in logs.
    var safeText: String {
        let words = lines.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true)
        let text = words.map { $0.contains("@") ? "[address]" : String($0) }.joined(separator: " ")
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// A reply line that is not SMTP, or more than this client reads.
enum SMTPReplyError: Error, Equatable {
    case malformed
    case tooLong
}

/// Cuts the byte stream from the server into replies: `250-first`, `250-second`, `250 last` make
/// one reply of three lines. Lines end in CRLF; a bare LF is taken too.
struct SMTPReplyParser {
    /// RFC 5321 §4.5.3.1.5 allows 512 octets; some servers send longer EHLO lines, so allow more.
    static let maximumLineLength = 4096
    static let maximumLines = 512

    private var code: Int?
    private var lines: [String] = []

    /// True between the first and the last line of a multi-line reply.
    var isInsideReply: Bool { code != nil }

    /// Reads every complete line in `buffer`, leaving a partial one there, and returns the replies
    /// they complete.
    mutating func parse(_ buffer: inout ByteBuffer) throws(SMTPReplyError) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            guard length < Self.maximumLineLength else { throw .tooLong }
            var line = buffer.readBytes(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.last == UInt8(ascii: "\r") {
                line.removeLast()
            }
            if let reply = try accept(line) {
                replies.append(reply)
            }
        }
        guard buffer.readableBytes < Self.maximumLineLength else { throw .tooLong }
        return replies
    }

    private mutating func accept(_ line: [UInt8]) throws(SMTPReplyError) -> SMTPReply? {
        guard line.count >= 3, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0]),
            line[1...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { throw .malformed }
        let lineCode = line[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { throw .malformed }
        guard code == nil || code == lineCode else { throw .malformed }
        guard lines.count < Self.maximumLines else { throw .tooLong }
        code = lineCode
        lines.append(String(decoding: line.dropFirst(4), as: UTF8.self))
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}

extension SMTPReply {
    /// The EHLO keywords the server offered, upper-cased, with their parameters
    /// (`AUTH` → `["PLAIN", "LOGIN"]`); the first line is the greeting, not a keyword.
    var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            if let keyword = words.first {
                result[keyword] = Array(words.dropFirst())
            }
        }
        return result
    }
}
