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
