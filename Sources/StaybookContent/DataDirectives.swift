import StaybookModel
import Yams

/// Reads the two ways a playbook refers to the numbers: ```` ```chart ```` blocks (YAML) and
/// `` `=figure key:value` `` code spans. Only the syntax is checked here; whether the team or area
/// exists is the site's question.
public enum DataDirectives {
    /// The info string of a chart block.
    public static let chartBlock = "chart"

    /// - Parameters:
    ///   - block: the fenced block; its body starts on the line after `block.line`
    ///   - file: the path to name in diagnostics
    public static func chart(_ block: FencedBlock, file: String) -> (ChartSpec?, [Diagnostic]) {
        let bodyOffset = block.line
        let node: Node?
        do {
            node = try composeYAML(block.body)
        } catch {
            return (nil, [diagnostic(forYAMLError: error, file: file, lineOffset: bodyOffset, what: "the chart block", source: block.body)])
        }
        guard let node else {
            return (nil, [.error("the chart block is empty", file: file, line: block.line, hint: chartHint)])
        }
        var fields = YAMLFields(file: file, lineOffset: bodyOffset)
        guard let pairs = fields.mapping(node, what: "the chart block") else { return (nil, fields.diagnostics) }
        var kind: ChartSpec.Kind?
        var subject = DataSubject.center
        var subjectLine: Int?
        var months: Int?
        var title: String?
        for (key, keyNode, value) in pairs {
            switch key {
            case "type":
                guard let name = fields.string(value, key: key) else { break }
                if let known = ChartSpec.Kind(rawValue: name) {
                    kind = known
                } else {
                    fields.error(
                        "unknown chart type `\(name)`", at: value,
                        hint: "use one of: \(ChartSpec.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            case "team", "area":
                guard let name = fields.string(value, key: key) else { break }
                if subjectLine != nil {
                    fields.error("a chart shows one team or one area: `team` and `area` cannot both be given", at: keyNode)
                } else if name.isEmpty {
                    fields.error("`\(key)` is empty", at: value, hint: "leave out `team` and `area` to chart the whole center")
                } else {
                    subject = key == "team" ? .team(name) : .area(name)
                    subjectLine = fields.line(of: value)
                }
            case "months":
                guard let count = fields.int(value, key: key) else { break }
                if (1...120).contains(count) {
                    months = count
                } else {
                    fields.error("`months: \(count)` must be between 1 and 120", at: value, hint: "e.g. `months: 12`")
                }
            case "title":
                title = fields.string(value, key: key)
            default:
                fields.error("unknown key `\(key)` in the chart block", at: keyNode, hint: "known keys: type, team, area, months, title")
            }
        }
        if kind == nil, !fields.diagnostics.hasErrors {
            fields.diagnostics.append(.error("the chart block has no `type`", file: file, line: block.line, hint: chartHint))
        }
        guard let kind, !fields.diagnostics.hasErrors else { return (nil, fields.diagnostics) }
        return (ChartSpec(kind: kind, subject: subject, months: months, title: title, line: block.line, subjectLine: subjectLine), fields.diagnostics)
    }

    static let chartHint = "e.g. `type: churn` and `team: hz-1` (types: \(ChartSpec.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"

    /// Parses `churn team:hz-1 period:2026-09`; a value with spaces is written in quotes (`area:"华东 片区"`).
    public static func figure(_ expression: String, file: String, line: Int) -> (FigureSpec?, [Diagnostic]) {
        let syntaxHint = "write e.g. `=churn`, `=trailing-churn team:hz-1` or `=churn area:华东片区`; names: \(FigureSpec.Name.allNames)"
        guard let words = split(expression) else {
            return (nil, [.error("the figure `=\(expression)` has an unclosed quote", file: file, line: line, hint: syntaxHint)])
        }
        guard let first = words.first else {
            return (nil, [.error("the figure `=` names no figure", file: file, line: line, hint: syntaxHint)])
        }
        guard let name = FigureSpec.Name(rawValue: first) else {
            return (nil, [.error("unknown figure `\(first)`", file: file, line: line, hint: syntaxHint)])
        }
        var spec = FigureSpec(name: name)
        var hasSubject = false
        for word in words.dropFirst() {
            guard let colon = word.firstIndex(of: ":") else {
                return (nil, [.error("`\(word)` in the figure `=\(expression)` is not `key:value`", file: file, line: line, hint: syntaxHint)])
            }
            let key = String(word[..<colon])
            let value = String(word[word.index(after: colon)...])
            switch key {
            case "team", "area":
                guard !hasSubject else {
                    return (nil, [.error("the figure `=\(expression)` names more than one team or area", file: file, line: line)])
                }
                guard !value.isEmpty else {
                    return (nil, [.error("`\(key):` in the figure `=\(expression)` is empty", file: file, line: line, hint: syntaxHint)])
                }
                hasSubject = true
                spec.subject = key == "team" ? .team(value) : .area(value)
            case "period":
                guard let period = Period(value) else {
                    return (nil, [.error("`period:\(value)` is not a month", file: file, line: line, hint: "write `period:2026-09`")])
                }
                spec.period = period
            default:
                return (nil, [.error("unknown key `\(key)` in the figure `=\(expression)`", file: file, line: line, hint: "known keys: team, area, period")])
            }
        }
        if case .team = spec.subject, [.teams, .teamsAboveTarget].contains(name) {
            return (nil, [.error("`\(name.rawValue)` counts teams and takes no team", file: file, line: line, hint: "use `area:` to count the teams of one area")])
        }
        return (spec, [])
    }

    /// Words split at spaces, keeping spaces inside double quotes; `nil` for an unclosed quote.
    static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { return nil }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
