import StaybookModel

/// The words of a playbook rule's evidence (`月流失率 2026-03 5.0%，目标 4.0%`), in the site's
/// language: the site passes them from the theme's strings (`advice_evidence.*`); `{count}`,
/// `{value}` … are filled in here.
public struct RuleWords: Sendable {
    /// A metric's name, before its readings.
    public var metricName: @Sendable (RuleMetric) -> String
    /// A month as the site writes it.
    public var month: @Sendable (Period) -> String
    /// `{first} 至 {last}`: a window of months.
    public var range: String
    /// `{range} {value}`: a rate over a window; `{range} 共 {count} 人` / `{range} {count} 人`: a count.
    public var rate: String
    public var countOverWindow: String
    public var countInMonth: String
    /// `{range} 共入职 {hires} 人，{days} 天内离职 {early} 人（{share}）` (and without 共 for one month).
    public var earlyShareOverWindow: String
    public var earlyShareInMonth: String
    /// `目标 {value}`, `阈值 {value}`, `阈值 {count} 人`.
    public var target: String
    public var threshold: String
    public var thresholdCount: String
    /// Between readings (`、`), between early-leaver readings (`；`), before the limit (`，`).
    public var readingSeparator: String
    public var sentenceSeparator: String
    public var limitSeparator: String

    public init(
        metricName: @escaping @Sendable (RuleMetric) -> String, month: @escaping @Sendable (Period) -> String, range: String, rate: String,
        countOverWindow: String, countInMonth: String, earlyShareOverWindow: String, earlyShareInMonth: String, target: String,
        threshold: String, thresholdCount: String, readingSeparator: String, sentenceSeparator: String, limitSeparator: String
    ) {
        self.metricName = metricName
        self.month = month
        self.range = range
        self.rate = rate
        self.countOverWindow = countOverWindow
        self.countInMonth = countInMonth
        self.earlyShareOverWindow = earlyShareOverWindow
        self.earlyShareInMonth = earlyShareInMonth
        self.target = target
        self.threshold = threshold
        self.thresholdCount = thresholdCount
        self.readingSeparator = readingSeparator
        self.sentenceSeparator = sentenceSeparator
        self.limitSeparator = limitSeparator
    }

    /// The words of the metrics' own tests and of callers that pass none (the site passes the
    /// theme's).
    public static let chinese = RuleWords(
        metricName: { $0.label }, month: { $0.description }, range: "{first} 至 {last}", rate: "{range} {value}",
        countOverWindow: "{range} 共 {count} 人", countInMonth: "{range} {count} 人",
        earlyShareOverWindow: "{range} 共入职 {hires} 人，{days} 天内离职 {early} 人（{share}）",
        earlyShareInMonth: "{range} 入职 {hires} 人，{days} 天内离职 {early} 人（{share}）", target: "目标 {value}", threshold: "阈值 {value}",
        thresholdCount: "阈值 {count} 人", readingSeparator: "、", sentenceSeparator: "；", limitSeparator: "，")

}
