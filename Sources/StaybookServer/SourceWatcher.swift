import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Watches a project's sources (`content/` and `themes/`, every folder in them) and reports the
/// files that changed, a burst at a time: after the first change it waits until `quiet` passes
/// without another (at most `cap`), so an editor's save or a `git checkout` of fifty files is one
/// report.
///
/// Linux: inotify, a watch on every folder, added for new folders as they appear. Elsewhere (or
/// when asked): a walk of the folders every `pollInterval`, comparing sizes and modification times.
final class SourceWatcher: @unchecked Sendable {
    enum Mode: Sendable {
        /// inotify where there is one, else polling.
        case automatic
        case polling
    }

    let root: URL
    /// The folders under `root` to watch, whether or not they exist yet.
    let folders: [String]
    let mode: Mode
    let quiet: Duration
    let cap: Duration
    let pollInterval: Duration
    private let onChange: @Sendable (Set<String>) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    /// - Parameter onChange: called on the watcher's thread with the changed paths, relative to `root`
    init(
        root: URL, folders: [String] = ["content", "themes"], mode: Mode = .automatic,
        quiet: Duration = .milliseconds(20),
        cap: Duration = .milliseconds(500), pollInterval: Duration = .milliseconds(250),
        onChange: @escaping @Sendable (Set<String>) -> Void
    ) {
        self.root = root.standardizedFileURL
        self.folders = folders
        self.mode = mode
        self.quiet = quiet
        self.cap = cap
        self.pollInterval = pollInterval
        self.onChange = onChange
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Starts watching; what exists now is the baseline.
    func start() {
        #if os(Linux)
            let inotify = mode == .automatic ? InotifyWatch(root: root, folders: folders) : nil
        #else
            let inotify: InotifyWatch? = nil
        #endif
        let snapshot = inotify == nil ? scan() : [:]
        let thread = Thread { [self] in
            if let inotify {
                runInotify(inotify)
            } else {
                runPolling(from: snapshot)
            }
            finished.signal()
        }
        thread.name = "staybook-watch"
        self.thread = thread
        thread.start()
    }

    /// Stops watching and waits for the watcher's thread to end.
    func stop() {
        let wasRunning = lock.withLock {
            defer { stopped = true }
            return !stopped && thread != nil
        }
        if wasRunning { finished.wait() }
    }

    /// Editors' temporary files: Emacs `.#name` locks, `name~` backups, Vim's swap files and the
    /// `4913` it writes to test a folder.
    static func isEditorDropping(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name == "4913"
    }

    static func matters(_ path: String) -> Bool {
        guard let name = path.split(separator: "/").last else { return false }
        return !isEditorDropping(name)
    }

    // MARK: - The burst

    /// Collects changes into bursts: `add` the changes seen, `due` says when to report them.
    struct Burst {
        var paths: Set<String> = []
        var first: ContinuousClock.Instant?
        var last: ContinuousClock.Instant?

        mutating func add(_ changed: some Sequence<String>, at now: ContinuousClock.Instant) {
            var any = false
            for path in changed where SourceWatcher.matters(path) {
                paths.insert(path)
                any = true
            }
            guard any else { return }
            if first == nil { first = now }
            last = now
        }

        /// How long to wait for more before reporting; `nil` when there is nothing to report.
        func wait(quiet: Duration, cap: Duration, now: ContinuousClock.Instant) -> Duration? {
            guard let first, let last else { return nil }
            return max(.zero, min(last + quiet, first + cap) - now)
        }

        mutating func take() -> Set<String> {
            defer { self = Burst() }
            return paths
        }
    }

    // MARK: - inotify

    #if os(Linux)
        private func runInotify(_ watch: InotifyWatch) {
            defer { watch.close() }
            var burst = Burst()
            let idle = Duration.milliseconds(100)
            while !isStopped {
                let now = ContinuousClock.now
                let wait = burst.wait(quiet: quiet, cap: cap, now: now)
                if let wait, wait == .zero {
                    onChange(burst.take())
                    continue
                }
                let timeout = min(wait ?? idle, idle)
                let changed = watch.read(timeoutMilliseconds: Int32(max(1, timeout.milliseconds)))
                burst.add(changed, at: ContinuousClock.now)
            }
        }
    #else
        private func runInotify(_ watch: InotifyWatch) {}
    #endif

    // MARK: - Polling

    struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    /// Every file under the watched folders with its size and modification time.
    func scan() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.isDirectoryKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            let url = root.appending(path: folder)
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys) else {
                continue
            }
            for case let file as URL in enumerator {
                guard let values = try? file.resourceValues(forKeys: Set(keys)), values.isDirectory != true else {
                    continue
                }
                let relative = String(file.standardizedFileURL.path.dropFirst(root.path.count + 1))
                stamps[relative] = Stamp(
                    size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
            }
        }
        return stamps
    }

    private func runPolling(from snapshot: [String: Stamp]) {
        var previous = snapshot
        var burst = Burst()
        while !isStopped {
            let wait = burst.wait(quiet: quiet, cap: cap, now: .now)
            if let wait, wait == .zero {
                onChange(burst.take())
                continue
            }
            Thread.sleep(
                forTimeInterval: Double((wait.map { min($0, pollInterval) } ?? pollInterval).milliseconds) / 1000)
            let current = scan()
            let changed = Set(current.keys).union(previous.keys).filter { current[$0] != previous[$0] }
            previous = current
            burst.add(changed, at: .now)
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

#if os(Linux)
    /// One inotify instance with a watch on every folder under the watched ones, and on the project
    /// folder itself (only to notice `content/` or `themes/` appearing).
    /// Used by the watcher's thread only.
    final class InotifyWatch: @unchecked Sendable {
        private let fd: Int32
        private let root: URL
        private let folders: Set<String>
        /// Watch descriptor → folder path relative to the root ("" for the root).
        private var watches: [Int32: String] = [:]
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        private static let folderEvents = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                | IN_DELETE_SELF)

        /// `nil` when the system refuses an inotify instance (then the caller polls).
        init?(root: URL, folders: [String]) {
            fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            self.root = root
            self.folders = Set(folders)
            let rootWatch = inotify_add_watch(fd, root.path, UInt32(IN_CREATE | IN_MOVED_TO | IN_ONLYDIR))
            if rootWatch >= 0 { watches[rootWatch] = "" }
            for folder in folders { _ = addTree(folder) }
        }

        func close() { Glibc.close(fd) }

        /// Watches `relative` and every folder in it; returns the files found there (they may have
        /// been written before the watch existed).
        private func addTree(_ relative: String) -> [String] {
            let url = root.appending(path: relative)
            let wd = inotify_add_watch(fd, url.path, Self.folderEvents | UInt32(IN_ONLYDIR))
            guard wd >= 0 else { return [] }
            watches[wd] = relative
            var files: [String] = []
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in entries {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.appending(path: name).path, isDirectory: &isDirectory)
                else { continue }
                if isDirectory.boolValue {
                    files += addTree(relative + "/" + name)
                } else {
                    files.append(relative + "/" + name)
                }
            }
            return files
        }

        /// Waits up to `timeoutMilliseconds` for events and returns the paths they name.
        func read(timeoutMilliseconds: Int32) -> [String] {
            var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pollfd, 1, timeoutMilliseconds) > 0 else { return [] }
            var changed: [String] = []
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes { bytes -> (Int32, UInt32, Int) in
                        let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = buffer[nameStart..<(nameStart + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset = nameStart + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // Events were lost: everything may have changed.
                        changed.append("*")
                        continue
                    }
                    if mask & UInt32(IN_IGNORED) != 0 {
                        watches[wd] = nil
                        continue
                    }
                    guard let folder = watches[wd] else { continue }
                    if folder.isEmpty {
                        // The project folder: only `content/` or `themes/` appearing matters.
                        if folders.contains(name) { changed += addTree(name) + [name] }
                        continue
                    }
                    guard !name.isEmpty else { continue }
                    let path = folder + "/" + name
                    if mask & UInt32(IN_ISDIR) != 0 {
                        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { changed += addTree(path) }
                        // A folder's own changes (its time, its attributes) are its files' changes.
                        if mask & UInt32(IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE) != 0 {
                            changed.append(path + "/")
                        }
                        continue
                    }
                    changed.append(path)
                }
            }
            return changed
        }
    }
#else
    final class InotifyWatch: @unchecked Sendable {
        init?(root: URL, folders: [String]) { nil }
        func close() {}
    }
#endif
