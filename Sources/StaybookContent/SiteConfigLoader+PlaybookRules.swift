import StaybookModel
import Yams

/// `playbook_rules:` in site.yml: a list of conditions on the metrics and the playbooks they recommend.
extension SiteConfigLoader {
    static let comparisonKeys = ["above", "at_least", "below", "rising", "falling"]
    static let ruleKeys = ["name", "metric"] + comparisonKeys + ["months", "window", "playbooks"]
    static let exampleRule = "`- name: 流失率连续两个月高于目标` then `metric: churn`, `above: target`, `months: 2`, `playbooks: [talk-early-warning-three-level]`"

    /// Every rule that reads cleanly; each mistake is an error in `fields`.
    static func playbookRules(_ node: Node, _ fields: inout YAMLFields) -> [PlaybookRule] {
        guard case .sequence(let items) = node else {
            fields.error(
                "`playbook_rules` must be a list of rules, found \(fields.describe(node))", at: node,
                hint: "one rule per `- ` item, e.g. \(exampleRule)")
            return []
        }
        return items.compactMap { playbookRule($0, &fields) }
    }

    private static func playbookRule(_ item: Node, _ fields: inout YAMLFields) -> PlaybookRule? {
        guard case .mapping = item else {
            fields.error("a playbook rule must be a mapping of `key: value` lines, found \(fields.describe(item))", at: item, hint: "e.g. \(exampleRule)")
            return nil
        }
        let errorsBefore = fields.diagnostics.errors.count
        guard let pairs = fields.mapping(item, what: "a playbook rule") else { return nil }
        var seen: Set<String> = []
        var name: String?
        var metric: RuleMetric?
        var comparisons: [(key: String, keyNode: Node, value: Node)] = []
        var months: (count: Int, node: Node)?
        var window: (count: Int, node: Node)?
        var playbooks: [Located<String>]?
        for (key, keyNode, value) in pairs {
            seen.insert(key)
            switch key {
            case "name": name = fields.string(value, key: key)
            case "metric":
                guard let text = fields.string(value, key: key) else { break }
                metric = RuleMetric(rawValue: text)
                if metric == nil {
                    fields.error(
                        "`metric: \(text)` is not a metric", at: value,
                        hint: "write one of: \(RuleMetric.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case _ where comparisonKeys.contains(key): comparisons.append((key, keyNode, value))
            case "months", "window":
                guard let count = fields.int(value, key: key) else { break }
                if (1...24).contains(count) {
                    if key == "months" { months = (count, value) } else { window = (count, value) }
                } else {
                    fields.error("`\(key): \(count)` must be between 1 and 24", at: value, hint: "e.g. `\(key): \(key == "months" ? 2 : 3)`, or leave it out for 1")
                }
            case "playbooks":
                guard let ids = fields.stringList(value, key: key) else { break }
                if ids.isEmpty {
                    fields.error("`playbooks` lists no playbook", at: value, hint: "write the ids of the pages to recommend, e.g. `playbooks: [talk-early-warning-three-level]`")
                } else {
                    playbooks = ids
                }
            default:
                fields.error("unknown key `\(key)` in a playbook rule", at: keyNode, hint: "known keys: \(ruleKeys.joined(separator: ", "))")
            }
        }

        for (key, example) in [("name", "`name: 流失率连续两个月高于目标`"), ("metric", "`metric: churn`"), ("playbooks", "`playbooks: [talk-early-warning-three-level]`")]
        where !seen.contains(key) {
            fields.error("the playbook rule has no `\(key)`", at: item, hint: "add \(example)")
        }

        var comparison: RuleComparison?
        if comparisons.isEmpty {
            fields.error(
                "the playbook rule has no condition", at: item,
                hint: "add one of \(comparisonKeys.map { "`\($0)`" }.joined(separator: ", ")), e.g. `above: target` or `at_least: 0.3`")
        } else if comparisons.count > 1 {
            fields.error(
                "a playbook rule takes one condition, found \(comparisons.map { "`\($0.key)`" }.joined(separator: " and "))", at: comparisons[1].keyNode,
                hint: "keep one of them; write a second rule for the other")
        } else {
            comparison = self.comparison(comparisons[0].key, comparisons[0].value, metric: metric, &fields)
        }

        if let months, case .rising = comparison {
            fields.error("`months` does not apply to `rising`", at: months.node, hint: "`rising: N` counts the months itself; remove `months`")
        } else if let months, case .falling = comparison {
            fields.error("`months` does not apply to `falling`", at: months.node, hint: "`falling: N` counts the months itself; remove `months`")
        }
        if let window, let metric, !metric.takesWindow {
            fields.error(
                "`window` does not apply to `\(metric.rawValue)`", at: window.node,
                hint: metric == .trailingChurn ? "trailing churn already covers 12 months; remove `window`" : "a month-end headcount is not summed over months; remove `window`")
        }

        guard fields.diagnostics.errors.count == errorsBefore, let name, let metric, let comparison, let playbooks else { return nil }
        return PlaybookRule(
            name: name, metric: metric, comparison: comparison, months: months?.count ?? 1, window: window?.count ?? 1,
            playbooks: playbooks, line: fields.line(of: item) ?? 1)
    }

    /// `above: 0.1`, `at_least: target`, `rising: 3` …
    private static func comparison(_ key: String, _ value: Node, metric: RuleMetric?, _ fields: inout YAMLFields) -> RuleComparison? {
        if key == "rising" || key == "falling" {
            guard case .scalar(let scalar) = value, let count = Int(scalar.string.trimmingWhitespace()), (1...24).contains(count) else {
                fields.error(
                    "`\(key)` must be the number of months in a row, 1 to 24, found \(fields.describe(value))", at: value,
                    hint: "e.g. `\(key): 3` (\(key == "rising" ? "rose" : "fell") in each of the latest 3 months)")
                return nil
            }
            return key == "rising" ? .rising(count) : .falling(count)
        }
        let threshold: RuleComparison.Threshold
        if case .scalar(let scalar) = value, scalar.string.trimmingWhitespace() == "target" {
            if let metric, !metric.isRate {
                fields.error(
                    "`\(key): target` compares with the churn target, but `\(metric.rawValue)` is a count", at: value,
                    hint: "write a number of people, e.g. `\(key): 5`")
                return nil
            }
            threshold = .target
        } else if case .scalar = value, let number = value.float, number.isFinite, number >= 0 {
            if let metric, !metric.isRate, number != number.rounded() {
                fields.error("`\(key): \(number)` must be a whole number of people for `\(metric.rawValue)`", at: value, hint: "e.g. `\(key): 5`")
                return nil
            }
            if let metric, metric.isRate, metric != .trailingChurn, number > 1 {
                fields.error(
                    "`\(key): \(value.string ?? "")` is more than 100%", at: value,
                    hint: "rates are fractions: 30% is `\(key): 0.3`")
                return nil
            }
            threshold = .value(number)
        } else {
            fields.error(
                "`\(key)` must be a number or `target`, found \(fields.describe(value))", at: value,
                hint: "e.g. `\(key): 0.1` (10% for rates), `\(key): 5` (people for counts) or `\(key): target`")
            return nil
        }
        return switch key {
        case "above": .above(threshold)
        case "at_least": .atLeast(threshold)
        default: .below(threshold)
        }
    }
}
