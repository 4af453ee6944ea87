/// The value of `bytes[range]` when every byte is an ASCII digit: `Int("+1")` would accept a sign,
/// and `2026-+1-01` is no date.
private func decimal(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    var value = 0
    for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
}

/// A calendar day, stored as days since 1970-01-01 so tenure is a subtraction.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let ordinal: Int

    init(unchecked ordinal: Int) {
        self.ordinal = ordinal
    }

    /// - Returns: `nil` for a date that does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Period(year: year, month: month).dayCount else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        ordinal = era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DD`.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8.prefix(11))
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
            let year = decimal(utf8, 0..<4), let month = decimal(utf8, 5..<7), let day = decimal(utf8, 8..<10)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var period: Period {
        let (year, month, _) = components
        return Period(year: year, month: month)
    }

    public var description: String {
        let (year, month, day) = components
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Whole days from `self` to `other`.
    public func days(to other: Day) -> Int { other.ordinal - ordinal }
}

/// A month: the period one snapshot covers.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8.prefix(8))
        guard utf8.count == 7, utf8[4] == UInt8(ascii: "-"), let year = decimal(utf8, 0..<4), let month = decimal(utf8, 5..<7),
            (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public var dayCount: Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: dayCount)! }
    public var next: Period { month == 12 ? Period(year: year + 1, month: 1) : Period(year: year, month: month + 1) }

    /// Months from `self` to `other`.
    public func months(to other: Period) -> Int { (other.year - year) * 12 + other.month - month }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public static func < (a: Period, b: Period) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

/// Why someone left, as HR systems code it.
public enum LeaveReason: String, CaseIterable, Sendable, Hashable {
    case pay, schedule, pressure, career, management, personal, relocation, other

    public var label: String {
        switch self {
        case .pay: "薪酬"
        case .schedule: "排班与工时"
        case .pressure: "工作压力"
        case .career: "发展空间"
        case .management: "管理与团队"
        case .personal: "个人与家庭"
        case .relocation: "异地"
        case .other: "其他"
        }
    }
}

public struct Hire: Sendable, Hashable {
    public var id: String
    public var hired: Day

    public init(id: String, hired: Day) {
        self.id = id
        self.hired = hired
    }
}

public struct Leaver: Sendable, Hashable {
    public var id: String
    public var hired: Day
    public var left: Day
    public var voluntary: Bool
    public var reason: LeaveReason

    public init(id: String, hired: Day, left: Day, voluntary: Bool, reason: LeaveReason) {
        self.id = id
        self.hired = hired
        self.left = left
        self.voluntary = voluntary
        self.reason = reason
    }

    /// Days from hire to exit.
    public var tenure: Int { hired.days(to: left) }
}

/// One team in one month, as exported.
public struct TeamMonth: Sendable, Hashable {
    public var id: String
    public var name: String
    public var area: String
    public var headcountStart: Int
    public var headcountEnd: Int
    public var hires: [Hire]
    public var transfersIn: Int
    public var transfersOut: Int
    public var leavers: [Leaver]
    /// The team's monthly churn target; `nil` means the site-wide target.
    public var targetChurn: Double?
    /// Per-agent indicators, when the export has them (personal data: see `AgentMonth`).
    public var agents: [AgentMonth] = []

    public init(
        id: String, name: String, area: String, headcountStart: Int, headcountEnd: Int, hires: [Hire] = [], transfersIn: Int = 0,
        transfersOut: Int = 0, leavers: [Leaver] = [], targetChurn: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.area = area
        self.headcountStart = headcountStart
        self.headcountEnd = headcountEnd
        self.hires = hires
        self.transfersIn = transfersIn
        self.transfersOut = transfersOut
        self.leavers = leavers
        self.targetChurn = targetChurn
    }
}

/// One month's export: `content/data/snapshots/YYYY-MM.json`.
public struct Snapshot: Sendable, Hashable {
    public var period: Period
    public var teams: [TeamMonth]
    /// The path shown in diagnostics.
    public var file: String

    public init(period: Period, teams: [TeamMonth], file: String) {
        self.period = period
        self.teams = teams
        self.file = file
    }
}

/// Team ids become permanent URLs (`dashboards/teams/<id>/`) and are shared by snapshots and
/// contest results, so they are held to what a URL keeps as written: lowercase ASCII letters and
/// digits in groups joined by single dashes, at most 64 characters.
public enum TeamID {
    public static let maximumLength = 64

    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maximumLength else { return false }
        var previous = UInt8(ascii: "-")
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-") where previous != UInt8(ascii: "-"): break
            default: return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }
}
