import StaybookModel

/// Why an agent is due for a one-on-one: the cadence reasons and the early-warning signals.
public enum PlanReason: String, CaseIterable, Sendable, Hashable, Comparable {
    // Early-warning signals first: they have the shortest clock.
    case incomeDrop = "income_drop"
    case qualityDrop = "quality_drop"
    case salesDrop = "sales_drop"
    case efficiencyDrop = "efficiency_drop"
    case breakOveruse = "break_overuse"
    case voiceEmotion = "voice_emotion"
    case tabooWords = "taboo_words"
    case intentToLeave = "intent_to_leave"
    case mood
    case performanceSwing = "performance_swing"
    case newHire = "new_hire"
    case topPerformer = "top_performer"
    case routine

    /// Needs the three-level talk within 24 hours.
    public var isEarlyWarning: Bool {
        switch self {
        case .incomeDrop, .qualityDrop, .salesDrop, .efficiencyDrop, .breakOveruse, .voiceEmotion, .tabooWords: true
        default: false
        }
    }

    public var label: String {
        switch self {
        case .incomeDrop: "收入异动"
        case .qualityDrop: "质量异动"
        case .salesDrop: "营销异动"
        case .efficiencyDrop: "效能异动"
        case .breakOveruse: "小休超时"
        case .voiceEmotion: "声纹情绪波动"
        case .tabooWords: "禁忌用语"
        case .intentToLeave: "流露离职意向"
        case .mood: "情绪变化"
        case .performanceSwing: "绩效波动"
        case .newHire: "新员工第一次谈话"
        case .topPerformer: "骨干季度谈话"
        case .routine: "例行谈话"
        }
    }

    public static func < (a: PlanReason, b: PlanReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One reason an agent is due, with its deadline and the figures that raised it.
public struct PlanItem: Sendable, Hashable {
    public var reason: PlanReason
    /// The day the data showed it (a signal) or the day the clock started (cadence).
    public var raised: Day
    public var due: Day
    /// For a performance swing: up (`true`) or down.
    public var up: Bool?
    /// The figures that triggered it, oldest first (empty for cadence reasons).
    public var evidence: [Evidence]
    /// Playbook ids to read first.
    public var playbooks: [String]
}

/// A run of figures that raised a signal: `质量 93% → 91% → 89%`.
public struct Evidence: Sendable, Hashable {
    public enum Measure: String, Sendable, Hashable {
        case income, quality, sales, efficiency
        case breakMinutes = "break_minutes"
        /// Monthly means of quality or sales (a swing).
        case monthlyQuality = "monthly_quality"
        case monthlySales = "monthly_sales"
        /// The team's mean break minutes, beside the agent's.
        case teamBreakMinutes = "team_break_minutes"
        /// A flag the team lead or the quality system reported.
        case flag
    }

    public var measure: Measure
    /// Week (`2026-W41`) or month (`2026-10`) labels and their values.
    public var points: [(label: String, value: Double)]
    /// For a flag: the day it was reported, when known.
    public var note: String?

    public static func == (a: Evidence, b: Evidence) -> Bool {
        a.measure == b.measure && a.note == b.note && a.points.map(\.label) == b.points.map(\.label) && a.points.map(\.value) == b.points.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(measure)
        for point in points {
            hasher.combine(point.label)
            hasher.combine(point.value)
        }
    }
}

/// An agent on the talk list.
public struct PlanEntry: Sendable, Hashable {
    public var agent: String
    public var team: String
    public var hired: Day
    public var lastTalk: Day?
    /// The earliest deadline of `items`.
    public var due: Day
    /// Earliest deadline first.
    public var items: [PlanItem]
    /// The agent's recent weeks (up to six) and months of pay, for the talk form.
    public var recentWeeks: [AgentWeek]
    public var recentIncome: [(period: Period, income: Double)]

    public var reasons: [PlanReason] { items.map(\.reason) }

    /// Playbook ids in the order to read them: the most urgent reason's first, each once.
    public var playbooks: [String] {
        var seen: Set<String> = []
        return items.flatMap(\.playbooks).filter { seen.insert($0).inserted }
    }

    public static func == (a: PlanEntry, b: PlanEntry) -> Bool {
        a.agent == b.agent && a.team == b.team && a.due == b.due && a.items == b.items
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(agent)
        hasher.combine(due)
    }
}

/// Who to talk to, by when, and why: every agent of the latest snapshot whose deadline is past or
/// falls within the horizon.
public struct OneOnOnePlan: Sendable {
    /// The day the plan is made for: the last day of the latest snapshot's month, or `--as-of`.
    public var today: Day
    /// The last day a deadline may fall on to be listed.
    public var horizonEnd: Day
    /// The month whose snapshot the plan reads.
    public var period: Period
    /// Team ids with agent data in that month, in snapshot order, with their names.
    public var teams: [(id: String, name: String, agents: Int)]
    /// Most urgent first: earliest deadline, then the most urgent reason, then agent id.
    public var entries: [PlanEntry]

    public func entries(team: String) -> [PlanEntry] { entries.filter { $0.team == team } }
    public func isOverdue(_ day: Day) -> Bool { day < today }
}

/// Snapshots + talk log + site.yml → the plan. Pure: same input, same plan.
public enum OneOnOnePlanner {
    /// - Parameters:
    ///   - asOf: the day to plan for; default the last day of the latest snapshot's month.
    /// - Returns: `nil` when no snapshot up to `asOf` has agent data.
    public static func plan(
        snapshots: [Snapshot], talks: [TalkRecord], config: SiteConfig, asOf: Day? = nil
    ) -> OneOnOnePlan? {
        let sorted = snapshots.sorted { $0.period < $1.period }.filter { asOf == nil || $0.period <= asOf!.period }
        guard let current = sorted.last, current.teams.contains(where: { !$0.agents.isEmpty }) else { return nil }
        let today = asOf ?? current.period.lastDay
        let settings = config.oneOnOne
        let horizonEnd = today.adding(days: settings.horizonDays)
        let byPeriod = Dictionary(sorted.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })

        // The latest talk of each agent up to today: the talk log and every snapshot's last_one_on_one.
        var lastTalk: [String: Day] = [:]
        for talk in talks where talk.date <= today {
            lastTalk[talk.agent] = max(lastTalk[talk.agent] ?? talk.date, talk.date)
        }
        for snapshot in sorted {
            for team in snapshot.teams {
                for agent in team.agents {
                    if let day = agent.lastOneOnOne, day <= today { lastTalk[agent.id] = max(lastTalk[agent.id] ?? day, day) }
                }
            }
        }
        // Each agent's month in the months the signals look back on (pay: `inARow` months before),
        // indexed once: a lookup per agent and month instead of a scan of every team.
        var agentMonths: [Period: [String: AgentMonth]] = [:]
        var lookBack = current.period
        for _ in 0...max(1, config.earlyWarning.inARow) {
            if let snapshot = byPeriod[lookBack] {
                var byID: [String: AgentMonth] = [:]
                for team in snapshot.teams {
                    for agent in team.agents where byID[agent.id] == nil { byID[agent.id] = agent }
                }
                agentMonths[lookBack] = byID
            }
            lookBack = lookBack.previousPeriod
        }
        /// The agent's month in `period`, in whichever team.
        func month(_ id: String, _ period: Period) -> AgentMonth? { agentMonths[period]?[id] }
        func playbooks(_ topic: PlanTopic) -> [String] { (settings.playbooks[topic] ?? []).map(\.value) }

        var entries: [PlanEntry] = []
        var teams: [(id: String, name: String, agents: Int)] = []
        let previous = current.period.previousPeriod
        // Planned for a day inside the month: only what was known that day counts (the weeks that
        // had ended, the flags reported by then); month-end figures are not known before the month ends.
        let monthKnown = current.period.lastDay <= today
        func known(_ team: TeamMonth) -> TeamMonth {
            guard !monthKnown else { return team }
            var team = team
            team.agents = team.agents.map { agent in
                var agent = agent
                agent.weeks = agent.weeks.filter { $0.week.sunday <= today }
                agent.flags = agent.flags.filter { ($0.date ?? current.period.lastDay) <= today }
                return agent
            }
            return team
        }
        for fullTeam in current.teams where !fullTeam.agents.isEmpty {
            let team = known(fullTeam)
            teams.append((team.id, team.name, team.agents.count))
            let top = topPerformers(team, share: settings.topShare)
            let breakMeans = teamBreakMeans([byPeriod[previous]?.teams.first { $0.id == team.id }, team].compactMap { $0 })
            for agent in team.agents where agent.hired <= today {
                let last = lastTalk[agent.id].flatMap { $0 >= agent.hired ? $0 : nil }
                var items: [PlanItem] = []
                func add(_ reason: PlanReason, raised: Day, due: Day, evidence: [Evidence] = [], up: Bool? = nil, topic: PlanTopic) {
                    items.append(PlanItem(reason: reason, raised: raised, due: due, up: up, evidence: evidence, playbooks: playbooks(topic)))
                }
                /// A signal seen from `from` on is followed up by any talk on or after that day.
                func open(since from: Day) -> Bool { (last ?? agent.hired.adding(days: -1)) < from }

                // Early-warning signals: the three-level talk within 24 hours.
                let weeks = weekHistory(agent.id, previous: month(agent.id, previous), current: agent)
                let warning = config.earlyWarning
                let signals: [(PlanReason, WeeklyIndicator, (Double, Double) -> Bool)] = [
                    (.qualityDrop, .quality, { old, new in old - new >= warning.qualityDrop - 1e-9 }),
                    (.salesDrop, .sales, { old, new in old > 0 && (old - new) / old >= warning.salesDrop - 1e-9 }),
                    (.efficiencyDrop, .efficiency, { old, new in old > 0 && (old - new) / old >= warning.efficiencyDrop - 1e-9 }),
                ]
                for (reason, indicator, fell) in signals {
                    if let run = latestRun(weeks, in: current.period, length: warning.inARow, indicator: indicator, holds: fell), open(since: run.last!.week.monday) {
                        let points = run.compactMap { week in week.value(indicator).map { (week.week.description, $0) } }
                        add(reason, raised: run.last!.week.sunday, due: run.last!.week.sunday.adding(days: 1),
                            evidence: [Evidence(measure: Evidence.Measure(rawValue: indicator.rawValue)!, points: points)], topic: .earlyWarning)
                    }
                }
                if let run = breakRun(weeks, means: breakMeans, in: current.period, length: warning.inARow, factor: warning.breakOveruse),
                    open(since: run.last!.week.monday)
                {
                    add(.breakOveruse, raised: run.last!.week.sunday, due: run.last!.week.sunday.adding(days: 1),
                        evidence: [
                            Evidence(measure: .breakMinutes, points: run.map { ($0.week.description, $0.breakMinutes!) }),
                            Evidence(measure: .teamBreakMinutes, points: run.map { ($0.week.description, breakMeans[$0.week]!) }),
                        ], topic: .earlyWarning)
                }
                // Pay: fell by more than the threshold from the month before, N months in a row.
                var incomes: [(period: Period, income: Double)] = []
                var period = monthKnown ? current.period : previous
                while incomes.count < warning.inARow + 1, let income = month(agent.id, period)?.income {
                    incomes.insert((period, income), at: 0)
                    period = period.previousPeriod
                }
                if monthKnown, incomes.count == warning.inARow + 1,
                    zip(incomes, incomes.dropFirst()).allSatisfy({ $0.income - $1.income > warning.incomeDrop }),
                    open(since: current.period.firstDay)
                {
                    add(.incomeDrop, raised: current.period.lastDay, due: current.period.lastDay.adding(days: 1),
                        evidence: [Evidence(measure: .income, points: incomes.map { ($0.period.description, $0.income) })], topic: .earlyWarning)
                }
                for flag in agent.flags {
                    // Undated: reported some day of the month, known at its end.
                    let raised = flag.date ?? current.period.lastDay
                    guard open(since: flag.date ?? current.period.firstDay) else { continue }
                    let evidence = [Evidence(measure: .flag, points: [], note: flag.date?.description)]
                    switch flag.kind {
                    case .voiceEmotion: add(.voiceEmotion, raised: raised, due: raised.adding(days: 1), evidence: evidence, topic: .earlyWarning)
                    case .tabooWords: add(.tabooWords, raised: raised, due: raised.adding(days: 1), evidence: evidence, topic: .earlyWarning)
                    case .mood:
                        add(.mood, raised: raised, due: config.calendar.adding(workingDays: settings.moodWorkingDays, to: raised), evidence: evidence, topic: .mood)
                    case .intentToLeave:
                        add(.intentToLeave, raised: raised, due: config.calendar.adding(workingDays: settings.moodWorkingDays, to: raised), evidence: evidence,
                            topic: .intentToLeave)
                    }
                }
                // Performance swing: monthly mean quality or sales moved by the threshold or more.
                if monthKnown, let before = month(agent.id, previous), open(since: current.period.firstDay) {
                    var moves: [(measure: Evidence.Measure, old: Double, new: Double)] = []
                    for (measure, indicator) in [(Evidence.Measure.monthlyQuality, WeeklyIndicator.quality), (.monthlySales, .sales)] {
                        if let old = mean(before.weeks, indicator), let new = mean(agent.weeks, indicator), old > 0,
                            abs(new - old) / old >= settings.swing - 1e-9
                        {
                            moves.append((measure, old, new))
                        }
                    }
                    if !moves.isEmpty {
                        // A fall in either decides: it is the talk that cannot wait.
                        let up = moves.allSatisfy { $0.new > $0.old }
                        add(.performanceSwing, raised: current.period.lastDay, due: current.period.lastDay.adding(days: settings.swingDays),
                            evidence: moves.map { Evidence(measure: $0.measure, points: [(previous.description, $0.old), (current.period.description, $0.new)]) },
                            up: up, topic: up ? .performanceUp : .performanceDown)
                    }
                }
                // Cadence.
                if last == nil, agent.hired.adding(months: settings.routineMonths) > today {
                    add(.newHire, raised: agent.hired, due: agent.hired.adding(days: settings.newHireDays), topic: .newHire)
                }
                if top.contains(agent.id) {
                    let start = last ?? agent.hired
                    add(.topPerformer, raised: start, due: start.adding(days: settings.topPerformerDays), topic: .topPerformer)
                }
                items = items.filter { $0.due <= horizonEnd }
                if items.isEmpty {
                    let start = last ?? agent.hired
                    let due = start.adding(months: settings.routineMonths)
                    if due <= horizonEnd { add(.routine, raised: start, due: due, topic: .routine) }
                }
                guard !items.isEmpty else { continue }
                items.sort { ($0.due, $0.reason) < ($1.due, $1.reason) }
                let recentWeeks = Array(weeks.suffix(6))
                entries.append(
                    PlanEntry(
                        agent: agent.id, team: team.id, hired: agent.hired, lastTalk: last, due: items[0].due, items: items, recentWeeks: recentWeeks,
                        recentIncome: incomes))
            }
        }
        entries.sort { a, b in
            (a.due, a.items[0].reason, a.team, a.agent) < (b.due, b.items[0].reason, b.team, b.agent)
        }
        return OneOnOnePlan(today: today, horizonEnd: horizonEnd, period: current.period, teams: teams, entries: entries)
    }

    /// The agent's weeks of the month before and this month, in week order.
    static func weekHistory(_ id: String, previous: AgentMonth?, current: AgentMonth) -> [AgentWeek] {
        var weeks = (previous?.weeks ?? []) + current.weeks
        weeks.sort { $0.week < $1.week }
        return weeks
    }

    /// The latest run of `length` week-on-week changes that all `hold`, ending in a week of `period`:
    /// `length + 1` consecutive weeks with data.
    static func latestRun(
        _ weeks: [AgentWeek], in period: Period, length: Int, indicator: WeeklyIndicator, holds: (Double, Double) -> Bool
    ) -> [AgentWeek]? {
        guard weeks.count > length else { return nil }
        for end in weeks.indices.reversed() where weeks[end].week.sunday.period == period && end >= length {
            let run = Array(weeks[(end - length)...end])
            let consecutive = zip(run, run.dropFirst()).allSatisfy { $1.week.previous == $0.week }
            guard consecutive else { continue }
            let values = run.map { $0.value(indicator) }
            guard values.allSatisfy({ $0 != nil }) else { continue }
            if zip(values, values.dropFirst()).allSatisfy({ holds($0!, $1!) }) { return run }
        }
        return nil
    }

    /// The latest `length` consecutive weeks of `period` (or ending in it) with breaks above
    /// `factor` × the team's mean that week.
    static func breakRun(_ weeks: [AgentWeek], means: [ISOWeek: Double], in period: Period, length: Int, factor: Double) -> [AgentWeek]? {
        guard weeks.count >= length else { return nil }
        for end in weeks.indices.reversed() where weeks[end].week.sunday.period == period && end >= length - 1 {
            let run = Array(weeks[(end - length + 1)...end])
            guard zip(run, run.dropFirst()).allSatisfy({ $1.week.previous == $0.week }) else { continue }
            let over = run.allSatisfy { week in
                guard let minutes = week.breakMinutes, let mean = means[week.week], mean > 0 else { return false }
                return minutes > factor * mean + 1e-9
            }
            if over { return run }
        }
        return nil
    }

    /// The team's mean break minutes per week, over the agents with a figure that week.
    static func teamBreakMeans(_ months: [TeamMonth]) -> [ISOWeek: Double] {
        var sums: [ISOWeek: (total: Double, count: Int)] = [:]
        for month in months {
            for agent in month.agents {
                for week in agent.weeks {
                    if let minutes = week.breakMinutes { sums[week.week, default: (0, 0)].total += minutes; sums[week.week, default: (0, 0)].count += 1 }
                }
            }
        }
        return sums.mapValues { $0.total / Double($0.count) }
    }

    /// The top `share` of a team (at least one agent when any has a quality figure), ranked by
    /// monthly mean quality, then mean sales, then id.
    static func topPerformers(_ team: TeamMonth, share: Double) -> Set<String> {
        let ranked = team.agents.compactMap { agent -> (id: String, quality: Double, sales: Double)? in
            guard let quality = mean(agent.weeks, .quality) else { return nil }
            return (agent.id, quality, mean(agent.weeks, .sales) ?? 0)
        }.sorted { ($1.quality, $1.sales, $0.id) < ($0.quality, $0.sales, $1.id) }
        guard !ranked.isEmpty else { return [] }
        // Round up so a team of 3 still has its best; a tiny epsilon keeps 10 × 0.2 at 2.
        let count = max(1, Int((Double(ranked.count) * share - 1e-9).rounded(.up)))
        return Set(ranked.prefix(count).map(\.id))
    }

    static func mean(_ weeks: [AgentWeek], _ indicator: WeeklyIndicator) -> Double? {
        let values = weeks.compactMap { $0.value(indicator) }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

extension Period {
    public var previousPeriod: Period { month == 1 ? Period(year: year - 1, month: 12) : Period(year: year, month: month - 1) }
}
