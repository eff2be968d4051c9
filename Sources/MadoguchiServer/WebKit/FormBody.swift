import MadoguchiDomain
import MultipartKit
import Vapor

/// A submitted HTML form: text values by name (repeatable) and uploaded files.
/// Reading it checks the CSRF token, so no HTML POST handler can forget to.
struct FormBody: Sendable {
    var fields: [String: [String]] = [:]
    var files: [String: UploadedFile] = [:]

    struct UploadedFile: Sendable {
        var filename: String
        var bytes: [UInt8]
    }

    func first(_ name: String) -> String? { fields[name]?.first }

    /// Reads the body: url-encoded, at most `Request.maxTextBodyBytes`; multipart (with files), at
    /// most the configured size or, for a procedure's form, what its step with the most uploads may
    /// carry (their limits together, and 1 MB for everything else).
    static func read(_ req: Request, uploadsOf procedure: Procedure? = nil) async throws -> FormBody {
        let uploads = procedure.map { ($0.largestStepUploadMB + 1) * 1_048_576 } ?? 0
        let isMultipart = req.headers.contentType.map { $0.type == "multipart" } ?? false
        let limit = isMultipart ? max(req.madoguchi.config.maxBodyBytes, uploads) : Request.maxTextBodyBytes
        let body = try await req.bodyBytes(max: limit)
        let bytes = body.readableBytesView
        let form: FormBody
        switch req.headers.contentType {
        case .some(let type) where type.type == "application" && type.subType == "x-www-form-urlencoded":
            form = try parseURLEncoded(bytes)
        case .some(let type) where type.type == "multipart" && type.subType == "form-data":
            guard let boundary = type.parameters["boundary"] else { throw AppError.badRequest }
            form = try parseMultipart(Array(bytes), boundary: boundary)
        case .none where bytes.isEmpty:
            form = FormBody()
        default:
            throw AppError.unsupportedMediaType
        }
        try req.verifyCSRF(form.first(CSRFMiddleware.fieldName))
        return form
    }

    /// application/x-www-form-urlencoded, read as bytes (as the WHATWG URL standard does): pairs
    /// split at '&', name and value at the first '='. One pass over the body's bytes; each name and
    /// value is decoded into one reused buffer and checked as UTF-8 once.
    static func parseURLEncoded(_ bytes: some Collection<UInt8>) throws -> FormBody {
        var form = FormBody()
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)
        try Array(bytes).withUnsafeBufferPointer { body in
            var start = 0
            while start < body.count {
                var end = start
                var equals: Int?
                while end < body.count && body[end] != UInt8(ascii: "&") {
                    if equals == nil && body[end] == UInt8(ascii: "=") { equals = end }
                    end += 1
                }
                if end > start {
                    guard let name = decode(body[start..<(equals ?? end)], into: &scratch),
                        let value = decode(body[(equals.map { $0 + 1 } ?? end)..<end], into: &scratch)
                    else { throw AppError.badRequest }
                    form.fields[name, default: []].append(value)
                }
                start = end + 1
            }
        }
        return form
    }

    /// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte; the bytes must be UTF-8.
    /// `scratch` is working space, kept between calls so that its storage is reused.
    static func decode(_ part: Slice<UnsafeBufferPointer<UInt8>>, into scratch: inout [UInt8]) -> String? {
        scratch.removeAll(keepingCapacity: true)
        var index = part.startIndex
        while index < part.endIndex {
            let byte = part[index]
            if byte == UInt8(ascii: "+") {
                scratch.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < part.endIndex, let high = hexValue(part[index + 1]),
                    let low = hexValue(part[index + 2])
                else { return nil }
                scratch.append(high << 4 | low)
                index += 2
            } else {
                scratch.append(byte)
            }
            index += 1
        }
        return String(validating: scratch, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func parseMultipart(_ bytes: [UInt8], boundary: String) throws -> FormBody {
        final class Collector {
            var form = FormBody()
            var disposition = ""
            var body: [UInt8] = []
            /// A text part whose bytes are not UTF-8 (the whole body is then refused).
            var invalidText = false
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { collector.disposition = value }
        }
        parser.onBody = { buffer in collector.body += buffer.readableBytesView }
        parser.onPartComplete = {
            let parameters = dispositionParameters(collector.disposition)
            if let name = parameters["name"] {
                if let filename = parameters["filename"] {
                    if !filename.isEmpty || !collector.body.isEmpty {
                        collector.form.files[name] = UploadedFile(filename: filename, bytes: collector.body)
                    }
                } else if let text = String(validating: collector.body, as: UTF8.self) {
                    collector.form.fields[name, default: []].append(text)
                } else {
                    collector.invalidText = true
                }
            }
            collector.disposition = ""
            collector.body = []
        }
        do {
            try parser.execute(bytes)
        } catch {
            throw AppError.badRequest
        }
        guard !collector.invalidText else { throw AppError.badRequest }
        return collector.form
    }

    /// `form-data; name="a"; filename="b.pdf"` → ["name": "a", "filename": "b.pdf"].
    static func dispositionParameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        // Split at the semicolons outside quotes: a quoted file name may hold one (報告書;2026年.pdf).
        var items: [Substring] = []
        var start = value.startIndex
        var quoted = false
        var escaped = false
        for index in value.indices {
            let character = value[index]
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                items.append(value[start..<index])
                start = value.index(after: index)
            }
        }
        items.append(value[start...])
        for item in items.dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var raw = pair[1].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("\"") && raw.hasSuffix("\"") && raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            result[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = raw.replacingOccurrences(
                of: "\\\"", with: "\"")
        }
        return result
    }
}
