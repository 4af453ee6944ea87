import Foundation
import StaybookModel
import Yams

/// Reads `content/site.yml`.
public enum SiteConfigLoader {
    public static let fileName = "site.yml"

    /// - Parameters:
    ///   - text: the file's text
    ///   - file: the path to name in diagnostics
    public static func parse(_ text: String, file: String) -> (SiteConfig?, [Diagnostic]) {
        let node: Node?
        do {
            node = try composeYAML(text)
        } catch {
            return (nil, [diagnostic(forYAMLError: error, file: file, lineOffset: 0, what: "the site config", source: text)])
        }
        guard let node else {
            return (nil, [.error("the site config is empty", file: file, line: 1, hint: "write at least `title: 手册名称`")])
        }
        var fields = YAMLFields(file: file, lineOffset: 0)
        guard let pairs = fields.mapping(node, what: "the site config") else { return (nil, fields.diagnostics) }
        var config = SiteConfig(title: "")
        var title: String?
        for (key, keyNode, value) in pairs {
            config.keyLines[key] = fields.line(of: keyNode)
            switch key {
            case "title": title = fields.string(value, key: key)
            case "description": config.description = fields.string(value, key: key)
            case "footer": config.footer = fields.string(value, key: key)
            case "language":
                guard let language = fields.string(value, key: key) else { break }
                if isLanguageTag(language) {
                    config.language = language
                } else {
                    fields.error("`language: \(language)` is not a language tag", at: value, hint: "e.g. zh-CN, zh-TW, en")
                }
            case "theme":
                guard let theme = fields.string(value, key: key) else { break }
                if theme.contains("/") || theme.hasPrefix(".") {
                    fields.error("`theme` must be the name of a folder in themes/, not a path", at: value, hint: "write e.g. `theme: default` (the built-in theme)")
                } else {
                    config.theme = theme
                }
            case "base_path":
                guard let path = fields.string(value, key: key) else { break }
                if path.hasPrefix("/") && path.hasSuffix("/") && !path.contains("//") && !path.contains("..") {
                    config.basePath = path
                } else {
                    fields.error("`base_path: \(path)` must start and end with `/`", at: value, hint: "e.g. `/handbook/`, or `/` at a domain root")
                }
            case "allow_raw_html": config.allowRawHTML = fields.bool(value, key: key) ?? false
            case "nav_limit":
                guard let limit = fields.int(value, key: key) else { break }
                if limit >= 1 {
                    config.navLimit = limit
                } else {
                    fields.error("`nav_limit` must be at least 1", at: value, hint: "the sidebar lists at most this many pages per section; 30 is a good start")
                }
            case "broken_links":
                guard let level = fields.string(value, key: key) else { break }
                if let severity = Diagnostic.Severity(rawValue: level) {
                    config.brokenLinkSeverity = severity
                } else {
                    fields.error("`broken_links: \(level)` must be `error` or `warning`", at: value, hint: "write `broken_links: error`")
                }
            case "target_churn":
                guard case .scalar = value, let target = value.float, target.isFinite, (0...1).contains(target) else {
                    fields.error("`target_churn` must be a fraction between 0 and 1 (8% is 0.08)", at: value, hint: "write the monthly target as a fraction, e.g. `target_churn: 0.08`")
                    break
                }
                config.targetChurn = target
            case "stages":
                guard let stages = fields.stringList(value, key: key) else { break }
                if stages.isEmpty {
                    fields.error("`stages` must list at least one stage", at: value, hint: "write e.g. `stages: [入职期, 成长期, 异动期, 离职]`")
                } else if Set(stages.map(\.value)).count != stages.count {
                    fields.error("`stages` lists a stage twice", at: value, hint: "keep each stage once")
                } else {
                    config.stages = stages.map(\.value)
                }
            case "playbook_rules": config.playbookRules = playbookRules(value, &fields)
            case "apply_titles": config.applyTitles = fields.bool(value, key: key) ?? false
            case "early_warning": config.earlyWarning = earlyWarning(value, &fields)
            case "one_on_one": config.oneOnOne = oneOnOne(value, &fields)
            case "holidays": config.calendar.holidays = days(value, key: key, &fields)
            case "workdays": config.calendar.workdays = days(value, key: key, &fields)
            case "privacy": config.privacy = privacy(value, &fields)
            case "talk_duration": config.talkDuration = talkDuration(value, &fields)
            default:
                fields.warning(
                    "unknown setting `\(key)` is ignored", at: keyNode,
                    hint: "known settings: title, description, language, theme, base_path, allow_raw_html, stages, nav_limit, broken_links, target_churn, playbook_rules, apply_titles, talk_duration, early_warning, one_on_one, holidays, workdays, privacy, footer")
            }
        }
        if let title {
            config.title = title
        } else if !fields.diagnostics.hasErrors {
            fields.diagnostics.append(.error("the site config has no `title`", file: file, line: 1, hint: "add `title: 客服留人手册`"))
        }
        return (fields.diagnostics.hasErrors ? nil : config, fields.diagnostics)
    }

    private static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            }
    }
}
