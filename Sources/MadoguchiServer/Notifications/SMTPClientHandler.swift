import NIOCore

/// What went wrong with the connection itself, as opposed to what the server replied.
enum SMTPConnectionError: Error, Equatable {
    case timedOut
    case closed
    /// The server sent more after its 220 to STARTTLS: bytes that would be read as if they had come
    /// through TLS (the plaintext injection of CVE-2011-0411).
    case dataAfterSTARTTLS
}

/// Cuts the server's bytes into replies and hands them out one at a time, each waited for at most
/// the command timeout. Lives on the channel's event loop; `SMTPConnection` calls it there.
final class SMTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var parser = SMTPReplyParser()
    private var input = ByteBuffer()
    private var replies: CircularBuffer<SMTPReply> = []
    private var waiter: EventLoopPromise<SMTPReply>?
    private var timeout: Scheduled<Void>?
    /// The first thing that broke the connection; every later wait fails with it.
    private var failure: (any Error)?
    private var context: ChannelHandlerContext?

    /// Nothing received that has not been handed out, not even part of a line.
    var isDrained: Bool {
        replies.isEmpty && input.readableBytes == 0 && !parser.isInsideReply
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil else { return }
        var bytes = unwrapInboundIn(data)
        input.writeBuffer(&bytes)
        do {
            replies.append(contentsOf: try parser.parse(&input))
            input.discardReadBytes()
        } catch {
            fail(error)
            return
        }
        answerWaiter()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPConnectionError.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
    }

    /// Completes `promise` with the next reply, or fails it when none has come within `limit`.
    func nextReply(within limit: TimeAmount, promise: EventLoopPromise<SMTPReply>) {
        precondition(waiter == nil, "one command at a time")
        waiter = promise
        guard !answerWaiter() else { return }
        guard let context else {
            fail(SMTPConnectionError.closed)
            return
        }
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: limit) {
            self.fail(SMTPConnectionError.timedOut)
        }
    }

    /// Records the first failure, closes the connection and fails the waiting caller, if any.
    func fail(_ error: any Error) {
        guard failure == nil else { return }
        failure = error
        context?.close(promise: nil)
        answerWaiter()
    }

    @discardableResult
    private func answerWaiter() -> Bool {
        guard let promise = waiter else { return false }
        let result: Result<SMTPReply, any Error>
        if let reply = replies.popFirst() {
            result = .success(reply)
        } else if let failure {
            result = .failure(failure)
        } else {
            return false
        }
        waiter = nil
        timeout?.cancel()
        timeout = nil
        promise.completeWith(result)
        return true
    }
}
