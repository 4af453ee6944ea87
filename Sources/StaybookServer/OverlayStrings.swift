import Foundation
import StaybookContent
import StaybookModel
import StaybookRender
import StaybookSite

/// The words of the error overlay (`serve.*` of the theme's strings, without the prefix) in the
/// site's language: from the project's theme, or from the built-in theme when the project's theme
/// (or `site.yml`) is what is broken.
enum OverlayStrings {
    static let group = "serve."

    static func load(_ project: Project) -> [String: String] {
        let config = SiteSettings.read(project)
        let (theme, _) = Theme.load(
            themesDirectory: project.themesDirectory, name: config?.theme ?? Theme.defaultName,
            language: config?.language ?? ThemeStrings.referenceLanguage)
        if let strings = theme?.strings, let words = words(strings) { return words }
        for language in [config?.language ?? ThemeStrings.referenceLanguage, ThemeStrings.referenceLanguage] {
            let (builtIn, _) = Theme.load(layers: [.builtIn], name: Theme.defaultName, language: language)
            if let strings = builtIn?.strings, let words = words(strings) { return words }
        }
        return [:]
    }

    private static func words(_ strings: ThemeStrings) -> [String: String]? {
        let words = strings.values.filter { $0.key.hasPrefix(group) }
        guard !words.isEmpty else { return nil }
        return Dictionary(uniqueKeysWithValues: words.map { (String($0.key.dropFirst(group.count)), $0.value) })
    }
}

/// The settings of `content/site.yml` the server needs between builds (`base_path`, the language).
enum SiteSettings {
    /// `nil` when the file is missing or does not parse.
    static func read(_ project: Project) -> SiteConfig? {
        let url = project.contentDirectory.appending(path: SiteConfigLoader.fileName)
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else { return nil }
        return SiteConfigLoader.parse(text, file: "content/\(SiteConfigLoader.fileName)").0
    }
}
