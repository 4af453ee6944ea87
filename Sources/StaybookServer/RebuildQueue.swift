import Foundation

/// Runs rebuilds one at a time on a thread of their own (a build keeps cores busy for a while;
/// the server's tasks must not wait behind it). Changes that come in during a rebuild are merged
/// and cause exactly one more rebuild afterwards.
final class RebuildQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: Set<String> = []
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private let rebuild: @Sendable (Set<String>) -> Void

    /// - Parameter rebuild: called on the queue's thread with the paths changed since the last call
    init(rebuild: @escaping @Sendable (Set<String>) -> Void) {
        self.rebuild = rebuild
    }

    func start() {
        let thread = Thread { [self] in
            while let paths = next() { rebuild(paths) }
            finished.signal()
        }
        thread.name = "staybook-rebuild"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Asks for a rebuild for `paths` (merged with any already waiting).
    func schedule(_ paths: Set<String>) {
        guard !paths.isEmpty else { return }
        condition.withLock {
            pending.formUnion(paths)
            condition.signal()
        }
    }

    /// Lets the rebuild under way finish, drops the waiting ones and ends the thread.
    func stop() {
        let wasRunning = condition.withLock {
            defer { stopped = true }
            condition.signal()
            return !stopped && thread != nil
        }
        if wasRunning { finished.wait() }
    }

    private func next() -> Set<String>? {
        condition.withLock {
            while pending.isEmpty && !stopped { condition.wait() }
            if stopped { return nil }
            defer { pending = [] }
            return pending
        }
    }
}
