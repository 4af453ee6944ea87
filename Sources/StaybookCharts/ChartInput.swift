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
    /// The words the chart adds itself, in the site's language.
    public var words: ChartWords

    public init(title: String, description: String, words: ChartWords = .chinese) {
        self.title = title
        self.description = description
        self.words = words
    }
}

/// The words a chart writes besides its title, description and series names: the site passes
/// them from the theme's strings (`chart.*`); `{value}`, `{name}` … are filled in here.
public struct ChartWords: Sendable, Hashable {
    /// `目标 {value}`: the target line's label and the sparkline's description.
    public var target: String
    /// `{name}最近一期（{latest}）{latestValue}，最高（{highest}）{highestValue}`: a series, for screen readers.
    public var latestAndHighest: String
    /// `最近一期 {value}`: a sparkline's latest value.
    public var latest: String
    /// `{days} 天`: a reading of the survival curve.
    public var days: String
    /// `入职后天数`: the survival curve's x axis.
    public var daysAxis: String
    /// `暂无数据`: a chart with nothing to draw.
    public var noData: String
    /// Ends a sentence (`。`), introduces a list (`：`), separates clauses (`，`) and list items (`；`).
    public var sentenceEnd: String
    public var listIntro: String
    public var clauseSeparator: String
    public var listSeparator: String

    public init(
        target: String, latestAndHighest: String, latest: String, days: String, daysAxis: String, noData: String,
        sentenceEnd: String, listIntro: String, clauseSeparator: String, listSeparator: String
    ) {
        self.target = target
        self.latestAndHighest = latestAndHighest
        self.latest = latest
        self.days = days
        self.daysAxis = daysAxis
        self.noData = noData
        self.sentenceEnd = sentenceEnd
        self.listIntro = listIntro
        self.clauseSeparator = clauseSeparator
        self.listSeparator = listSeparator
    }

    /// The words of the charts' own tests and of callers that pass none (the site always passes
    /// the theme's).
    public static let chinese = ChartWords(
        target: "目标 {value}", latestAndHighest: "{name}最近一期（{latest}）{latestValue}，最高（{highest}）{highestValue}",
        latest: "最近一期 {value}", days: "{days} 天", daysAxis: "入职后天数", noData: "暂无数据", sentenceEnd: "。", listIntro: "：", clauseSeparator: "，",
        listSeparator: "；")

}

import Foundation
