import Synchronization

/// Keeps every message in memory instead of sending it; for tests.
///
/// `failures` are thrown, one per `send`, before anything is recorded, so a test can make the
/// first attempts fail and see a retry go through.
public final class RecordingMailTransport: MailTransport {
    private struct State {
        var sent: [MailMessage] = []
        var failures: [MailError] = []
    }

    private let state: Mutex<State>

    public init(failures: [MailError] = []) {
        state = Mutex(State(failures: failures))
    }

    public func send(_ message: MailMessage) async throws {
        try state.withLock { state in
            if !state.failures.isEmpty {
                throw state.failures.removeFirst()
            }
            state.sent.append(message)
        }
    }

    /// The messages sent so far, oldest first.
    public var sent: [MailMessage] {
        state.withLock { $0.sent }
    }

    /// Makes the next `send` calls throw these errors, in order.
    public func failNext(_ errors: MailError...) {
        state.withLock { $0.failures.append(contentsOf: errors) }
    }
}
