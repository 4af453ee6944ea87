/// Escaping for text the engine itself places in HTML or SVG markup (Markdown output and template
/// values have their own escaping).
public enum HTML {
    /// Escapes `& < > " '` for element content and attribute values alike, and drops control
    /// characters other than tab and newline: XML 1.0 forbids them and the HTML checker rejects them.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
