/// An old title found in a text, with the title that replaces it.
public struct TitleOccurrence: Sendable, Hashable {
    public var old: String
    public var new: String
    /// Where `old` starts, in UTF-8 bytes from the start of the text.
    public var utf8Offset: Int

    public init(old: String, new: String, utf8Offset: Int) {
        self.old = old
        self.new = new
        self.utf8Offset = utf8Offset
    }
}

/// Finds and replaces the old department and job titles of `title-map` playbooks in a text.
///
/// The text is scanned once, left to right. At each position the longest title that starts there
/// wins, old or new: an old title is replaced (or reported), a new title is stepped over whole, so
/// with 客服 → 客服顾问 the 客服 inside 客服顾问 stays as it is, and 客服专员 wins over 客服.
/// Replacements are never scanned again. Matching is case-sensitive and on Unicode scalars.
///
/// A title that is both an old and a new one (a chain A → B, B → C, or a swap) counts as old: a
/// title being renamed away is never current. When one old title is mapped twice, the first
/// mapping wins. Empty titles are ignored.
public struct TitleMatcher: Sendable {
    /// A title as bytes, and the text that replaces it (`nil` for a new title, which stays).
    struct Candidate: Sendable {
        var bytes: [UInt8]
        var old: String
        var replacement: String?
    }

    /// Candidates keyed by the UTF-8 bytes of their first scalar packed into an integer, longest
    /// first: most positions of a text start no title, and they cost one hash lookup.
    private let candidates: [UInt32: [Candidate]]

    public init(_ mappings: [TitleMapping]) {
        var byTitle: [String: String?] = [:]
        for mapping in mappings where !mapping.new.isEmpty && byTitle[mapping.new] == nil {
            byTitle[mapping.new] = .some(nil)
        }
        var olds: Set<String> = []
        for mapping in mappings where !mapping.old.isEmpty && olds.insert(mapping.old).inserted {
            byTitle[mapping.old] = .some(mapping.new)
        }
        var candidates: [UInt32: [Candidate]] = [:]
        for (title, replacement) in byTitle {
            let bytes = Array(title.utf8)
            candidates[Self.key(bytes, at: 0), default: []].append(Candidate(bytes: bytes, old: title, replacement: replacement))
        }
        for key in candidates.keys {
            candidates[key]!.sort { $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.old < $1.old }
        }
        self.candidates = candidates
    }

    /// No titles to look for.
    public var isEmpty: Bool { candidates.isEmpty }

    /// `text` with every old title replaced by its new one.
    public func replacingOldTitles(in text: String) -> String {
        guard !isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        var replaced = false
        scan(bytes) { candidate, offset, replacement in
            if !replaced { out.reserveCapacity(bytes.count + 64) }
            replaced = true
            out.append(contentsOf: bytes[copied..<offset])
            out.append(contentsOf: replacement.utf8)
            copied = offset + candidate.bytes.count
        }
        guard replaced else { return text }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Every old title in `text`, in order.
    public func oldTitles(in text: String) -> [TitleOccurrence] {
        guard !isEmpty else { return [] }
        var found: [TitleOccurrence] = []
        scan(Array(text.utf8)) { candidate, offset, replacement in
            found.append(TitleOccurrence(old: candidate.old, new: replacement, utf8Offset: offset))
        }
        return found
    }

    /// The 1-based line of a UTF-8 offset in `text`.
    public static func line(ofUTF8Offset offset: Int, in text: String) -> Int {
        1 + text.utf8.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Calls `found` for every old title, left to right, without overlaps.
    private func scan(_ bytes: [UInt8], found: (Candidate, Int, String) -> Void) {
        var index = 0
        while index < bytes.count {
            let length = Self.scalarLength(bytes[index])
            if let titles = candidates[Self.key(bytes, at: index)],
                let match = titles.first(where: { Self.matches($0.bytes, bytes, at: index) })
            {
                if let replacement = match.replacement { found(match, index, replacement) }
                index += match.bytes.count
            } else {
                index += length
            }
        }
    }

    private static func matches(_ title: [UInt8], _ bytes: [UInt8], at index: Int) -> Bool {
        guard bytes.count - index >= title.count else { return false }
        for offset in title.indices where bytes[index + offset] != title[offset] { return false }
        return true
    }

    /// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// The bytes of the scalar at `index`, packed big-endian.
    private static func key(_ bytes: [UInt8], at index: Int) -> UInt32 {
        let end = min(bytes.count, index + scalarLength(bytes[index]))
        var key: UInt32 = 0
        for byte in bytes[index..<end] { key = key << 8 | UInt32(byte) }
        return key
    }
}
