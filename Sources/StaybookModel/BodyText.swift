import Foundation

/// A page's Markdown body: its text, or where to read it the first time something asks, the end
/// of a file an earlier build parsed (`ContentLoader.Cache.Kept`). A one-page edit of a large
/// site then reads the one file it renders again, not every file of the site.
///
/// Its `key` stands for the text without reading it: the hash of the file it is the end of
/// (`ContentHash.ofInput`), or else of the text. Equal keys, equal bodies.
public final class BodyText: @unchecked Sendable, Hashable {
    /// The file a body is read from, and what it must still be.
    public struct Source: Sendable {
        /// The path to open.
        public var path: String
        /// The path the hash names, relative to the project (`content/talk-scripts/exit.md`).
        public var relative: String
        /// The body's length in UTF-8 bytes: the end of the file's decoded text.
        public var length: Int
        /// `ContentHash.ofInput` of the file when it was parsed.
        public var hash: UInt64

        public init(path: String, relative: String, length: Int, hash: UInt64) {
            (self.path, self.relative, self.length, self.hash) = (path, relative, length, hash)
        }
    }

    private let lock = NSLock()
    // Guarded by `lock`: the text once known, the key once computed, whether reading failed.
    private var text: String?
    private var knownKey: UInt64?
    private var didFail = false
    private let source: Source?

    /// A body in memory; `key` is the hash of the file it comes from, when known.
    public init(_ text: String, key: UInt64? = nil) {
        self.text = text
        knownKey = key
        source = nil
    }

    /// A body read from `source` when first needed.
    public init(reading source: Source) {
        self.source = source
        knownKey = source.hash
    }

    /// The text. A body whose file no longer holds what was parsed (it changed or went while the
    /// site was built) is empty and `failed`: the build reports it instead of publishing.
    public var value: String {
        lock.withLock {
            if let text { return text }
            guard !didFail, let source, let read = Self.read(source) else {
                didFail = true
                return ""
            }
            text = read
            return read
        }
    }

    /// Whether reading the body from its file failed.
    public var failed: Bool { lock.withLock { didFail } }

    /// Whether the body is still in its file (nothing has read it).
    public var isUnread: Bool { lock.withLock { text == nil && !didFail } }

    public var key: UInt64 {
        if let key = lock.withLock({ knownKey }) { return key }
        let key = ContentHash.of(value.utf8)
        lock.withLock { knownKey = key }
        return key
    }

    /// The body's length in UTF-8 bytes, without reading it.
    public var utf8Count: Int {
        lock.withLock { text?.utf8.count } ?? source?.length ?? 0
    }

    public static func == (lhs: BodyText, rhs: BodyText) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }

    private static func read(_ source: Source) -> String? {
        guard let bytes = SourceText.bytes(atPath: source.path), ContentHash.ofInput(source.relative, bytes) == source.hash,
            case .success(let text) = SourceText.decode(bytes, file: source.relative), source.length <= text.utf8.count
        else { return nil }
        return String(Substring(text.utf8.suffix(source.length)))
    }
}
