import Foundation
import StaybookModel

/// The templates one output file was rendered with, noted while it renders so that a later build
/// knows which template edits make the file stale (`Theme.templateKeys`).
///
/// Bound for the length of one render job with `TemplateUsage.$current.withValue(…)`; a job runs on
/// one thread, so the class needs no lock. Outside a job nothing is noted.
public final class TemplateUsage: @unchecked Sendable {
    @TaskLocal public static var current: TemplateUsage?

    public private(set) var names: Set<String> = []

    public init() {}

    public func note(_ name: String) {
        names.insert(name)
    }
}

extension Theme {
    /// Template name → a hash of its text and of every partial it includes, transitively: equal
    /// keys mean the template renders the same context to the same bytes. A template that includes
    /// a partial chosen at render time (`{{>*name}}`) depends on every template.
    public static func templateKeys(texts: [String: String]) -> [String: UInt64] {
        templateKeys(texts: texts, references: texts.mapValues { text in Theme.scan(text).tags.filter { $0.sigil == ">" || $0.sigil == "<" }.map(\.name) })
    }

    /// `templateKeys(texts:)` with each template's `{{> name}}` and `{{< name}}` names already scanned.
    static func templateKeys(texts: [String: String], references: [String: [String]]) -> [String: UInt64] {
        var all = ContentHash()
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            all.combine(name)
            all.combine(text)
        }
        var keys: [String: UInt64] = [:]
        for name in texts.keys {
            var closure: Set<String> = [name]
            var pending = [name]
            var dynamic = false
            while let next = pending.popLast() {
                for reference in references[next] ?? [] {
                    if reference.hasPrefix("*") {
                        dynamic = true
                    } else if closure.insert(reference).inserted {
                        pending.append(reference)
                    }
                }
            }
            if dynamic {
                keys[name] = all.value
                continue
            }
            var hash = ContentHash()
            for member in closure.sorted() {
                hash.combine(member)
                hash.combine(texts[member] ?? "\u{0}missing")
            }
            keys[name] = hash.value
        }
        return keys
    }

    /// A hash of the theme's name and every file that is neither a template nor an asset (the
    /// strings of every language, `theme.yml` …): what every page depends on besides its templates.
    public var sharedKey: UInt64 {
        var hash = ContentHash()
        hash.combine(name)
        for (path, file) in files.sorted(by: { $0.key < $1.key }) where !path.hasPrefix("templates/") && !path.hasPrefix("assets/") {
            hash.combine(path)
            hash.combine(file.data.count)
            hash.combine(file.data)
        }
        return hash.value
    }
}
