import Foundation

/// Values worked out once and shared by the threads that ask for them (the sidebars of a build,
/// the months' labels). Two threads asking for the same key at once may both work it out; the
/// values are the same, and the one stored last stays.
public final class SharedMemo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    public init() {}

    public func value(for key: Key, _ make: () -> Value) -> Value {
        if let value = lock.withLock({ values[key] }) { return value }
        let value = make()
        lock.withLock { values[key] = value }
        return value
    }
}
