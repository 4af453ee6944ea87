/// Text → search keys, the same way `staybook.js` cuts queries.
///
/// Han text has no spaces between words, so it is cut into overlapping character bigrams
/// (`离职面谈` → 离职 职面 面谈): any two-character word is then one key, longer words are
/// several keys that must all match. The last character of every Han run is also a key of its own,
/// so a one-character query can match the bigrams starting with it or a run's last character.
/// Other letters and digits form lowercase words. Text is first NFKC-normalised (full-width Latin
/// becomes ASCII), lowercased, and common traditional characters become simplified.
public enum SearchTokenizer {
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// Letters and digits outside the Han ranges (`[\p{L}\p{N}]` in the script, which reads UTF-16
    /// code units: characters beyond the BMP separate words on both sides).
    public static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {  // most of the non-Han text: no property lookup
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        guard value <= 0xFFFF else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The text as the index sees it: NFKC, lowercase, simplified.
    public static func normalized(_ text: String) -> [Unicode.Scalar] {
        if let scalars = quicklyNormalized(text) { return scalars }
        return text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.map(ChineseVariants.simplify)
    }

    /// `normalized` without Foundation for text made only of ASCII, Han ideographs, full-width
    /// ASCII and CJK or general punctuation, which is nearly all of a Chinese handbook; `nil`
    /// otherwise. Each of those characters normalises on its own (none combines with a neighbour):
    /// full-width ASCII becomes ASCII, and punctuation, which only separates keys, becomes a space.
    /// The tests compare both ways on the example handbook and on mixed text.
    static func quicklyNormalized(_ text: String) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count / 2)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: scalars.append(Unicode.Scalar(UInt8(value + 0x20)))
            case 0...0x7F: scalars.append(scalar)
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: scalars.append(ChineseVariants.simplify(scalar))
            case 0xFF21...0xFF3A: scalars.append(Unicode.Scalar(UInt8(value - 0xFEE0 + 0x20)))
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(UInt8(value - 0xFEE0)))
            case 0x3000...0x3004, 0x3008...0x3020, 0x3030, 0x3036, 0x3037, 0x303D...0x303F, 0x2010...0x2027, 0x2030...0x205E:
                scalars.append(" ")
            default: return nil
            }
        }
        return scalars
    }

    /// Every key of `text`: bigrams and run-final characters of Han runs, lowercase words.
    public static func keys(_ text: String) -> Set<String> {
        let keys = SearchKeys(text)
        return Set(keys.han.map(SearchKeys.string(han:))).union(keys.words)
    }
}

/// The keys of one text, Han keys packed into integers: a build makes millions of them, and an
/// integer is smaller and much cheaper to hash than a `String` (which normalises as it hashes).
public struct SearchKeys: Sendable {
    /// A bigram is `first << 16 | second` (Han characters are all in the Basic Multilingual Plane,
    /// and none is 0); a single character is its own value. Sorted, each once.
    public var han: [UInt32] = []
    /// Sorted, each once.
    public var words: [String] = []

    public init(_ text: String) {
        // Collected with repeats, then sorted and made unique: cheaper than hashing each key.
        var hanKeys: [UInt32] = []
        var wordKeys: [String] = []
        var run: [Unicode.Scalar] = []
        // A word's UTF-8, made a `String` once it ends (appending scalars to a string was slower).
        var word: [UInt8] = []
        func flush() {
            if let last = run.last {
                for index in run.indices.dropLast() {
                    hanKeys.append(run[index].value << 16 | run[index + 1].value)
                }
                hanKeys.append(last.value)
                run.removeAll(keepingCapacity: true)
            }
            if !word.isEmpty {
                wordKeys.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        for scalar in SearchTokenizer.normalized(text) {
            if SearchTokenizer.isHan(scalar) {
                if !word.isEmpty { flush() }
                run.append(scalar)
            } else if SearchTokenizer.isWordCharacter(scalar) {
                if !run.isEmpty { flush() }
                if scalar.isASCII { word.append(UInt8(scalar.value)) } else { word += Array(String(scalar).utf8) }
            } else {
                flush()
            }
        }
        flush()
        // Compact arrays: a page keeps its keys until every page is analysed.
        han = Self.unique(hanKeys)
        // Most words come many times: made unique by hashing first, then the few left sorted.
        words = Set(wordKeys).sorted()
    }

    /// Sorted, each once: a radix sort a byte at a time (a page's Han keys number thousands, and
    /// comparison sorting them was a third of analysing a page), skipping a byte every key shares.
    static func unique(_ values: [UInt32]) -> [UInt32] {
        guard values.count > 64 else { return unique(values[...]) }
        var keys = values
        var spare = [UInt32](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: UInt32(0), to: 32, by: 8) {
            let sorted = keys.withUnsafeBufferPointer { keys in
                spare.withUnsafeMutableBufferPointer { spare in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for index in counts.indices { counts[index] = 0 }
                        for key in keys { counts[Int(key >> shift & 0xFF)] += 1 }
                        guard !counts.contains(keys.count) else { return false }
                        var start = 0
                        for index in counts.indices {
                            let count = counts[index]
                            counts[index] = start
                            start += count
                        }
                        for key in keys {
                            let bucket = Int(key >> shift & 0xFF)
                            spare[counts[bucket]] = key
                            counts[bucket] += 1
                        }
                        return true
                    }
                }
            }
            if sorted { swap(&keys, &spare) }
        }
        var out: [UInt32] = []
        out.reserveCapacity(keys.count)
        for key in keys where out.last != key { out.append(key) }
        return out
    }

    /// Sorted, each once.
    static func unique<T: Comparable>(_ values: some Collection<T>) -> [T] {
        let values = values.sorted()
        var out: [T] = []
        out.reserveCapacity(values.count)
        for value in values where out.last != value { out.append(value) }
        return out
    }

    /// The text of a packed Han key.
    public static func string(han key: UInt32) -> String {
        var scalars = String.UnicodeScalarView()
        if key > 0xFFFF { scalars.append(Unicode.Scalar(key >> 16)!) }
        scalars.append(Unicode.Scalar(key & 0xFFFF)!)
        return String(scalars)
    }
}
