import Foundation
import StaybookModel

extension Theme {
    /// The strings of `language`: `i18n/<language>.yml` of each theme in `chain`, bottom first
    /// (`themes/default`, then the named theme), checked against the reference language's keys.
    ///
    /// A theme chain without any `i18n/` folder (a bare test theme) has no strings: templates
    /// then see an empty `t`.
    /// - Parameters:
    ///   - chain: the theme folders, the named theme first (as `Theme.load` walks them)
    ///   - configFile: `site.yml`, `configLine` its `language:` line, for an unknown language
    static func loadStrings(
        themesDirectory: URL, chain: [String], language: String, configFile: String?, configLine: Int?
    ) -> (ThemeStrings?, [Diagnostic]) {
        let bottomFirst = Array(chain.reversed())
        func files(_ theme: String) -> [String] {
            let folder = themesDirectory.appending(path: "\(theme)/i18n")
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yml") && !$0.hasPrefix(".") }.map { String($0.dropLast(".yml".count)) }
        }
        let available = Set(bottomFirst.flatMap(files)).sorted()
        if available.isEmpty { return (ThemeStrings(language: language, values: [:]), []) }
        guard let file = ThemeStrings.resolve(language, available: available) else {
            return (
                nil,
                [
                    .error(
                        "the theme has no strings for `language: \(language)`", file: configFile, line: configLine,
                        hint: "languages available: \(available.joined(separator: ", ")); or add themes/\(chain[0])/i18n/\(language).yml (docs/languages.md)")
                ]
            )
        }
        func layers(_ name: String) -> [(display: String, data: Data)] {
            bottomFirst.compactMap { theme in
                let display = "themes/\(theme)/i18n/\(name).yml"
                return SourceText.bytes(atPath: themesDirectory.appending(path: "\(theme)/i18n/\(name).yml").path).map { (display, Data($0)) }
            }
        }
        var reference: [String: String]?
        var diagnostics: [Diagnostic] = []
        if file != ThemeStrings.referenceLanguage {
            let (strings, problems) = ThemeStrings.load(language: ThemeStrings.referenceLanguage, layers: layers(ThemeStrings.referenceLanguage).prefix(1).map { $0 })
            diagnostics += problems
            reference = strings?.values
        }
        let (strings, problems) = ThemeStrings.load(language: file, layers: layers(file), reference: reference)
        return (strings, diagnostics + problems)
    }
}
