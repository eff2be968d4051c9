import Foundation
import MadoguchiDomain
import Testing

@testable import MadoguchiServer

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct QRCodeTests {
    static let uri = TOTP.otpauthURI(
        issuer: "横浜市 窓口", account: "山田 太郎", secret: TOTP.Secret(bytes: Array("12345678901234567890".utf8)))

    @Test func theSVGIsWellFormedXMLThatNeedsNothingTheCSPBlocks() throws {
        // given: an enrolment code, labelled with characters XML escapes
        // when
        let svg = try QRCode.svg(for: Self.uri, label: "認証アプリ用 \"QR\" <コード> & 鍵", moduleSize: 5)
        // then: it parses, and its root says what it is to assistive technology
        let document = try #require(SVGDocument(svg))
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-label"] == "認証アプリ用 \"QR\" <コード> & 鍵")
        #expect(root.attributes["shape-rendering"] == "crispEdges")
        // and: a white square and one path, nothing else, with no style attribute nor anything fetched
        #expect(document.elements.map(\.name) == ["svg", "rect", "path"])
        for element in document.elements {
            #expect(element.attributes["style"] == nil)
            #expect(!element.attributes.keys.contains { $0.hasSuffix("href") })
        }
        // and: the view box is the symbol and a 4-module quiet zone each side, 5 px a module
        let side = document.modules.count + 8
        #expect(root.attributes["viewBox"] == "0 0 \(side) \(side)")
        #expect(root.attributes["width"] == String(side * 5))
        #expect(document.elements[1].attributes["fill"] == "#fff")
        #expect(!svg.contains(Self.uri) && !svg.contains("GEZDGNBV"))
    }

    @Test func thePathDrawsTheSymbolLibqrencodeMade() throws {
        // given: libqrencode's modules for the URI
        let modules = try QRCode.modules(for: Self.uri)
        // when: the SVG's path is read back into modules
        let drawn = try #require(SVGDocument(try QRCode.svg(for: Self.uri, label: "QR"))).modules
        // then: the same modules, in the same orientation, none of them in the quiet zone
        #expect(drawn == modules)
    }

    @Test func theSymbolHasFinderAndTimingPatternsAndLevelMInItsFormatInformation() throws {
        // given: the symbol as drawn
        let symbol = try #require(SVGDocument(try QRCode.svg(for: Self.uri, label: "QR"))).modules
        let size = symbol.count
        // then: a size QR codes have (17 + 4 × version)
        #expect((size - 17) % 4 == 0 && (21...177).contains(size))
        // and: the three finder patterns (dark 7×7 ring, light ring, dark 3×3 centre)
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect(symbol[top + row][left + column] == (ring != 2), "finder at \(top),\(left)")
                }
            }
        }
        // and: the timing patterns alternate between them, and the dark module is there
        for index in 8..<(size - 8) {
            #expect(symbol[6][index] == index.isMultiple(of: 2))
            #expect(symbol[index][6] == index.isMultiple(of: 2))
        }
        #expect(symbol[size - 8][8])
        // and: both copies of the format information are one valid BCH codeword naming level M
        let format = FormatInformation(symbol)
        #expect(format.first == format.second)
        #expect(format.isValidCodeword)
        #expect(format.errorCorrectionBits == 0b00)
    }

    @Test func shortTextGivesTheSmallestSymbol() throws {
        // given: five upper-case letters, which fit version 1 (21 modules) at level M
        // when
        let modules = try QRCode.modules(for: "HELLO")
        // then
        #expect(modules.count == 21)
    }

    @Test func textTheEncoderCannotTakeIsRefusedWithAReason() {
        // given: more bytes than version 40 holds at level M (2,331), and a NUL
        // then
        #expect(throws: QRCode.Failure.tooLong) {
            try QRCode.svg(for: String(repeating: "あ", count: 1000), label: "QR")
        }
        #expect(throws: QRCode.Failure.containsNUL) { try QRCode.svg(for: "a\u{0}b", label: "QR") }
    }
}

/// The 15 format bits read twice, as a reader does (ISO/IEC 18004 7.9; the order of ZXing's
/// BitMatrixParser): around the top-left finder, then beside the other two.
struct FormatInformation {
    var first = 0
    var second = 0

    init(_ symbol: [[Bool]]) {
        let size = symbol.count
        var positions: [(Int, Int)] = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)]
        positions += (0...5).reversed().map { ($0, 8) }
        first = positions.reduce(0) { $0 << 1 | (symbol[$1.0][$1.1] ? 1 : 0) }
        let others = (size - 7...size - 1).reversed().map { ($0, 8) } + (size - 8...size - 1).map { (8, $0) }
        second = others.reduce(0) { $0 << 1 | (symbol[$1.0][$1.1] ? 1 : 0) }
    }

    /// Without the mask 101010000010010 the bits are 2 of level, 3 of mask pattern and 10 of BCH.
    var unmasked: Int { first ^ 0b101_0100_0001_0010 }
    var errorCorrectionBits: Int { unmasked >> 13 }

    /// Whether the 10 check bits are those of the 5 data bits under the generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1.
    var isValidCodeword: Bool {
        var remainder = (unmasked >> 10) << 10
        for bit in stride(from: 14, through: 10, by: -1) where remainder & (1 << bit) != 0 {
            remainder ^= 0b101_0011_0111 << (bit - 10)
        }
        return unmasked == ((unmasked >> 10) << 10 | remainder)
    }
}

/// An SVG parsed by Foundation's XMLParser, and the modules its path draws.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    private(set) var elements: [Element] = []

    /// nil when the text is not well-formed XML.
    init?(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        elements.append(Element(name: elementName, attributes: attributes))
    }

    /// The dark modules of the path's runs (`M x y h n v1 h-n z`), the quiet zone taken off.
    var modules: [[Bool]] {
        guard let box = elements.first?.attributes["viewBox"]?.split(separator: " ").last.flatMap({ Int($0) }),
            let d = elements.first(where: { $0.name == "path" })?.attributes["d"]
        else { return [] }
        var grid = [[Bool]](repeating: [Bool](repeating: false, count: box), count: box)
        for run in d.split(separator: "z") {
            let parts = run.dropFirst().split(whereSeparator: { " hv".contains($0) }).compactMap { Int($0) }
            guard run.first == "M", parts.count == 5, parts[3] == 1, parts[4] == -parts[2] else { return [] }
            for column in parts[0]..<(parts[0] + parts[2]) { grid[parts[1]][column] = true }
        }
        // The quiet zone must be blank: a module drawn there is kept, and the comparison fails.
        let inner = 4..<(box - 4)
        guard grid.indices.allSatisfy({ row in inner.contains(row) || !grid[row].contains(true) }),
            grid.allSatisfy({ !$0[..<4].contains(true) && !$0[(box - 4)...].contains(true) })
        else { return grid }
        return inner.map { Array(grid[$0][inner]) }
    }
}
