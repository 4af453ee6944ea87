/// How a chart labels its values: ticks, end labels and marker labels.
public enum ValueFormat: Sendable, Hashable {
    /// A ratio shown as a percentage (0.083 → "8.3%" with one decimal).
    case percent(decimals: Int)
    /// A count.
    case integer
    /// A number of days ("30 天").
    case days
    /// A score or other measure: whole numbers as they are, others with up to `decimals` decimals
    /// (267.5 stays 267.5, never rounded to 268).
    case score(decimals: Int)

    /// The label for one value.
    func label(_ value: Double) -> String {
        switch self {
        case .percent(let decimals): return SVG.fixed(value * 100, decimals: decimals) + "%"
        case .integer: return SVG.fixed(value, decimals: 0)
        case .days: return SVG.fixed(value, decimals: 0) + " 天"
        case .score(let decimals):
            return value == value.rounded() ? SVG.fixed(value, decimals: 0) : SVG.fixed(value, decimals: decimals)
        }
    }

    /// The label for an axis tick: as few decimals as the tick step needs.
    func tickLabel(_ value: Double, step: Double) -> String {
        switch self {
        case .percent:
            let decimals = max(0, -Int((log10(step * 100)).rounded(.down)))
            return SVG.fixed(value * 100, decimals: min(decimals, 2)) + "%"
        case .integer: return SVG.fixed(value, decimals: 0)
        case .days, .score: return SVG.fixed(value, decimals: 0)
        }
    }
}

/// One named line or bar series. `nil` is a missing value: a gap, never a zero.
public struct Series: Sendable, Hashable {
    public var name: String
    public var values: [Double?]
    /// Drawn dashed (a secondary series; colour never carries meaning alone).
    public var dashed: Bool

    public init(name: String, values: [Double?], dashed: Bool = false) {
        self.name = name
        self.values = values
        self.dashed = dashed
    }
}

/// The accessible name and description of a chart (`<title>` and `<desc>`).
public struct ChartText: Sendable, Hashable {
    public var title: String
    public var description: String

    public init(title: String, description: String) {
        self.title = title
        self.description = description
    }
}

import Foundation
