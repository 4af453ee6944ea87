import StaybookModel
import Yams

/// `early_warning:`, `one_on_one:`, `holidays:`, `workdays:` and `privacy:` in site.yml: the
/// thresholds, cadence and calendar of the one-on-one plan, and what personal data may be shown.
extension SiteConfigLoader {
    /// A number setting: its key, the range it must be in, an example, and where it goes.
    struct NumberSetting<Settings>: Sendable {
        let key: String
        let range: ClosedRange<Double>
        let wholeNumber: Bool
        let example: String
        let apply: @Sendable (inout Settings, Double) -> Void
    }

    static let earlyWarningSettings: [NumberSetting<EarlyWarningSettings>] = [
        .init(key: "income_drop", range: 0...1_000_000, wholeNumber: false, example: "500") { $0.incomeDrop = $1 },
        .init(key: "quality_drop", range: 0...1, wholeNumber: false, example: "0.02 (2 percentage points)") { $0.qualityDrop = $1 },
        .init(key: "sales_drop", range: 0...1, wholeNumber: false, example: "0.2 (20%)") { $0.salesDrop = $1 },
        .init(key: "efficiency_drop", range: 0...1, wholeNumber: false, example: "0.2 (20%)") { $0.efficiencyDrop = $1 },
        .init(key: "break_overuse", range: 1...10, wholeNumber: false, example: "1.2 (20% above the team's mean)") { $0.breakOveruse = $1 },
        .init(key: "in_a_row", range: 1...12, wholeNumber: true, example: "2") { $0.inARow = Int($1) },
    ]

    static let oneOnOneSettings: [NumberSetting<OneOnOneSettings>] = [
        .init(key: "horizon_days", range: 0...366, wholeNumber: true, example: "14") { $0.horizonDays = Int($1) },
        .init(key: "new_hire_days", range: 1...90, wholeNumber: true, example: "7") { $0.newHireDays = Int($1) },
        .init(key: "top_share", range: 0.01...1, wholeNumber: false, example: "0.2 (the top 20% of the team)") { $0.topShare = $1 },
        .init(key: "top_performer_days", range: 1...366, wholeNumber: true, example: "90") { $0.topPerformerDays = Int($1) },
        .init(key: "swing", range: 0.01...10, wholeNumber: false, example: "0.2 (20%)") { $0.swing = $1 },
        .init(key: "swing_days", range: 1...90, wholeNumber: true, example: "7") { $0.swingDays = Int($1) },
        .init(key: "mood_working_days", range: 1...30, wholeNumber: true, example: "2") { $0.moodWorkingDays = Int($1) },
        .init(key: "routine_months", range: 1...24, wholeNumber: true, example: "6") { $0.routineMonths = Int($1) },
    ]

    /// Reads a mapping of number settings (and, for `one_on_one`, its `playbooks:`).
    static func numberSettings<Settings>(
        _ node: Node, section: String, into settings: inout Settings, known: [NumberSetting<Settings>], _ fields: inout YAMLFields,
        other: (String, Node, Node, inout Settings, inout YAMLFields) -> Bool = { _, _, _, _, _ in false }
    ) {
        guard let pairs = fields.mapping(node, what: "`\(section)`") else { return }
        let names = known.map(\.key)
        for (key, keyNode, value) in pairs {
            if other(key, keyNode, value, &settings, &fields) { continue }
            guard let setting = known.first(where: { $0.key == key }) else {
                fields.error("unknown key `\(key)` in `\(section)`", at: keyNode, hint: "known keys: \(names.joined(separator: ", "))")
                continue
            }
            guard case .scalar(let scalar) = value, let number = Double(scalar.string.trimmingWhitespace()), number.isFinite,
                setting.range.contains(number), !setting.wholeNumber || number == number.rounded()
            else {
                let kind = setting.wholeNumber ? "a whole number" : "a number"
                fields.error(
                    "`\(section).\(key)` must be \(kind) from \(format(setting.range.lowerBound)) to \(format(setting.range.upperBound)), found \(fields.describe(value))",
                    at: value, hint: "e.g. `\(key): \(setting.example)`")
                continue
            }
            setting.apply(&settings, number)
        }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func earlyWarning(_ node: Node, _ fields: inout YAMLFields) -> EarlyWarningSettings {
        var settings = EarlyWarningSettings()
        numberSettings(node, section: "early_warning", into: &settings, known: earlyWarningSettings, &fields)
        return settings
    }

    static func oneOnOne(_ node: Node, _ fields: inout YAMLFields) -> OneOnOneSettings {
        var settings = OneOnOneSettings()
        numberSettings(node, section: "one_on_one", into: &settings, known: oneOnOneSettings, &fields) { key, _, value, settings, fields in
            guard key == "playbooks" else { return false }
            guard let pairs = fields.mapping(value, what: "`one_on_one.playbooks`") else { return true }
            for (topicName, topicNode, ids) in pairs {
                guard let topic = PlanTopic(rawValue: topicName) else {
                    fields.error(
                        "`\(topicName)` is not a topic of the one-on-one plan", at: topicNode,
                        hint: "use one of: \(PlanTopic.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                guard let list = fields.stringList(ids, key: "one_on_one.playbooks.\(topicName)") else { continue }
                settings.playbooks[topic] = list
            }
            return true
        }
        return settings
    }

    /// `holidays:` or `workdays:`: a list of `YYYY-MM-DD` dates.
    static func days(_ node: Node, key: String, _ fields: inout YAMLFields) -> Set<Day> {
        guard let items = fields.list(node, key: key) else { return [] }
        var days: Set<Day> = []
        for item in items {
            guard case .scalar(let scalar) = item, let day = Day(scalar.string.trimmingWhitespace()) else {
                fields.error(
                    "`\(key)` lists \(fields.describe(item)), which is not a real date", at: item,
                    hint: "write each date as YYYY-MM-DD, e.g. `\(key): [2026-10-01, 2026-10-02]`")
                continue
            }
            days.insert(day)
        }
        return days
    }

    static func privacy(_ node: Node, _ fields: inout YAMLFields) -> PrivacySettings {
        var settings = PrivacySettings()
        guard let pairs = fields.mapping(node, what: "`privacy`") else { return settings }
        for (key, keyNode, value) in pairs {
            switch key {
            case "show_agents": settings.showAgents = fields.bool(value, key: "privacy.show_agents") ?? false
            default: fields.error("unknown key `\(key)` in `privacy`", at: keyNode, hint: "known keys: show_agents")
            }
        }
        return settings
    }
}
