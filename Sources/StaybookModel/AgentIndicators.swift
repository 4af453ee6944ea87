/// Per-agent indicators of one month (`teams[].agents` in a snapshot): what the early-warning
/// signals and the one-on-one plan read. Agent ids and these figures are personal data: they reach
/// the output only under `private/`, and only when `site.yml` says `privacy: {show_agents: true}`.
public struct AgentMonth: Sendable, Hashable {
    public var id: String
    public var hired: Day
    /// That month's pay.
    public var income: Double?
    /// The last one-on-one as the export knows it; the talk log may know a later one.
    public var lastOneOnOne: Day?
    public var flags: [AgentFlag]
    /// The ISO weeks that end in the month, in week order.
    public var weeks: [AgentWeek]

    public init(id: String, hired: Day, income: Double? = nil, lastOneOnOne: Day? = nil, flags: [AgentFlag] = [], weeks: [AgentWeek] = []) {
        self.id = id
        self.hired = hired
        self.income = income
        self.lastOneOnOne = lastOneOnOne
        self.flags = flags
        self.weeks = weeks
    }
}

/// What a team lead or the quality system reported about an agent this month.
public struct AgentFlag: Sendable, Hashable {
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// A change of mood the team lead noticed.
        case mood
        /// The agent said, or showed, that they mean to leave.
        case intentToLeave = "intent_to_leave"
        /// Emotion detected in call recordings.
        case voiceEmotion = "voice_emotion"
        /// Forbidden phrases detected in calls.
        case tabooWords = "taboo_words"
    }

    public var kind: Kind
    /// The day it was reported, when the export says; else only the month is known.
    public var date: Day?

    public init(_ kind: Kind, date: Day? = nil) {
        self.kind = kind
        self.date = date
    }
}

/// One ISO week of an agent's indicators; each is optional.
public struct AgentWeek: Sendable, Hashable {
    public var week: ISOWeek
    /// Quality score as a fraction (0.93 = 93%).
    public var quality: Double?
    public var sales: Double?
    public var efficiency: Double?
    public var breakMinutes: Double?

    public init(week: ISOWeek, quality: Double? = nil, sales: Double? = nil, efficiency: Double? = nil, breakMinutes: Double? = nil) {
        self.week = week
        self.quality = quality
        self.sales = sales
        self.efficiency = efficiency
        self.breakMinutes = breakMinutes
    }

    public func value(_ indicator: WeeklyIndicator) -> Double? {
        switch indicator {
        case .quality: quality
        case .sales: sales
        case .efficiency: efficiency
        case .breakMinutes: breakMinutes
        }
    }
}

public enum WeeklyIndicator: String, CaseIterable, Sendable, Hashable {
    case quality, sales, efficiency
    case breakMinutes = "break_minutes"
}

/// An ISO 8601 week (`2026-W41`): Monday to Sunday, week 1 holds the year's first Thursday.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The week's Monday.
    public let monday: Day

    public init?(year: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weeks(in: year), let january4 = Day(year: year, month: 1, day: 4) else { return nil }
        // Monday of the week that holds 4 January, then whole weeks on.
        monday = Day(ordinal: january4.ordinal - january4.weekdayIndex + (week - 1) * 7)
    }

    /// `YYYY-Www`.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 8, utf8[4] == UInt8(ascii: "-"), utf8[5] == UInt8(ascii: "W") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let week = number(6..<8) else { return nil }
        self.init(year: year, week: week)
    }

    /// The week that holds `day`.
    public init(containing day: Day) {
        monday = Day(ordinal: day.ordinal - day.weekdayIndex)
    }

    public var sunday: Day { Day(ordinal: monday.ordinal + 6) }
    public var previous: ISOWeek { ISOWeek(containing: Day(ordinal: monday.ordinal - 7)) }

    /// The ISO year and week number.
    public var components: (year: Int, week: Int) {
        // The week belongs to the year of its Thursday.
        let thursday = Day(ordinal: monday.ordinal + 3)
        let year = thursday.components.year
        let january4 = Day(year: year, month: 1, day: 4)!
        let firstMonday = january4.ordinal - january4.weekdayIndex
        return (year, (monday.ordinal - firstMonday) / 7 + 1)
    }

    /// 52 or 53: a year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
    public static func weeks(in year: Int) -> Int {
        guard let january1 = Day(year: year, month: 1, day: 1) else { return 52 }
        let weekday = january1.weekdayIndex
        let leap = Period(year: year, month: 2).dayCount == 29
        return weekday == 3 || (leap && weekday == 2) ? 53 : 52
    }

    public var description: String {
        let (year, week) = components
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { a.monday < b.monday }
}

extension Day {
    public init(ordinal: Int) {
        self.init(unchecked: ordinal)
    }

    /// Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
    public var weekdayIndex: Int { ((ordinal % 7) + 7 + 3) % 7 }

    public var isWeekend: Bool { weekdayIndex >= 5 }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day `months` later, clamped to the month's length (31 August + 6 months = 28 or 29 February).
    public func adding(months: Int) -> Day {
        let (year, month, day) = components
        let index = year * 12 + (month - 1) + months
        let period = Period(year: index / 12, month: index % 12 + 1)
        return Day(year: period.year, month: period.month, day: min(day, period.dayCount))!
    }
}

/// One one-on-one that took place, from the talk log (`content/data/talks/*.csv`).
public struct TalkRecord: Sendable, Hashable {
    public var agent: String
    public var date: Day
    /// What the talk was (free text, e.g. `routine` or 例行).
    public var kind: String
    /// Who held it.
    public var by: String
    public var file: String
    public var line: Int

    public init(agent: String, date: Day, kind: String, by: String, file: String, line: Int) {
        self.agent = agent
        self.date = date
        self.kind = kind
        self.by = by
        self.file = file
        self.line = line
    }
}
