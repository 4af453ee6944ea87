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
        guard scalar.value <= 0xFFFF else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The text as the index sees it: NFKC, lowercase, simplified.
    public static func normalized(_ text: String) -> String.UnicodeScalarView {
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            scalars.append(ChineseVariants.simplified[scalar] ?? scalar)
        }
        return scalars
    }

    /// Every key of `text`: bigrams and run-final characters of Han runs, lowercase words.
    public static func keys(_ text: String) -> Set<String> {
        var keys = Set<String>()
        var han: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !han.isEmpty {
                for index in han.indices.dropLast() {
                    var bigram = String.UnicodeScalarView()
                    bigram.append(han[index])
                    bigram.append(han[index + 1])
                    keys.insert(String(bigram))
                }
                keys.insert(String(han.last!))
                han.removeAll(keepingCapacity: true)
            }
            if !word.isEmpty {
                keys.insert(String(word))
                word = String.UnicodeScalarView()
            }
        }
        for scalar in normalized(text) {
            if isHan(scalar) {
                if !word.isEmpty { flush() }
                han.append(scalar)
            } else if isWordCharacter(scalar) {
                if !han.isEmpty { flush() }
                word.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return keys
    }
}
