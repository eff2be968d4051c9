import Foundation

/// A real SMTP server on loopback for one test: aiosmtpd, run by `scripts/lib/smtp_sink.py` from the
/// project's `.venv`. Every message it accepts is kept as a file, read back with `received()`.
final class SMTPSink {
    struct Options {
        var reject: [String] = []
        var tempfail: [String] = []
        var noEHLO = false
        var starttls = false
        var implicitTLS = false
        var auth: (user: String, password: String)?
        /// Listen on this port (0: a free one), e.g. to come back on the same port after an outage.
        var port = 0
        /// Keep what it receives in this folder (e.g. the same one across an outage).
        var directory: URL?
    }

    /// One accepted message, as the sink wrote it.
    struct Received: Decodable {
        struct Parsed: Decodable {
            var subject: String?
            var fromName: String?
            var fromAddress: String?
            var toAddress: String?
            var messageId: String?
            var date: String?
            var contentType: String?
            var charset: String?
            var transferEncoding: String?
            var body: String?
            var defects: [String]?
            var error: String?
        }

        var mailFrom: String
        var rcptTos: [String]
        var helo: String?
        var tls: Bool
        var auth: String?
        var dataBase64: String
        var parsed: Parsed

        var data: [UInt8] { Array(Data(base64Encoded: dataBase64)!) }
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    let directory: URL
    let port: Int
    private let process: Process
    private let input: Pipe

    /// The sink's self-signed certificate (with `starttls` or `implicitTLS`).
    var certificatePEM: [UInt8] {
        get throws { Array(try Data(contentsOf: directory.appendingPathComponent("cert.pem"))) }
    }

    static func start(_ options: Options = Options()) async throws -> SMTPSink {
        let python = repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw StartFailure(
                description: """
                    \(python.path) is missing: the SMTP tests deliver to a real server (aiosmtpd) run from \
                    the project's venv. Create it with scripts/test (its deps phase), or with: python3 -m venv \
                    .venv && .venv/bin/pip install -r scripts/requirements-test.txt
                    """)
        }
        let directory =
            options.directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("port"))
        var arguments = [
            repositoryRoot.appendingPathComponent("scripts/lib/smtp_sink.py").path, "--dir", directory.path,
        ]
        arguments += options.reject.flatMap { ["--reject", $0] } + options.tempfail.flatMap { ["--tempfail", $0] }
        if options.noEHLO { arguments.append("--no-ehlo") }
        if options.starttls { arguments.append("--starttls") }
        if options.implicitTLS { arguments.append("--implicit-tls") }
        if let auth = options.auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }
        if options.port != 0 { arguments += ["--port", String(options.port)] }

        let log = directory.appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()

        // Ready once it has written its port; a sink that dies first (no aiosmtpd, no openssl) says why.
        let portFile = directory.appendingPathComponent("port")
        for _ in 0..<1500 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                return SMTPSink(directory: directory, port: port, process: process, input: input)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.terminate()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: directory)
        throw StartFailure(
            description: "scripts/lib/smtp_sink.py did not start (is aiosmtpd in .venv? scripts/requirements-test.txt"
                + " lists it):\n\(output)")
    }

    private init(directory: URL, port: Int, process: Process, input: Pipe) {
        self.directory = directory
        self.port = port
        self.process = process
        self.input = input
    }

    /// The messages accepted so far, in order.
    func received() throws -> [Received] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try files.map {
            try decoder.decode(Received.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }

    func stop(keepingMessages: Bool = false) {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
        if !keepingMessages { try? FileManager.default.removeItem(at: directory) }
    }
}

/// Runs `body` with a sink of its own, stopped afterwards whatever happens.
func withSMTPSink<T>(
    _ options: SMTPSink.Options = SMTPSink.Options(), _ body: (SMTPSink) async throws -> T
) async throws -> T {
    let sink = try await SMTPSink.start(options)
    defer { sink.stop() }
    return try await body(sink)
}
