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

    static func read(_ req: Request) async throws -> FormBody {
        let body = try await req.bodyBytes(max: req.madoguchi.config.maxBodyBytes)
        let bytes = body.readableBytesView
        let form: FormBody
        switch req.headers.contentType {
        case .some(let type) where type.type == "application" && type.subType == "x-www-form-urlencoded":
            form = try parseURLEncoded(String(decoding: bytes, as: UTF8.self))
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

    static func parseURLEncoded(_ text: String) throws -> FormBody {
        var form = FormBody()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw AppError.badRequest
            }
            form.fields[name, default: []].append(value)
        }
        return form
    }

    /// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte; the bytes must be UTF-8.
    static func decode(_ part: Substring) -> String? {
        let utf8 = part.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(part) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high != utf8.endIndex else { return nil }
                let low = utf8.index(after: high)
                guard low != utf8.endIndex, let h = hexValue(utf8[high]), let l = hexValue(utf8[low]) else {
                    return nil
                }
                bytes.append(h << 4 | l)
                index = low
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(validating: bytes, as: UTF8.self)
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
                } else {
                    collector.form.fields[name, default: []].append(String(decoding: collector.body, as: UTF8.self))
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
        return collector.form
    }

    /// `form-data; name="a"; filename="b.pdf"` → ["name": "a", "filename": "b.pdf"].
    static func dispositionParameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in value.split(separator: ";").dropFirst() {
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
