import Dispatch

extension Array where Element: Sendable {
    /// `map` across all cores, keeping order. For CPU-bound work over many independent items
    /// (parsing, rendering); `transform` must not touch shared mutable state.
    public func parallelMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = UncheckedPointer(buffer.baseAddress!)
            withoutActuallyEscaping(transform) { transform in
                let work = UncheckedBox(transform)
                self.withUnsafeBufferPointer { input in
                    let input = UncheckedBox(input)
                    DispatchQueue.concurrentPerform(iterations: count) { index in
                        (base.pointer + index).initialize(to: work.value(input.value[index]))
                    }
                }
            }
            initialized = count
        }
    }
}

/// Each index is written by exactly one iteration, so sharing the base pointer is safe.
private struct UncheckedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Work started on another thread now and waited for later: a step that does not depend on the
/// one the caller runs meanwhile (the theme, while the pages are assembled).
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the work before `done` is left, read after waiting on it.
    private var value: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            self.value = work()
            self.done.leave()
        }
    }

    /// The work's result, once it has finished.
    public func wait() -> Value {
        done.wait()
        return value!
    }
}
