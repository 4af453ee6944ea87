/// Turns a title or file name into a URL path segment or HTML id that keeps Han characters.
///
/// Letters and digits of any script are kept (ASCII letters lowercased); runs of anything else
/// (spaces, punctuation, full-width punctuation such as `：`) become a single `-`, trimmed at both
/// ends. `第一步：开场破冰` → `第一步开场破冰` keeps its characters because no separator is needed
/// between Han characters; `New Hire 第一周` → `new-hire-第一周`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            // ASCII letters and digits without asking Unicode's tables (file names are mostly ASCII).
            let value = scalar.value
            let isASCIILetterOrDigit = (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
            if isASCIILetterOrDigit || (!scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal)) {
                if pendingDash, !out.isEmpty, !(isHan(scalar) && out.unicodeScalars.last.map(isHan) == true) {
                    out.append("-")
                }
                pendingDash = false
                // An ASCII capital becomes its small letter; nothing else changes.
                out.unicodeScalars.append((0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20)! : scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// Han ideographs: no separator is needed between them.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }
}

/// Hands out unique slugs in order: `a`, `a-2`, `a-3` … (heading ids within a page).
public struct SlugDeduplicator: Sendable {
    private var counts: [String: Int] = [:]

    public init() {}

    public mutating func unique(_ slug: String, fallback: String = "section") -> String {
        let base = slug.isEmpty ? fallback : slug
        let count = (counts[base] ?? 0) + 1
        counts[base] = count
        if count == 1 { return base }
        var candidate = "\(base)-\(count)"
        while counts[candidate] != nil {
            counts[base, default: 0] += 1
            candidate = "\(base)-\(counts[base]!)"
        }
        counts[candidate] = 1
        return candidate
    }
}
