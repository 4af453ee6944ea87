/// Front matter of a `course`: a trainer's class put together from handbook modules, in order.
public struct CourseFields: Sendable, Hashable {
    /// Who the course is for (`[班组长, 培训师]`).
    public var audience: [String] = []
    /// What learners can do afterwards.
    public var objectives: [String] = []
    /// The planned length as written (`4 小时`, `90 分钟`).
    public var duration: String?
    public var modules: [CourseModule] = []

    public init(audience: [String] = [], objectives: [String] = [], duration: String? = nil, modules: [CourseModule] = []) {
        self.audience = audience
        self.objectives = objectives
        self.duration = duration
        self.modules = modules
    }

    /// The minutes of the modules that give theirs; `nil` when none does.
    public var plannedMinutes: Int? {
        let given = modules.compactMap(\.minutes)
        return given.isEmpty ? nil : given.reduce(0, +)
    }
}

/// One module of a course, where the trainer listed it.
public struct CourseModule: Sendable, Hashable {
    /// The module id (`talk-new-hire-first-week`).
    public var id: String
    public var minutes: Int?
    /// What the trainer does with it in class.
    public var note: String?
    /// The line and column of the item (`- id: …`) in the course file.
    public var line: Int
    public var column: Int?

    public init(id: String, minutes: Int? = nil, note: String? = nil, line: Int, column: Int? = nil) {
        self.id = id
        self.minutes = minutes
        self.note = note
        self.line = line
        self.column = column
    }
}

/// A course length written as free text: `4 小时`, `90 分钟`, `1.5 小时`, `1 小时 30 分钟`, `2h`,
/// `45 min`, `半天`. Numbers are read with their unit; text without a unit this knows gives `nil`.
public enum CourseDuration {
    public static func minutes(_ text: String) -> Int? {
        let units: [(names: [String], minutes: Double)] = [
            (["小时", "个小时", "钟头", "hours", "hour", "hrs", "hr", "h"], 60),
            (["分钟", "分", "minutes", "minute", "mins", "min", "m"], 1),
        ]
        if text.filter({ !$0.isWhitespace }) == "半天" { return 240 }
        var total = 0.0
        var found = false
        var rest = Substring(text.lowercased())
        while !rest.isEmpty {
            rest = rest.drop { !isDigit($0) && $0 != "." && $0 != "半" }
            if rest.hasPrefix("半") {
                // `半小时`, `一个半小时` is not understood (no Han numerals): only a lone 半.
                rest = rest.dropFirst()
                if rest.hasPrefix("小时") || rest.hasPrefix("个小时") { total += 30; found = true }
                continue
            }
            let number = rest.prefix { isDigit($0) || $0 == "." }
            guard !number.isEmpty else { break }
            rest = rest.dropFirst(number.count)
            guard let value = Double(number) else { return nil }
            let afterSpace = rest.drop { $0 == " " }
            guard let unit = units.first(where: { unit in unit.names.contains { afterSpace.hasPrefix($0) } }) else { return nil }
            let name = unit.names.first { afterSpace.hasPrefix($0) }!
            total += value * unit.minutes
            found = true
            rest = afterSpace.dropFirst(name.count)
            if rest.hasPrefix("半") && unit.minutes == 60 { total += 30; rest = rest.dropFirst() }
        }
        return found ? Int(total.rounded()) : nil
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    /// `4 小时`, `1 小时 30 分钟`, `45 分钟`.
    public static func describe(_ minutes: Int) -> String {
        let (hours, rest) = minutes.quotientAndRemainder(dividingBy: 60)
        switch (hours, rest) {
        case (0, _): return "\(rest) 分钟"
        case (_, 0): return "\(hours) 小时"
        default: return "\(hours) 小时 \(rest) 分钟"
        }
    }
}
