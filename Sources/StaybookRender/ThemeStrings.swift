import Foundation
import Mustache
import StaybookModel
import Yams

/// Every word the site shows that the author did not write, in the site's language: the theme's
/// `i18n/<language>.yml`, with a project theme's file of the same name merged on top, key by key.
///
/// A strings file is YAML: groups (mappings) of texts, read as flat keys `group.key`. A text may
/// hold placeholders, `{count}`, filled from the template's values or by `text(_:_:)`. A key
/// ending in `_html` holds markup written by the theme and is rendered with `{{{t.group.key_html}}}`;
/// every other text is escaped like any value.
///
/// Templates read them as `{{t.group.key}}`; Swift as `strings["group.key"]` or
/// `strings.text("group.key", ["count": "3"])`, and dates through `month(_:)` and `day(_:)`.
public struct ThemeStrings: Sendable {
    /// The language of the file read (`zh-CN`, `en`): the site's `<html lang>` unless `site.yml`
    /// is more precise.
    public let language: String
    /// Flat key → text.
    public let values: [String: String]
    private let tree: TemplateStrings
    /// `format.month_names`, split once (dashboards write thousands of dates).
    private let monthNames: [String]
    /// Months as written so far: a dashboard build writes each of its months thousands of times.
    private let months = SharedMemo<Period, String>()

    /// The language the Swift code and the example site were written in; every other strings file
    /// has its keys and placeholders.
    public static let referenceLanguage = "zh-CN"

    /// Placeholders of the date formats, which differ between languages by design.
    public static let formatPlaceholders: Set<String> = ["year", "mm", "m", "dd", "d", "month_name"]

    init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
        self.tree = TemplateStrings(values)
        self.monthNames = (values["format.month_names"] ?? "format.month_names").split(separator: " ").map(String.init)
    }

    /// No words: every text is its key (a theme without `i18n/`, views built without a theme).
    public static let none = ThemeStrings(language: referenceLanguage, values: [:])

    /// The text of `key`; the key itself when the file has none (a bug caught by the tests that
    /// compare the strings files with the code).
    public subscript(_ key: String) -> String {
        values[key] ?? key
    }

    /// The text of `key` with its placeholders filled in; a placeholder without a value stays as
    /// written.
    public func text(_ key: String, _ arguments: [String: String]) -> String {
        Placeholders.fill(self[key], arguments)
    }

    /// A month as the language writes it: `format.month` (`2026-10`, `Oct 2026`).
    public func month(_ period: Period) -> String {
        months.value(for: period) { text("format.month", dateArguments(year: period.year, month: period.month, day: 1)) }
    }

    /// A day as the language writes it: `format.day` (`2026-10-05`, `5 Oct 2026`).
    public func day(_ day: Day) -> String {
        let (year, month, date) = day.components
        return text("format.day", dateArguments(year: year, month: month, day: date))
    }

    private func dateArguments(year: Int, month: Int, day: Int) -> [String: String] {
        let names = monthNames
        return [
            "year": "\(year)", "m": "\(month)", "mm": month < 10 ? "0\(month)" : "\(month)", "d": "\(day)",
            "dd": day < 10 ? "0\(day)" : "\(day)", "month_name": names.count == 12 ? names[month - 1] : "\(month)",
        ]
    }

    /// The name of a kind of playbook (`kind.talk-script`).
    public func kind(_ kind: PageKind) -> String {
        self["kind.\(kind.rawValue)"]
    }

    /// A length of time in minutes: `duration.minutes`, `duration.hours`, `duration.hours_minutes`
    /// (`45 分钟`, `4 小时`, `1 小时 30 分钟`).
    public func duration(_ minutes: Int) -> String {
        let (hours, rest) = minutes.quotientAndRemainder(dividingBy: 60)
        switch (hours, rest) {
        case (0, _): return text("duration.minutes", ["minutes": "\(rest)"])
        case (_, 0): return text("duration.hours", ["hours": "\(hours)"])
        default: return text("duration.hours_minutes", ["hours": "\(hours)", "minutes": "\(rest)"])
        }
    }

    /// Why someone is due a one-on-one (`plan_reason.income_drop`), by the reason's code.
    public func planReason(_ code: some RawRepresentable<String>) -> String {
        self["plan_reason.\(code.rawValue)"]
    }

    /// A care measure's cost as shown (`care.cost_low`).
    public func cost(_ cost: CareMeasureFields.Cost) -> String {
        self["care.cost_\(cost.cssName)"]
    }

    /// The name of a stage, role or tag index (`list.stages_title`), and of one of its terms
    /// (`list.stage`); the site map's own names when the theme has none (a taxonomy of its own).
    public func taxonomyTitle(_ taxonomy: Taxonomy) -> String {
        values["list.\(taxonomy.key)_title"] ?? taxonomy.title
    }

    public func termLabel(_ taxonomy: Taxonomy) -> String {
        values["list.\(taxonomy.key.dropLast())"] ?? taxonomy.termLabel
    }

    /// The `t` value of every template context (built once; its lookups are plain dictionary reads).
    var templateValue: Any { tree.node }

    // MARK: - Reading the files

    /// Parses and merges strings files.
    /// - Parameters:
    ///   - language: the language the layers are in
    ///   - layers: the files, bottom first (the default theme's, then the project theme's)
    ///   - reference: the reference language's keys and texts (`zh-CN.yml` of the default theme),
    ///     which say what keys exist and which placeholders each may use; nil when the layers are
    ///     the reference
    public static func load(
        language: String, layers: [(display: String, data: Data)], reference: [String: String]? = nil
    ) -> (ThemeStrings?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var merged: [String: String] = [:]
        var firstLayer: [String: String]?
        for layer in layers {
            let (values, problems) = parse(layer.data, file: layer.display)
            diagnostics += problems
            guard let values else { continue }
            let known = reference ?? firstLayer ?? values.mapValues(\.text)
            for (key, entry) in values.sorted(by: { $0.key < $1.key }) {
                guard let expected = known[key] else {
                    diagnostics.append(
                        .error(
                            "the strings file has the key `\(key)`, which the theme does not use", file: layer.display, line: entry.line,
                            hint: "check the spelling against themes/default/i18n/\(referenceLanguage).yml"))
                    continue
                }
                let allowed = key.hasPrefix("format.") ? formatPlaceholders : placeholders(in: expected)
                for name in placeholders(in: entry.text) where !allowed.contains(name) {
                    diagnostics.append(
                        .error(
                            "the text of `\(key)` has the placeholder `{\(name)}`, which is not filled in there", file: layer.display,
                            line: entry.line,
                            hint: allowed.isEmpty ? "this text takes no placeholders" : "placeholders of `\(key)`: \(allowed.sorted().map { "{\($0)}" }.joined(separator: ", "))"))
                }
                merged[key] = entry.text
            }
            if firstLayer == nil { firstLayer = values.mapValues(\.text) }
        }
        let required = reference ?? firstLayer ?? [:]
        let missing = required.keys.filter { merged[$0] == nil }.sorted()
        if !missing.isEmpty, let bottom = layers.first {
            diagnostics.append(
                .error(
                    "the strings file lacks \(missing.count == 1 ? "the key" : "\(missing.count) keys") `\(missing.prefix(5).joined(separator: "`, `"))`\(missing.count > 5 ? " …" : "")",
                    file: bottom.display, hint: "copy them from themes/default/i18n/\(referenceLanguage).yml and translate them"))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (ThemeStrings(language: language, values: merged), diagnostics)
    }

    /// The flat keys of one file with their texts and lines.
    static func parse(_ data: Data, file: String) -> ([String: (text: String, line: Int)]?, [Diagnostic]) {
        let text: String
        switch SourceText.decode([UInt8](data), file: file) {
        case .failure(let problem): return (nil, [problem])
        case .success(let decoded): text = decoded
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            let line = duplicateLine(duplicates.first ?? "", in: text) ?? context.mark.line
            return (
                nil,
                [.error("the strings file has the key `\(duplicates.joined(separator: "`, `"))` twice", file: file, line: line, hint: "keep one of them")]
            )
        } catch {
            return (nil, [.error("the strings file is not valid YAML: \(error)", file: file, hint: "check indentation and quoting")])
        }
        guard let root else { return ([:], []) }
        var values: [String: (text: String, line: Int)] = [:]
        var diagnostics: [Diagnostic] = []
        func walk(_ node: Node, prefix: String) {
            guard case .mapping(let mapping) = node else {
                diagnostics.append(
                    .error(
                        "`\(prefix.isEmpty ? "the file" : prefix)` must be a group of texts (`key: text` lines)", file: file,
                        line: node.mark?.line, hint: "indent the texts of a group under its name"))
                return
            }
            for (keyNode, value) in mapping {
                let key = prefix.isEmpty ? (keyNode.string ?? "") : "\(prefix).\(keyNode.string ?? "")"
                switch value {
                case .mapping: walk(value, prefix: key)
                case .scalar(let scalar) where scalar.style != .plain || Self.isPlainText(scalar.string):
                    if scalar.string.contains("{{") || scalar.string.contains("}}") {
                        diagnostics.append(
                            .error(
                                "the text of `\(key)` contains `{{` or `}}`", file: file, line: value.mark?.line,
                                hint: "placeholders take one brace: `{count}`"))
                    }
                    values[key] = (scalar.string, value.mark?.line ?? 0)
                default:
                    diagnostics.append(
                        .error(
                            "the value of `\(key)` is not a text", file: file, line: value.mark?.line,
                            hint: "write a text, in quotes if it looks like a number, a list or yes/no"))
                }
            }
        }
        walk(root, prefix: "")
        return (diagnostics.hasErrors ? nil : values, diagnostics)
    }

    /// A plain (unquoted) scalar YAML would read as something else than text is refused: numbers,
    /// booleans, null.
    static func isPlainText(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if ["", "~", "null", "true", "false", "yes", "no", "on", "off"].contains(lowered) { return false }
        return Double(text) == nil && Int(text) == nil
    }

    /// The 1-based line of the second `key:` (the last component of a flat key).
    static func duplicateLine(_ key: String, in text: String) -> Int? {
        let name = key.split(separator: ".").last.map(String.init) ?? key
        var seen: [Substring: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            let indent = line.prefix(line.count - trimmed.count)
            guard trimmed.hasPrefix(name + ":") else { continue }
            if seen[indent] != nil { return index + 1 }
            seen[indent] = index
        }
        return nil
    }

    /// The names of the `{name}` placeholders of a text.
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) {
                names.insert(String(name))
            }
            rest = after[close...]
        }
        return names
    }

    // MARK: - Languages

    /// The file for `language` among `available`: the same tag, then the same primary subtag
    /// (`en-US` → `en`, `zh-Hans` → `zh-CN`); nil when there is none.
    public static func resolve(_ language: String, available: [String]) -> String? {
        if let exact = available.first(where: { $0.lowercased() == language.lowercased() }) { return exact }
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        let candidates = available.filter { $0.split(separator: "-").first.map { $0.lowercased() } == primary }.sorted()
        return candidates.first
    }
}

/// The strings as nested template values: `t.nav.home`. A text with placeholders is a Mustache
/// lambda, so `{count}` is filled from the values around the tag (escaped, like any value).
final class TemplateStrings: @unchecked Sendable {
    let node: ContextNode

    init(_ values: [String: String]) {
        var root: [String: Any] = [:]
        func insert(_ path: ArraySlice<Substring>, _ value: Any, into dictionary: inout [String: Any]) {
            let head = String(path.first!)
            if path.count == 1 {
                dictionary[head] = value
                return
            }
            var child = dictionary[head] as? [String: Any] ?? [:]
            insert(path.dropFirst(), value, into: &child)
            dictionary[head] = child
        }
        for (key, text) in values {
            let value: Any
            if Self.isPlain(key: key, text: text) {
                value = text
            } else {
                let template = Self.template(of: text)
                value = MustacheLambda { template }
            }
            insert(key.split(separator: ".")[...], value, into: &root)
        }
        node = ContextNode(root)
    }

    /// The template a text with placeholders stands for: each `{name}` a `{{name}}` tag.
    static func template(of text: String) -> String {
        let names = ThemeStrings.placeholders(in: text)
        return Placeholders.fill(text, Dictionary(uniqueKeysWithValues: names.map { ($0, "{{\($0)}}") }))
    }

    /// Whether a template shows the text of `key` as it is: it has no placeholders, or it is one of
    /// the script's texts, which staybook.js fills in, not the template.
    static func isPlain(key: String, text: String) -> Bool {
        key.hasPrefix("script.") || ThemeStrings.placeholders(in: text).isEmpty
    }
}
