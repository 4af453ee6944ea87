import Foundation
import StaybookModel

/// The templates one output file was rendered with, noted while it renders so that a later build
/// knows which template edits make the file stale (`Theme.templateKeys`).
///
/// Bound for the length of one render job with `TemplateUsage.$current.withValue(…)`; a job runs on
/// one thread, so the class needs no lock. Outside a job nothing is noted.
///
/// It also keeps the processor time the job's thread spent in the template engine: `seconds` in the
/// renders the job started, `nestedSeconds` the part of it spent in renders started inside another
/// (the sidebar, rendered while the page's frame asks for it). `build --timings` prints their sum
/// over all jobs, what the theme's templates cost.
public final class TemplateUsage: @unchecked Sendable {
    @TaskLocal public static var current: TemplateUsage?

    public private(set) var names: Set<String> = []
    public private(set) var seconds = 0.0
    public private(set) var nestedSeconds = 0.0
    private var depth = 0

    public init() {}

    public func note(_ name: String) {
        names.insert(name)
    }

    /// The thread's processor time now, at the start of a render.
    func enter() -> Double {
        depth += 1
        return Self.threadSeconds()
    }

    func leave(since start: Double) {
        depth -= 1
        let spent = Self.threadSeconds() - start
        if depth == 0 { seconds += spent } else { nestedSeconds += spent }
    }

    /// Processor time of the calling thread (not wall-clock time: a thread waiting for a core
    /// does not count).
    static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// The template engine's processor time over a build's jobs, added up from many threads.
public final class TemplateTime: @unchecked Sendable {
    private let lock = NSLock()
    private var total = (all: 0.0, nested: 0.0)

    public init() {}

    public func add(_ usage: TemplateUsage) {
        lock.withLock {
            total.all += usage.seconds
            total.nested += usage.nestedSeconds
        }
    }

    /// All of it, and the part spent in templates rendered inside others.
    public var seconds: (all: Double, nested: Double) { lock.withLock { total } }
}

extension Theme {
    /// Template name → a hash of its text and of every partial it includes, transitively: equal
    /// keys mean the template renders the same context to the same bytes. A template that includes
    /// a partial chosen at render time (`{{>*name}}`) depends on every template.
    public static func templateKeys(texts: [String: String]) -> [String: UInt64] {
        templateKeys(texts: texts, references: texts.mapValues { text in Theme.scan(text).tags.filter { $0.sigil == ">" || $0.sigil == "<" }.map(\.name) })
    }

    /// `templateKeys(texts:)` with each template's `{{> name}}` and `{{< name}}` names already scanned.
    static func templateKeys(texts: [String: String], references: [String: [String]]) -> [String: UInt64] {
        var all = ContentHash()
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            all.combine(name)
            all.combine(text)
        }
        var keys: [String: UInt64] = [:]
        for name in texts.keys {
            var closure: Set<String> = [name]
            var pending = [name]
            var dynamic = false
            while let next = pending.popLast() {
                for reference in references[next] ?? [] {
                    if reference.hasPrefix("*") {
                        dynamic = true
                    } else if closure.insert(reference).inserted {
                        pending.append(reference)
                    }
                }
            }
            if dynamic {
                keys[name] = all.value
                continue
            }
            var hash = ContentHash()
            for member in closure.sorted() {
                hash.combine(member)
                hash.combine(texts[member] ?? "\u{0}missing")
            }
            keys[name] = hash.value
        }
        return keys
    }

    /// A hash of the theme's name and every file that is neither a template nor an asset (the
    /// strings of every language, `theme.yml` …): what every page depends on besides its templates.
    public var sharedKey: UInt64 {
        var hash = ContentHash()
        hash.combine(name)
        for (path, file) in files.sorted(by: { $0.key < $1.key }) where !path.hasPrefix("templates/") && !path.hasPrefix("assets/") {
            hash.combine(path)
            hash.combine(file.data.count)
            hash.combine(file.data)
        }
        return hash.value
    }
}
