import Testing

@testable import MadoguchiDomain

@Suite struct FormDataCodingTests {
    static let texts = ["", "山田", "a\"b", "back\\slash", "two\nlines", "葛\u{E0100}", "😀", "１２３", "true", "0", "\u{1}"]

    /// A random answer of every shape stored form data has.
    static func value(depth: Int, _ random: inout some RandomNumberGenerator) -> FormValue {
        switch Int.random(in: 0..<(depth > 1 ? 4 : 6), using: &random) {
        case 0: return .string(texts.randomElement(using: &random)!)
        case 1: return .integer(Int.random(in: -9_007_199_254_740_991...9_007_199_254_740_991, using: &random))
        case 2: return .bool(Bool.random(using: &random))
        case 3:
            return .list((0..<Int.random(in: 0...3, using: &random)).map { _ in texts.randomElement(using: &random)! })
        case 4: return .object(object(depth: depth + 1, &random))
        default:
            return .items((0..<Int.random(in: 1...3, using: &random)).map { _ in object(depth: depth + 1, &random) })
        }
    }

    static func object(depth: Int, _ random: inout some RandomNumberGenerator) -> [String: FormValue] {
        Dictionary(
            (0..<Int.random(in: 0...5, using: &random)).map { ("f\($0)", value(depth: depth, &random)) },
            uniquingKeysWith: { first, _ in first })
    }

    @Test func theFastReaderReadsWhatTheDecoderReads() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            // given stored form data of random shapes
            let data = Self.object(depth: 0, &random)
            let text = FormDataCoding.encode(data)
            // when read both ways, then the same
            #expect(FormDataCoding.read(text) == (try FormDataCoding.decode(text)), "\(text)")
        }
    }

    @Test func whatIsNotFormDataIsNil() {
        for text in [
            "[]", "{\"a\":null}", "{\"a\":1.5}", "{\"a\":[1,2]}", "{\"a\":[\"x\",{}]}", "{", "{\"a\":1,\"a\":2}",
        ] {
            #expect(FormDataCoding.read(text) == nil, "\(text)")
        }
    }
}
