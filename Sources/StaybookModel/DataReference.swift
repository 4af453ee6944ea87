/// Whose numbers a chart or figure in a playbook shows.
public enum DataSubject: Sendable, Hashable {
    case center
    case area(String)
    case team(String)
}

/// What a ```` ```chart ```` block in Markdown draws; the same charts as the dashboards.
public struct ChartSpec: Sendable, Hashable {
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// Monthly churn and voluntary churn against the target.
        case churn
        /// Month-end headcount.
        case headcount
        /// Hires and leavers per month.
        case flow
        /// Leave reasons over the window.
        case reasons
        /// Tenure at exit over the window.
        case tenure
        /// New-hire survival (Kaplan–Meier).
        case survival
    }

    public var kind: Kind
    public var subject: DataSubject
    /// The latest N months (churn, headcount, flow) or the window (reasons, tenure); `nil` for the default.
    public var months: Int?
    /// Replaces the chart's own title.
    public var title: String?
    /// The line of the opening fence.
    public var line: Int
    /// The line of `team:` or `area:`, for an error about the subject.
    public var subjectLine: Int

    public init(kind: Kind, subject: DataSubject, months: Int? = nil, title: String? = nil, line: Int, subjectLine: Int? = nil) {
        self.kind = kind
        self.subject = subject
        self.months = months
        self.title = title
        self.line = line
        self.subjectLine = subjectLine ?? line
    }
}

/// A number in prose: `` `=churn team:hz-1` ``.
public struct FigureSpec: Sendable, Hashable {
    public enum Name: String, CaseIterable, Sendable, Hashable {
        case period
        case churn
        case voluntaryChurn = "voluntary-churn"
        case trailingChurn = "trailing-churn"
        case target
        case headcount
        case hires
        case leavers
        case earlyLeavers = "early-leavers"
        case teams
        case teamsAboveTarget = "teams-above-target"
        case survival30 = "survival-30"
        case survival90 = "survival-90"
        case survival180 = "survival-180"

        /// What the figure is, for its tooltip.
        public var label: String {
            switch self {
            case .period: "最新数据月份"
            case .churn: "月流失率"
            case .voluntaryChurn: "主动流失率"
            case .trailingChurn: "近 12 个月流失率"
            case .target: "月流失率目标"
            case .headcount: "月末人数"
            case .hires: "当月入职人数"
            case .leavers: "当月离职人数"
            case .earlyLeavers: "当月离职者中司龄不满 30 天的人数"
            case .teams: "班组数"
            case .teamsAboveTarget: "当月流失率高于目标的班组数"
            case .survival30: "新员工 30 天留存率"
            case .survival90: "新员工 90 天留存率"
            case .survival180: "新员工 180 天留存率"
            }
        }

        public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
    }

    public var name: Name
    public var subject: DataSubject
    /// A month other than the latest (`period:2026-09`), for the monthly figures.
    public var period: Period?

    public init(name: Name, subject: DataSubject = .center, period: Period? = nil) {
        self.name = name
        self.subject = subject
        self.period = period
    }
}
