/// A path inside the output folder, always `/`-separated and relative to the site root
/// (`talk-scripts/new-hire-first-week/index.html`). Every link in the output is made relative from
/// one `SitePath` to another, so the same site works from `file://`, at a domain root and under any
/// sub-path.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The page file inside a folder: `a/b` → `a/b/index.html`; the root folder → `index.html`.
    public static func page(folder: [String]) -> SitePath {
        SitePath((folder + ["index.html"]).joined(separator: "/"))
    }

    /// The non-empty parts between slashes (split on the UTF-8 bytes: `String.split` walks
    /// characters, and every link of every page comes through here).
    public var components: [Substring] {
        var parts: [Substring] = []
        let utf8 = value.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if start < index { parts.append(value[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { parts.append(value[start...]) }
        return parts
    }

    /// The folder this file is in, as components.
    public var directory: [Substring] { Array(components.dropLast()) }

    public var description: String { value }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.value < rhs.value }

    /// The relative, percent-encoded URL from the file at `self` to the file at `target`, e.g.
    /// `../../care/career/index.html`. It always names a file, never a bare folder: from `file://`
    /// a folder link opens a directory listing.
    public func relativeURL(to target: SitePath, fragment: String? = nil) -> String {
        let from = directory
        let to = target.components
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: from.count - common)
        let downs = to[common...].map { URLEncoding.pathSegment(String($0)) }
        var url = (ups + downs).joined(separator: "/")
        if let fragment, !fragment.isEmpty {
            url += "#" + URLEncoding.fragment(fragment)
        }
        return url
    }

    /// `../` repeated once per folder level: the way back to the site root from this file.
    public var rootPrefix: String {
        String(repeating: "../", count: directory.count)
    }
}

/// Percent-encoding for the parts of relative URLs the site writes.
public enum URLEncoding {
    /// RFC 3986 unreserved characters plus the sub-delimiters that are safe in a path segment.
    private static func isSafe(_ byte: UInt8, extra: String) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            extra.utf8.contains(byte)
        }
    }

    private static func encode(_ text: String, extra: String) -> String {
        // Most segments (`talk-scripts`, `index.html`) need nothing encoded.
        if text.utf8.allSatisfy({ isSafe($0, extra: extra) }) { return text }
        // Written as bytes: a Han heading's id is nine escapes a character.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isSafe(byte, extra: extra) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// One path segment: everything but unreserved characters is encoded (`入职期` → `%E5%85%A5…`).
    public static func pathSegment(_ text: String) -> String {
        encode(text, extra: "!$&'()*+,;=@")
    }

    /// A fragment (`#…`); Han characters are encoded too, which every browser decodes before matching ids.
    public static func fragment(_ text: String) -> String {
        encode(text, extra: "!$&'()*+,;=@/?:")
    }

    /// Decodes `%XX` escapes; `nil` for a malformed escape or bytes that are not UTF-8.
    public static func decode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
