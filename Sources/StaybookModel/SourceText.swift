import Foundation

/// Text files as authors save them: UTF-8, maybe with a byte-order mark, maybe with CRLF endings.
public enum SourceText {
    /// The bytes of the file at `path`, or nil when it cannot be read. The one read the inputs go
    /// through (the only I/O in this module): Foundation's `FileManager.contents(atPath:)` leaks a
    /// 4 KB buffer for every empty file it reads (seen under AddressSanitizer, Swift 6.3), and an
    /// empty file is a mistake authors make.
    public static func bytes(atPath path: String) -> [UInt8]? {
        bytes(of: open(path, O_RDONLY | O_CLOEXEC))
    }

    /// `bytes(atPath:)` for a path relative to the open folder `folder`: the kernel looks up the
    /// names below it only, not the whole path again for every file of a large site.
    public static func bytes(in folder: Int32, atPath path: String) -> [UInt8]? {
        bytes(of: openat(folder, path, O_RDONLY | O_CLOEXEC))
    }

    private static func bytes(of descriptor: Int32) -> [UInt8]? {
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        // Read straight into the array (not zeroed first: a state file is tens of megabytes); past
        // the size fstat gave, grow (a file still being written).
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(status.st_size) + 1) { _, count in count = Int(status.st_size) + 1 }
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Decodes UTF-8, drops a leading byte-order mark and normalises line endings to `\n`.
    /// Invalid UTF-8 is reported at the line and byte where it starts.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.error("the file is saved as UTF-16, not UTF-8", file: file, line: 1, hint: utf16Hint))
        }
        // A NUL is no character of any text an author writes: the file is binary or UTF-16 without
        // a byte-order mark (where every ASCII character carries a NUL and would pass as UTF-8).
        let nul = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        if let offset = nul {
            let before = bytes[bytes.startIndex..<(bytes.startIndex + offset)]
            let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
            return .failure(
                .error(
                    "the file holds a NUL byte (byte \(bytes.startIndex + offset - lineStart + 1) of this line): it is not a text file, or it is saved as UTF-16",
                    file: file, line: line, hint: utf16Hint))
        }
        // Line endings on the bytes: searching a large String for "\r" goes through CFString.
        if bytes.contains(0x0D) { bytes = normalisingLineEndings(bytes)[...] }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            return .failure(
                .error(
                    "the file is not valid UTF-8 (byte \(column) of this line)", file: file, line: line,
                    hint: utf8Hint))
        }
        return .success(text)
    }

    static let utf16Hint = "save it as UTF-8 (Notepad: 另存为, 编码 UTF-8), or convert it, e.g. `iconv -f UTF-16 -t UTF-8`"
    static let utf8Hint = "save it as UTF-8; GBK/GB2312 files from older editors must be converted, e.g. `iconv -f GBK -t UTF-8`"

    /// CRLF and lone CR become LF. Both are ASCII, so this never splits a UTF-8 sequence.
    private static func normalisingLineEndings(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, index - lineStart + 1)
            }
            let end = index + length
            if end > bytes.endIndex || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                return (line, index - lineStart + 1)
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = end
            }
            index = end
        }
        return (line, 1)
    }
}

extension String {
    /// Every occurrence of `target` replaced, compared byte for byte in UTF-8 (no Unicode
    /// equivalence: the callers rewrite markup). Foundation's `range(of:)` goes through CFString and
    /// was a fifth of a large build.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        replacingAll([(target, replacement)])
    }

    /// Each pair's target replaced by its replacement, one pair after another, as
    /// `replacingAll(_:with:)` would, but on one buffer of bytes made into a `String` once (each
    /// `String` made from bytes is a pass that checks them).
    public func replacingAll(_ pairs: [(target: String, replacement: String)]) -> String {
        var bytes: [UInt8]?
        for (target, replacement) in pairs {
            var needle = target
            let replaced: [UInt8]? = needle.withUTF8 { needle in
                if let current = bytes {
                    return current.withUnsafeBufferPointer { Self.replacing(needle, with: replacement, in: $0) }
                }
                var text = self
                return text.withUTF8 { Self.replacing(needle, with: replacement, in: $0) }
            }
            if let replaced { bytes = replaced }
        }
        return bytes.map { String(decoding: $0, as: UTF8.self) } ?? self
    }

    /// `hay` with every `needle` replaced; nil when it has none.
    private static func replacing(_ needle: UnsafeBufferPointer<UInt8>, with replacement: String, in hay: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !needle.isEmpty, let first = ByteSearch.find(needle, in: hay, from: 0) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(hay.count + 64)
        var start = 0
        var match: Int? = first
        while let found = match {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[start..<found]))
            out.append(contentsOf: replacement.utf8)
            start = found + needle.count
            match = ByteSearch.find(needle, in: hay, from: start)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[start...]))
        return out
    }

}

extension StringProtocol {
    /// Whether `target` occurs, compared byte for byte in UTF-8 (Foundation's `contains` goes
    /// through locale-aware NSString search, which cost 3 s over 10,000 pages).
    public func containsBytes(_ target: String) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.containsBytes(target) } ?? Array(utf8).withUnsafeBufferPointer { $0.containsBytes(target) }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `target`'s UTF-8 occurs in these bytes (an empty target always does).
    public func containsBytes(_ target: String) -> Bool {
        var needle = target
        return needle.withUTF8 { $0.isEmpty || ByteSearch.find($0, in: self, from: 0) != nil }
    }
}

/// Substring search over UTF-8 buffers.
public enum ByteSearch {
    /// The offset of the first `needle` in `hay` at or after `from`.
    ///
    /// memchr finds the needle's rarest byte (memmem is a GNU extension Swift does not import),
    /// memcmp checks the rest: in Chinese HTML a space or `<` comes every few bytes, an `=` once per
    /// attribute, so anchoring `" align=\""` on its space made a search a memcmp every few bytes.
    public static func find(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = hay.baseAddress, let pattern = needle.baseAddress, !needle.isEmpty, from <= hay.count - needle.count else {
            return nil
        }
        let anchor = needle.indices.max { rarity(needle[$0]) < rarity(needle[$1]) }!
        let byte = Int32(needle[anchor])
        var start = from
        let last = hay.count - needle.count
        while start <= last {
            guard let hit = memchr(base + start + anchor, byte, last - start + 1) else { return nil }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base) - anchor
            if memcmp(base + offset, pattern, needle.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }

    /// How seldom `byte` comes in the HTML and Markdown of a Chinese handbook, roughly (higher is rarer).
    static func rarity(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "="): 8
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): 7
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"), UInt8(ascii: "q"),
            UInt8(ascii: "v"), UInt8(ascii: "w"), UInt8(ascii: "x"), UInt8(ascii: "y"), UInt8(ascii: "z"):
            7
        case UInt8(ascii: "\""): 5
        case UInt8(ascii: "/"), UInt8(ascii: "-"): 4
        case UInt8(ascii: "<"), UInt8(ascii: ">"): 3
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 3
        case 0x21...0x7E: 6
        // A Han character's last two bytes spread over 64 values, its first over a few.
        case 0x80...0xBF: 1
        case 0xC0...: 0
        default: 1
        }
    }
}
