import Foundation
import StaybookModel

extension Theme {
    /// The strings of `language`: `i18n/<language>.yml` of each layer, bottom first (the built-in
    /// theme, the project's `themes/default`, the named theme), merged key by key and checked
    /// against the reference language's keys.
    ///
    /// Layers without any `i18n/` file (a bare test theme) have no strings: templates then see an
    /// empty `t`.
    /// - Parameters:
    ///   - layers: the theme's layers, bottom first
    ///   - configFile: `site.yml`, `configLine` its `language:` line, for an unknown language
    static func loadStrings(
        layers: [ThemeLayer], language: String, configFile: String?, configLine: Int?
    ) -> (ThemeStrings?, [Diagnostic]) {
        func path(_ name: String) -> String { "i18n/\(name).yml" }
        let available = Set(
            layers.flatMap { layer in
                layer.files.keys.compactMap { key -> String? in
                    guard key.hasPrefix("i18n/"), key.hasSuffix(".yml"), !key.dropFirst("i18n/".count).contains("/") else { return nil }
                    let name = key.dropFirst("i18n/".count).dropLast(".yml".count)
                    return name.isEmpty || name.hasPrefix(".") ? nil : String(name)
                }
            }
        ).sorted()
        if available.isEmpty { return (ThemeStrings(language: language, values: [:]), []) }
        guard let file = ThemeStrings.resolve(language, available: available) else {
            return (
                nil,
                [
                    .error(
                        "the theme has no strings for `language: \(language)`", file: configFile, line: configLine,
                        hint: "languages available: \(available.joined(separator: ", ")); or add themes/default/i18n/\(language).yml (docs/languages.md)")
                ]
            )
        }
        func files(_ name: String) -> [(display: String, data: Data)] {
            layers.compactMap { $0.files[path(name)].map { ($0.display, $0.data) } }
        }
        var reference: [String: String]?
        var diagnostics: [Diagnostic] = []
        if file != ThemeStrings.referenceLanguage {
            // The keys every language must have: the lowest layer's reference file, as shipped.
            let (strings, problems) = ThemeStrings.load(language: ThemeStrings.referenceLanguage, layers: Array(files(ThemeStrings.referenceLanguage).prefix(1)))
            diagnostics += problems
            reference = strings?.values
        }
        let (strings, problems) = ThemeStrings.load(language: file, layers: files(file), reference: reference)
        return (strings, diagnostics + problems)
    }
}

extension Theme {
    /// `text` with every `{{t.group.key}}` (escaped), `{{{t.group.key}}}` and `{{&t.group.key}}`
    /// written in, so rendering does not look it up: a lookup walks the whole context stack down to
    /// the root and was a good part of the time spent in templates, and every page has dozens. A
    /// plain string is written in as its text; a string with placeholders as the template its
    /// lambda would give swift-mustache, which parsed that template again at every tag rendered
    /// (`{count}` becomes `{{count}}`, filled from the values around the tag as before). The
    /// strings are the same for every page of a build, so the output is the same (the tests
    /// compare).
    ///
    /// Left as tags: keys the strings do not have, sections, and texts that could change how the
    /// template around them parses (`{{` or `}}` inside, a brace next to a brace of the template
    /// around it); a template that sets other delimiters or a content type (which would escape
    /// the strings its own way) is left as it is.
    static func foldingStrings(in text: String, strings: ThemeStrings) -> String {
        guard text.contains("t."), !text.contains("{{="), !text.contains("{{%") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closing = triple ? "}}}" : "}}"
            let inside = rest[rest.index(open.upperBound, offsetBy: triple ? 1 : 0)...]
            guard let close = inside.range(of: closing) else {
                out += rest[open.lowerBound...]
                return out
            }
            let tag = rest[open.lowerBound..<close.upperBound]
            var name = inside[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            var raw = triple
            if !triple, name.hasPrefix("&") {
                raw = true
                name = String(name.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            let after = rest[close.upperBound...]
            if name.hasPrefix("t."), let value = foldedString(String(name.dropFirst(2)), strings: strings, raw: raw),
                !(value.first == "{" && out.last == "{"), !(value.first == "}" && out.last == "}"),
                !(value.last == "}" && after.first == "}"), !(value.last == "{" && after.first == "{")
            {
                out += value
            } else {
                out += tag
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// What stands for `{{t.key}}` (`raw`: `{{{t.key}}}`) in a template's text: the string escaped,
    /// or its lambda's template (`TemplateStrings.template(of:)`) escaped, as swift-mustache
    /// escapes a lambda's text before it parses it; nil when the text itself could change how the
    /// template parses (its braces next to the template's are checked where it is written in).
    private static func foldedString(_ key: String, strings: ThemeStrings, raw: Bool) -> String? {
        guard let value = strings.values[key], !value.contains("{{"), !value.contains("}}") else { return nil }
        if TemplateStrings.isPlain(key: key, text: value) { return raw ? value : ByteEscaping().escapeText(value) }
        // A lambda's template is rendered on its own: an indented partial does not indent its lines.
        guard !value.contains("\n"), !value.contains("\r") else { return nil }
        let template = TemplateStrings.template(of: value)
        return raw ? template : ByteEscaping().escapeText(template)
    }
}
