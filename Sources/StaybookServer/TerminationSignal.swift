import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C and `kill`: the signals that end `serve` cleanly instead of killing it.
public enum TerminationSignal {
    /// Waits for the next SIGINT or SIGTERM and returns it; from the first call on, they no longer
    /// end the process by themselves.
    public static func next() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let queue = DispatchQueue(label: "staybook-signals")
            let resumed = Resumed()
            var sources: [DispatchSourceSignal] = []
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    guard resumed.first() else { return }
                    for source in sources { source.cancel() }
                    continuation.resume(returning: number)
                }
                sources.append(source)
            }
            for source in sources { source.resume() }
        }
    }

    private final class Resumed: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false

        func first() -> Bool {
            lock.withLock {
                defer { done = true }
                return !done
            }
        }
    }
}
