import Foundation
import StaybookModel

/// Builds one SVG document: escaping, number formatting and the accessible header.
struct SVG {
    private(set) var body: [String] = []
    let width: Double
    let height: Double
    let text: ChartText
    let kind: String

    init(kind: String, width: Double, height: Double, text: ChartText) {
        self.kind = kind
        self.width = width
        self.height = height
        self.text = text
    }

    mutating func add(_ element: String) {
        body.append(element)
    }

    /// A text element; `content` is escaped.
    mutating func label(
        _ content: String, x: Double, y: Double, anchor: String = "start", className: String = "chart-label", size: Double = 12
    ) {
        add(
            "<text class=\"\(className)\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(SVG.number(size))\" fill=\"currentColor\">\(HTML.escape(content))</text>"
        )
    }

    /// The finished document. The id comes from a hash of the whole chart, its size included, so it
    /// is the same on every build and differs between charts on one page, the wide and the narrow
    /// drawing of one chart too (with nothing to draw, their bodies can be the same).
    func document() -> String {
        let inner = body.joined(separator: "\n")
        let size = SVG.number(width) + "x" + SVG.number(height)
        let id = "chart-" + SVG.hash([kind, size, text.title, text.description, inner])
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-\(kind)" viewBox="0 0 \(SVG.number(width)) \(SVG.number(height))" \
            role="img" aria-labelledby="\(id)-title \(id)-desc" font-size="12">
            <title id="\(id)-title">\(HTML.escape(text.title))</title>
            <desc id="\(id)-desc">\(HTML.escape(text.description))</desc>
            \(inner)
            </svg>
            """
    }

    /// A chart with nothing to draw says so, in the same frame.
    static func empty(kind: String, width: Double, height: Double, text: ChartText) -> String {
        var svg = SVG(kind: kind, width: width, height: height, text: text)
        svg.add(
            "<rect class=\"chart-frame\" x=\"0.5\" y=\"0.5\" width=\"\(number(width - 1))\" height=\"\(number(height - 1))\" fill=\"none\" stroke=\"#d9dcd4\"/>"
        )
        svg.label(text.words.noData, x: width / 2, y: height / 2 + 5, anchor: "middle", className: "chart-empty", size: 14)
        return svg.document()
    }

    /// A coordinate with at most one decimal, no trailing ".0", never "-0".
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return fixed(rounded, decimals: 1)
    }

    /// A fixed-point decimal, independent of locale.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(Int(scaled)) }
        let whole = Int(scaled) / Int(scale)
        let fraction = String(Int(scaled) % Int(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// The rough rendered width of a label: Han and other wide characters take one em, the rest 0.6 em.
    static func textWidth(_ string: String, size: Double) -> Double {
        string.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? size : size * 0.6) }
    }

    /// 64-bit FNV-1a of the parts joined by U+001F, as 12 hex digits (the parts are hashed where
    /// they are, not copied into one string first).
    static func hash(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 {
                hash ^= 0x1F
                hash = hash &* 0x100_0000_01b3
            }
            var part = part
            part.withUTF8 { bytes in
                for byte in bytes {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01b3
                }
            }
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}

/// The colour-blind-safe palette (Okabe–Ito). Each series gets a class that CSS maps to a custom
/// property (`--chart-N`) plus the same colour as a presentation attribute for SVG viewed on its own.
enum Palette {
    /// The order series take colours in: the darkest first, so one-series charts keep 3:1 contrast.
    static let order: [(index: Int, hex: String)] = [
        (5, "#0072B2"), (6, "#D55E00"), (3, "#009E73"), (7, "#CC79A7"), (1, "#E69F00"), (2, "#56B4E9"), (4, "#F0E442"),
    ]

    static func colour(_ series: Int) -> (className: String, hex: String) {
        let entry = order[series % order.count]
        return ("chart-c\(entry.index)", entry.hex)
    }

    static let axis = "#5a626b"
    static let grid = "#d9dcd4"
    static let target = "#1c2024"
}
