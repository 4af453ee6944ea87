/// `early_warning:` in site.yml: when an agent's figures raise a signal that needs the three-level
/// talk within 24 hours. The defaults are the handbook method's.
public struct EarlyWarningSettings: Sendable, Hashable {
    /// Pay fell by more than this from the month before (in the pay's own unit).
    public var incomeDrop: Double = 500
    /// Quality fell by at least this many points of the fraction week on week (0.02 = 2 percentage points).
    public var qualityDrop: Double = 0.02
    /// Sales fell by at least this share week on week (0.2 = 20%).
    public var salesDrop: Double = 0.2
    /// Efficiency fell by at least this share week on week.
    public var efficiencyDrop: Double = 0.2
    /// Break minutes above this multiple of the team's mean that week (1.2 = 20% above).
    public var breakOveruse: Double = 1.2
    /// How many months (pay) or weeks (the rest) in a row the condition must hold.
    public var inARow: Int = 2

    public init() {}
}

/// `one_on_one:` in site.yml: the cadence of the one-on-one plan and the scripts it points to.
public struct OneOnOneSettings: Sendable, Hashable {
    /// Agents due within this many days after today are listed (the overdue always are).
    public var horizonDays: Int = 14
    /// The first talk is due this many days after hiring.
    public var newHireDays: Int = 7
    /// The share of a team, ranked by monthly mean quality then sales, that counts as top performers.
    public var topShare: Double = 0.2
    /// Top performers are talked to at least every this many days.
    public var topPerformerDays: Int = 90
    /// A month-on-month move of monthly mean quality or sales by this share or more is a swing.
    public var swing: Double = 0.2
    /// A swing is talked about within this many days.
    public var swingDays: Int = 7
    /// A mood change or an intent to leave is talked about within this many working days.
    public var moodWorkingDays: Int = 2
    /// Everyone is talked to at least every this many months.
    public var routineMonths: Int = 6
    /// Playbook ids (page `id:`) to read first, per topic; an id no page has is an error at its line.
    public var playbooks: [PlanTopic: [Located<String>]] = [:]

    public init() {}
}

/// What a talk is about, as `one_on_one.playbooks` keys it: a swing up and a swing down read
/// different scripts, and every early-warning signal reads the three-level talk.
public enum PlanTopic: String, CaseIterable, Sendable, Hashable {
    case newHire = "new_hire"
    case topPerformer = "top_performer"
    case performanceUp = "performance_up"
    case performanceDown = "performance_down"
    case mood
    case intentToLeave = "intent_to_leave"
    case routine
    case earlyWarning = "early_warning"
}

/// Which days are working days: Monday to Friday, less `holidays:`, plus the make-up working days
/// of `workdays:` (a Saturday worked to bridge a public holiday).
public struct WorkCalendar: Sendable, Hashable {
    public var holidays: Set<Day> = []
    public var workdays: Set<Day> = []

    public init(holidays: Set<Day> = [], workdays: Set<Day> = []) {
        self.holidays = holidays
        self.workdays = workdays
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        workdays.contains(day) || (!day.isWeekend && !holidays.contains(day))
    }

    /// The `count`-th working day after `day` (`day` itself not counted).
    public func adding(workingDays count: Int, to day: Day) -> Day {
        var current = day
        var left = count
        while left > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }
}

/// `privacy:` in site.yml.
public struct PrivacySettings: Sendable, Hashable {
    /// Write agent-level pages, talk forms and `api/one-on-ones.json` under `private/`. Off: the
    /// site shows counts per team and reason only, and no agent id reaches any file.
    public var showAgents = false

    public init() {}
}
