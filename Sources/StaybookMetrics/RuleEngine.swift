import Foundation
import StaybookModel

/// A rule whose condition a team's or an area's figures meet: "playbooks to use now".
public struct RuleMatch: Sendable, Hashable {
    /// The rule's index in `SiteConfig.playbookRules`.
    public var rule: Int
    public var name: String
    /// Page ids, in the rule's order.
    public var playbooks: [String]
    /// The figures behind the match, e.g. `月流失率 2026-09 10.3%、2026-10 9.1%，目标 8.0%`.
    public var evidence: String

    public init(rule: Int, name: String, playbooks: [String], evidence: String) {
        self.rule = rule
        self.name = name
        self.playbooks = playbooks
        self.evidence = evidence
    }
}

/// Evaluates `playbook_rules` of site.yml on the metrics.
public enum RuleEngine {
    /// The rules whose condition holds in the latest months of `periods`.
    ///
    /// A month without figures (a gap, or a team that no longer reports) and a value that cannot be
    /// computed (no headcount for a rate, no hires for an early-leaver share, no target) make a
    /// condition false: a rule never claims what the data cannot show.
    /// - Parameters:
    ///   - rules: `SiteConfig.playbookRules`
    ///   - series: a team, an area or the center
    ///   - periods: `Dashboard.periods`, every month with gaps included
    ///   - words: the evidence's words in the site's language
    public static func evaluate(_ rules: [PlaybookRule], on series: ChurnSeries, periods: [Period], words: RuleWords = .chinese) -> [RuleMatch] {
        let figures = Dictionary(series.months.map { ($0.period, $0.figures) }, uniquingKeysWith: { $1 })
        let values = Values(series: series, figures: figures, periods: periods, words: words)
        return rules.enumerated().compactMap { index, rule in
            evidence(for: rule, values).map { RuleMatch(rule: index, name: rule.name, playbooks: rule.playbooks.map(\.value), evidence: $0) }
        }
    }

    /// Errors for playbook ids no page has, at the id's line in site.yml.
    /// - Parameters:
    ///   - playbookIDs: every `id:` of the site's pages
    ///   - file: site.yml, as diagnostics name it
    public static func validate(_ rules: [PlaybookRule], playbookIDs: Set<String>, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in rules {
            for id in rule.playbooks where !playbookIDs.contains(id.value) {
                let close = closeIDs(to: id.value, in: playbookIDs)
                diagnostics.append(
                    .error(
                        "playbook rule `\(rule.name)`: no page has the id `\(id.value)`", file: file, line: id.line,
                        hint: close.isEmpty
                            ? "use the `id:` from the playbook's front matter"
                            : "did you mean \(close.map { "`\($0)`" }.joined(separator: ", "))?"))
            }
        }
        return diagnostics
    }

    /// Up to three ids that contain the text (or that it contains), or that share its section prefix
    /// and at least three more characters (`talk-ear…`), longest shared prefix first.
    public static func closeIDs(to id: String, in ids: Set<String>) -> [String] {
        let section = id.firstIndex(of: "-").map { id.distance(from: id.startIndex, to: $0) + 1 } ?? 0
        let scored: [(id: String, score: Int)] = ids.compactMap { candidate in
            if candidate.contains(id) || id.contains(candidate) { return (candidate, Int.max) }
            let shared = zip(id, candidate).prefix { $0 == $1 }.count
            return shared >= section + 3 ? (candidate, shared) : nil
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(3).map(\.id)
    }

    // MARK: - Evaluation

    /// A metric's value over a window of months, with the figures that show it.
    struct Reading {
        var value: Double
        var text: String
    }

    struct Values {
        let series: ChurnSeries
        let figures: [Period: MonthFigures]
        let periods: [Period]
        let words: RuleWords

        /// `metric` summed over `window` months ending at `periods[end]`; `nil` for a gap in the
        /// window or a value that cannot be computed.
        func reading(_ metric: RuleMetric, window: Int, end: Int) -> Reading? {
            guard end < periods.count, end - window + 1 >= 0 else { return nil }
            let span = periods[(end - window + 1)...end]
            var sum = MonthFigures()
            for period in span {
                guard let month = figures[period] else { return nil }
                sum = sum + month
            }
            let period = periods[end]
            let range = window == 1 ? words.month(period) : Placeholders.fill(words.range, ["first": words.month(span.first!), "last": words.month(period)])
            func counted(_ count: Int) -> String {
                Placeholders.fill(window == 1 ? words.countInMonth : words.countOverWindow, ["range": range, "count": "\(count)"])
            }
            switch metric {
            case .churn, .voluntaryChurn:
                guard let value = metric == .churn ? sum.churn : sum.voluntaryChurn else { return nil }
                return Reading(value: value, text: Placeholders.fill(words.rate, ["range": range, "value": percent(value)]))
            case .trailingChurn:
                guard let value = series.trailing12Churn(through: period) else { return nil }
                return Reading(value: value, text: Placeholders.fill(words.rate, ["range": words.month(period), "value": percent(value)]))
            case .earlyLeaverShare, .earlyLeaverShare90:
                guard sum.hires > 0 else { return nil }
                let (days, early) = metric == .earlyLeaverShare ? (30, sum.earlyLeavers30) : (90, sum.earlyLeavers90)
                let value = Double(early) / Double(sum.hires)
                return Reading(
                    value: value,
                    text: Placeholders.fill(
                        window == 1 ? words.earlyShareInMonth : words.earlyShareOverWindow,
                        ["range": range, "hires": "\(sum.hires)", "days": "\(days)", "early": "\(early)", "share": percent(value)]))
            case .hires:
                return Reading(value: Double(sum.hires), text: counted(sum.hires))
            case .leavers:
                return Reading(value: Double(sum.leavers), text: counted(sum.leavers))
            case .headcount:
                // A month-end figure: the window only asks that its months have data.
                let headcount = figures[period]!.headcountEnd
                return Reading(value: Double(headcount), text: Placeholders.fill(words.countInMonth, ["range": words.month(period), "count": "\(headcount)"]))
            }
        }
    }

    static func evidence(for rule: PlaybookRule, _ values: Values) -> String? {
        let count = values.periods.count
        // Early-leaver readings name their figure themselves; the others get the metric's label.
        let selfDescribing = rule.metric == .earlyLeaverShare || rule.metric == .earlyLeaverShare90
        let words = values.words
        let label = selfDescribing ? "" : "\(words.metricName(rule.metric)) "
        switch rule.comparison {
        case .above(let threshold), .atLeast(let threshold), .below(let threshold):
            guard rule.months <= count, let limit = limit(threshold, rule.metric, values.series, words: words) else { return nil }
            var readings: [Reading] = []
            for end in (count - rule.months)..<count {
                guard let reading = values.reading(rule.metric, window: rule.window, end: end),
                    holds(rule.comparison, reading.value, limit.value)
                else { return nil }
                readings.append(reading)
            }
            return label + readings.map(\.text).joined(separator: selfDescribing ? words.sentenceSeparator : words.readingSeparator) + words.limitSeparator
                + limit.text
        case .rising(let steps), .falling(let steps):
            guard steps < count else { return nil }
            var readings: [Reading] = []
            for end in (count - steps - 1)..<count {
                guard let reading = values.reading(rule.metric, window: rule.window, end: end) else { return nil }
                if let previous = readings.last {
                    let moved = if case .rising = rule.comparison { reading.value > previous.value } else { reading.value < previous.value }
                    guard moved else { return nil }
                }
                readings.append(reading)
            }
            return label + readings.map(\.text).joined(separator: " → ")
        }
    }

    static func holds(_ comparison: RuleComparison, _ value: Double, _ limit: Double) -> Bool {
        switch comparison {
        case .above: value > limit
        case .atLeast: value >= limit
        case .below: value < limit
        case .rising, .falling: false
        }
    }

    /// The number to compare with and how evidence names it; `nil` when the series has no target.
    static func limit(
        _ threshold: RuleComparison.Threshold, _ metric: RuleMetric, _ series: ChurnSeries, words: RuleWords = .chinese
    ) -> (value: Double, text: String)? {
        switch threshold {
        case .target:
            guard let target = series.target else { return nil }
            return (target, Placeholders.fill(words.target, ["value": percent(target)]))
        case .value(let value):
            return (
                value,
                metric.isRate
                    ? Placeholders.fill(words.threshold, ["value": percent(value)]) : Placeholders.fill(words.thresholdCount, ["count": count(value)])
            )
        }
    }

    /// One decimal, as the dashboards show rates: `12.3%`.
    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }

    static func count(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
