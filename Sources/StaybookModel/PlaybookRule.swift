/// A rule from `playbook_rules` in `site.yml`: when a team's (or an area's) figures meet its
/// condition, its dashboard recommends the rule's playbooks.
public struct PlaybookRule: Sendable, Hashable {
    public var name: String
    public var metric: RuleMetric
    public var comparison: RuleComparison
    /// The condition must hold in each of the latest `months` months (threshold comparisons only;
    /// `rising`/`falling` carry their own count).
    public var months: Int = 1
    /// Numerators and denominators are summed over `window` months ending at the month evaluated.
    public var window: Int = 1
    /// Page ids (`id:` in front matter), each with its line in `site.yml`.
    public var playbooks: [Located<String>]
    /// The line of the rule's `- ` item in `site.yml`.
    public var line: Int

    public init(
        name: String, metric: RuleMetric, comparison: RuleComparison, months: Int = 1, window: Int = 1,
        playbooks: [Located<String>], line: Int
    ) {
        self.name = name
        self.metric = metric
        self.comparison = comparison
        self.months = months
        self.window = window
        self.playbooks = playbooks
        self.line = line
    }
}

/// A figure a rule can test. The raw value is its name in `site.yml`.
public enum RuleMetric: String, CaseIterable, Sendable, Hashable {
    /// Leavers / average headcount.
    case churn
    /// Voluntary leavers / average headcount.
    case voluntaryChurn = "voluntary_churn"
    /// Leavers of the last 12 snapshots up to the month evaluated over the mean of their average
    /// headcounts (`ChurnSeries.trailing12Churn`).
    case trailingChurn = "trailing_churn"
    /// Leavers with tenure ≤ 30 days / hires.
    case earlyLeaverShare = "early_leaver_share"
    /// Leavers with tenure ≤ 90 days / hires.
    case earlyLeaverShare90 = "early_leaver_share_90"
    case hires
    case leavers
    /// Month-end headcount.
    case headcount

    /// The figure's name in evidence text.
    public var label: String {
        switch self {
        case .churn: "月流失率"
        case .voluntaryChurn: "主动流失率"
        case .trailingChurn: "近 12 个月流失率"
        case .earlyLeaverShare: "30 天内离职占入职"
        case .earlyLeaverShare90: "90 天内离职占入职"
        case .hires: "入职人数"
        case .leavers: "离职人数"
        case .headcount: "月末人数"
        }
    }

    /// A fraction shown as a percentage (`12.3%`); otherwise a count of people.
    public var isRate: Bool {
        switch self {
        case .churn, .voluntaryChurn, .trailingChurn, .earlyLeaverShare, .earlyLeaverShare90: true
        case .hires, .leavers, .headcount: false
        }
    }

    /// Whether `window` can sum it over several months: a trailing figure is a window already and a
    /// month-end headcount is not a sum.
    public var takesWindow: Bool {
        switch self {
        case .trailingChurn, .headcount: false
        default: true
        }
    }
}

/// How a rule tests its metric.
public enum RuleComparison: Sendable, Hashable {
    /// What a value is compared with.
    public enum Threshold: Sendable, Hashable {
        /// A fraction for rates (0.1 = 10%), a number of people for counts.
        case value(Double)
        /// The series' monthly churn target; rate metrics only.
        case target
    }

    case above(Threshold)
    case atLeast(Threshold)
    case below(Threshold)
    /// The value rose month over month in each of the latest N months (N + 1 months of data).
    case rising(Int)
    /// The value fell month over month in each of the latest N months.
    case falling(Int)

    /// The key in `site.yml`.
    public var key: String {
        switch self {
        case .above: "above"
        case .atLeast: "at_least"
        case .below: "below"
        case .rising: "rising"
        case .falling: "falling"
        }
    }

    public var threshold: Threshold? {
        switch self {
        case .above(let threshold), .atLeast(let threshold), .below(let threshold): threshold
        case .rising, .falling: nil
        }
    }
}
