import CQRencode
import Foundation

/// QR codes as inline SVG, through libqrencode: the otpauth URI a staff member's authenticator app
/// scans when they enrol. Drawn as one `<path>` on a white square, with presentation attributes
/// only (no `style`, nothing fetched), so the page's Content-Security-Policy lets it show.
enum QRCode {
    enum Failure: Error, Equatable {
        /// More than the largest symbol (version 40) holds at error-correction level M.
        case tooLong
        /// Text with a NUL character, which libqrencode's C-string input would cut short.
        case containsNUL
        /// libqrencode failed otherwise (out of memory), with its errno.
        case encoder(errno: Int32)
    }

    /// Blank modules around the symbol that readers need to find it (ISO/IEC 18004).
    static let quietZone = 4

    /// The symbol for `text` at error-correction level M: rows of modules, true for dark. Digits and
    /// upper-case runs are packed densely, everything else as 8-bit data: its UTF-8 bytes, with no
    /// ECI header naming the charset, so a reader guesses it for text beyond ASCII (zbarimg takes
    /// them for Shift_JIS). An otpauth URI is ASCII: `TOTP.otpauthURI` percent-encodes the names.
    static func modules(for text: String) throws(Failure) -> [[Bool]] {
        guard !text.utf8.contains(0) else { throw .containsNUL }
        let symbol = text.withCString { QRcode_encodeString($0, 0, QR_ECLEVEL_M, QR_MODE_8, 1) }
        guard let symbol else { throw errno == ERANGE ? .tooLong : .encoder(errno: errno) }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is part of.
        return (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
    }

    /// An inline `<svg>` of `text`'s QR code, `moduleSize` CSS pixels a module, named for assistive
    /// technology by `label` (what the code is for: never the text itself, which holds the secret).
    static func svg(for text: String, label: String, moduleSize: Int = 4) throws(Failure) -> String {
        try node(for: text, label: label, moduleSize: moduleSize).rendered
    }

    /// The same `<svg>` as a node of a page, its attributes escaped like any other.
    static func node(for text: String, label: String, moduleSize: Int = 4) throws(Failure) -> Node {
        let modules = try modules(for: text)
        let side = String(modules.count + 2 * quietZone)
        let pixels = String((modules.count + 2 * quietZone) * moduleSize)
        return .element(
            "svg",
            [
                Attribute("xmlns", "http://www.w3.org/2000/svg"), Attribute("viewBox", "0 0 \(side) \(side)"),
                Attribute("width", pixels), Attribute("height", pixels), Attribute("role", "img"),
                Attribute("aria-label", label), Attribute("shape-rendering", "crispEdges"),
            ],
            [
                .element("rect", [Attribute("width", side), Attribute("height", side), Attribute("fill", "#fff")], []),
                .element("path", [Attribute("d", path(of: modules)), Attribute("fill", "#000")], []),
            ])
    }

    /// One rectangle per run of dark modules in a row, in module units past the quiet zone.
    static func path(of modules: [[Bool]]) -> String {
        var d = ""
        for (row, line) in modules.enumerated() {
            var column = 0
            while column < line.count {
                guard line[column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < line.count && line[column] { column += 1 }
                let run = column - start
                d += "M\(start + quietZone) \(row + quietZone)h\(run)v1h-\(run)z"
            }
        }
        return d
    }
}
