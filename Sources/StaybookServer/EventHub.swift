import FlyingFox
import FlyingSocks
import Foundation

/// One Server-Sent Event: `event: NAME` and `data: JSON`.
struct ServerSentEvent: Sendable, Equatable {
    var name: String
    var data: String

    /// The bytes on the wire; a JSON text is one line, so it needs one `data:` field.
    var encoded: Data {
        Data("event: \(name)\ndata: \(data.replacingOccurrences(of: "\n", with: "\ndata: "))\n\n".utf8)
    }

    /// A comment line, which browsers ignore: sent now and then so a closed connection is noticed.
    static let keepAlive = Data(": keep-alive\n\n".utf8)
}

/// The browsers listening to `/__staybook/events`, and what a browser that connects now is told at
/// once (`hello`, then the current errors while the build is broken).
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UInt64: AsyncStream<Data>.Continuation] = [:]
    private var nextID: UInt64 = 0
    private var closed = false
    private var hello: ServerSentEvent
    private var brokenBuild: ServerSentEvent?

    init(hello: ServerSentEvent) {
        self.hello = hello
    }

    var count: Int { lock.withLock { subscribers.count } }

    /// A new listener's stream: it starts with `hello` and, while the build is broken, the errors.
    func subscribe() -> EventStream {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id: UInt64? = lock.withLock {
            guard !closed else { return nil }
            nextID += 1
            subscribers[nextID] = continuation
            continuation.yield(hello.encoded)
            if let brokenBuild { continuation.yield(brokenBuild.encoded) }
            return nextID
        }
        if id == nil { continuation.finish() }
        let subscription = Subscription { [weak self] in
            guard let id else { return }
            self?.unsubscribe(id)
        }
        // Weakly: the hub holds the continuation, and the stream's last copy going away is what ends it.
        continuation.onTermination = { [weak subscription] _ in subscription?.cancel() }
        return EventStream(stream: stream, subscription: subscription)
    }

    /// Sends `event` to every listener.
    func publish(_ event: ServerSentEvent) {
        send(event.encoded)
    }

    func send(_ data: Data) {
        lock.withLock {
            for continuation in subscribers.values { continuation.yield(data) }
        }
    }

    /// What new listeners are told while the build is broken (`nil` once it builds again).
    func setBrokenBuild(_ event: ServerSentEvent?) {
        lock.withLock { brokenBuild = event }
    }

    /// Ends every stream, so their responses end; later listeners get an empty stream.
    func close() {
        let continuations = lock.withLock {
            closed = true
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }

    private func unsubscribe(_ id: UInt64) {
        _ = lock.withLock { subscribers.removeValue(forKey: id) }
    }
}

/// Runs its action once: when the response's iterator goes away (the browser left) or the stream ends.
final class Subscription: @unchecked Sendable {
    private let lock = NSLock()
    private var action: (() -> Void)?

    init(_ action: @escaping () -> Void) {
        self.action = action
    }

    func cancel() {
        let action = lock.withLock {
            defer { self.action = nil }
            return self.action
        }
        action?()
    }

    deinit { cancel() }
}

/// The body of an events response: the events as bytes, as long as the browser listens. FlyingFox
/// sends a body of unknown length chunked, one chunk per event.
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    let stream: AsyncStream<Data>
    let subscription: Subscription

    func makeAsyncIterator() -> Iterator {
        Iterator(events: stream.makeAsyncIterator(), subscription: subscription)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<Data>.Iterator
        let subscription: Subscription
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let data = await events.next() else { return nil }
                pending = Array(data)
            }
            let taken = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}
