/// `talk_duration:` in `site.yml`: how long one talk lasts, handbook-wide, so every talk script
/// says the same. A script's `duration` outside the range is a warning at its line.
public struct TalkDurationRange: Sendable, Hashable {
    /// Minutes, inclusive.
    public var min: Int
    public var max: Int
    /// Only talk scripts with this tag are held to the range (e.g. `一对一`: a briefing or a team
    /// meeting is not a one-on-one); every talk script when `nil`.
    public var tag: String?

    public init(min: Int, max: Int, tag: String? = nil) {
        self.min = min
        self.max = max
        self.tag = tag
    }

    /// The minutes a `duration` text states: each number written with digits before 分钟 or 小时,
    /// ranges (`30–45 分钟`) giving both ends. `[]` when it states none (`半小时到一小时`).
    public static func minutes(in text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var found: [Int] = []
        var pending: [Int] = []
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\u{3000}" { index += 1 } }
        while index < scalars.count {
            guard let number = digits(scalars, &index) else {
                index += 1
                pending = []
                continue
            }
            pending.append(number)
            skipSpaces()
            if index < scalars.count, "–—-~～至到".unicodeScalars.contains(scalars[index]) {
                index += 1
                skipSpaces()
                continue
            }
            let rest = String(String.UnicodeScalarView(scalars[index...].prefix(2)))
            if rest == "分钟" || rest.hasPrefix("分") {
                found += pending
            } else if rest == "小时" {
                found += pending.map { $0 * 60 }
            }
            pending = []
        }
        return found
    }

    /// A run of ASCII or full-width digits at `index`, which moves past it.
    public static func digits(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int? {
        var value = 0
        var count = 0
        while index < scalars.count {
            let v = scalars[index].value
            let digit: UInt32
            if (0x30...0x39).contains(v) {
                digit = v - 0x30
            } else if (0xFF10...0xFF19).contains(v) {
                digit = v - 0xFF10
            } else {
                break
            }
            guard value < 100_000 else { return nil }
            value = value * 10 + Int(digit)
            count += 1
            index += 1
        }
        return count > 0 ? value : nil
    }
}
