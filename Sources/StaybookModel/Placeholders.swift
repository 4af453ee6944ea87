/// Texts with `{name}` placeholders: the theme's strings, the charts' and the rules' words.
public enum Placeholders {
    /// `text` with every `{name}` of `arguments` replaced by its value, in one pass: a value is
    /// written as it is, never searched for placeholders of its own (a team called `{latest}`
    /// stays `{latest}`), and a placeholder without a value stays as written.
    public static func fill(_ text: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = arguments[String(after[..<close])] {
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        out += rest
        return out
    }
}
