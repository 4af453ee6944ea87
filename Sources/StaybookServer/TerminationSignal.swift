import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C (SIGINT) and `kill` (SIGTERM), caught so that `serve` ends cleanly instead of dying.
///
/// Create it before starting the server: a signal that comes while the first build runs is kept
/// and handed to the first `next()`.
public final class TerminationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var waiter: CheckedContinuation<Int32, Never>?
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "staybook-signals")

    /// From now on SIGINT and SIGTERM no longer end the process by themselves.
    public init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Waits for SIGINT or SIGTERM (or returns the one that came already) and returns it.
    public func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            let early: Int32? = lock.withLock {
                if let received {
                    self.received = nil
                    return received
                }
                waiter = continuation
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }
    }

    private func deliver(_ number: Int32) {
        let waiting: CheckedContinuation<Int32, Never>? = lock.withLock {
            defer { waiter = nil }
            if waiter == nil && received == nil { received = number }
            return waiter
        }
        waiting?.resume(returning: number)
    }
}
