import Foundation
import MadoguchiDomain
import PropertyBased
import Testing

/// `CSVReader` against Python's `csv` module (strict mode), a well-kept reader, on generated text.
/// Python is asked once for the whole batch. Skipped where no `python3` is installed.
@Suite struct CSVDifferentialTests {
    /// Mostly the characters that matter to CSV, so most texts hit quotes and line ends.
    static let text = Gen<Character?>.element(of: Array("ab,\"\r\n 日")).compactMap { $0 }.string(of: 0...24)

    @Test(.enabled(if: PythonCSV.isAvailable))
    func readsArbitraryTextAsPythonsCSVModuleDoes() throws {
        // given
        var rng = Xoshiro()
        let texts = (0..<2000).map { _ in Self.text.run(using: &rng) }
        // when
        let python = try PythonCSV.read(texts)
        // then: where Python refuses, so do we; where we read, Python reads the same. (Python takes
        // a quote inside an unquoted field as text, which we refuse, so that case goes one way.)
        var bothRead = 0
        for (text, expected) in zip(texts, python) {
            let ours = try? CSVReader().records(in: text).map(\.fields)
            if expected == nil { #expect(ours == nil, "\(text.debugDescription)") }
            if let ours {
                // then
                #expect(ours == expected, "\(text.debugDescription)")
                bothRead += 1
            }
        }
        // and: enough texts were read by both for the comparison to mean something
        #expect(bothRead > 100)
    }

    @Test(.enabled(if: PythonCSV.isAvailable))
    func pythonReadsWhatTheWriterWrites() throws {
        // given
        var rng = Xoshiro()
        let documents = (0..<500).map { _ in CSVPropertyTests.records.run(using: &rng) }
        // when
        let python = try PythonCSV.read(documents.map { CSVWriter.document($0) })
        // then
        for (records, read) in zip(documents, python) { #expect(read == records, "\(records)") }
    }
}

/// Python's `csv.reader(strict=True)` over texts; nil for a text it refuses. Blank lines, which
/// Python answers as empty records, are left out as `CSVReader` leaves them.
enum PythonCSV {
    static let isAvailable: Bool = (try? run(#"print("ok")"#, input: Data())) == Data("ok\n".utf8)

    static func read(_ texts: [String]) throws -> [[[String]]?] {
        let script = #"""
            import csv, io, json, sys
            def read(text):
                try:
                    return [r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if r]
                except csv.Error:
                    return None
            json.dump([read(t) for t in json.load(sys.stdin)], sys.stdout)
            """#
        let output = try run(script, input: JSONEncoder().encode(texts))
        return try JSONDecoder().decode([[[String]]?].self, from: output)
    }

    private static func run(_ script: String, input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return output
    }
}
