import Foundation
import StaybookBuiltIn
import StaybookModel

/// One file of a theme: its bytes and the name diagnostics give it.
public struct ThemeFile: Sendable, Hashable {
    /// How diagnostics name the file: `themes/corp/templates/page.mustache`, or
    /// `(built-in theme) templates/page.mustache` for a file compiled into Staybook.
    public let display: String
    public let data: Data

    public init(display: String, data: Data) {
        self.display = display
        self.data = data
    }
}

/// The files of one theme folder, by path relative to it (`templates/base.mustache`,
/// `assets/style.css`, `i18n/zh-CN.yml` …). A theme is an ordered list of layers, each file of an
/// upper layer replacing the file of the same path below it.
public struct ThemeLayer: Sendable {
    /// `themes/NAME` for a folder of the project, `(built-in theme)` for the theme in the binary.
    public let name: String
    public let files: [String: ThemeFile]

    public init(name: String, files: [String: ThemeFile]) {
        self.name = name
        self.files = files
    }

    public static let builtInName = "(built-in theme)"

    /// The repository's `themes/default`, compiled into Staybook: the bottom of every theme.
    public static let builtIn = ThemeLayer(builtIn: BuiltInTheme.files)

    /// - Parameter files: path relative to the theme folder → bytes
    public init(builtIn files: [String: Data]) {
        self.init(name: Self.builtInName, files: files.reduce(into: [:]) { $0[$1.key] = ThemeFile(display: "\(Self.builtInName) \($1.key)", data: $1.value) })
    }

    /// Every regular file below `folder` (hidden ones skipped), named `display/…` in diagnostics;
    /// a file that cannot be read is a diagnostic.
    public static func read(_ folder: URL, display: String) -> (ThemeLayer, [Diagnostic]) {
        var files: [String: ThemeFile] = [:]
        var diagnostics: [Diagnostic] = []
        for relative in regularFiles(under: folder) {
            let name = "\(display)/\(relative)"
            guard let data = SourceText.bytes(atPath: folder.appending(path: relative).path) else {
                diagnostics.append(.error("the theme file cannot be read", file: name, hint: "check its permissions"))
                continue
            }
            files[relative] = ThemeFile(display: name, data: Data(data))
        }
        return (ThemeLayer(name: display, files: files), diagnostics)
    }

    /// Regular files below `folder`, relative to it, sorted; hidden files skipped.
    static func regularFiles(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appending(path: relative).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result.append(relative)
            }
        }
        return result.sorted()
    }
}

extension Theme {
    /// The theme's file at `path` relative to the theme folder (e.g. `i18n/zh-CN.yml`), from the
    /// uppermost layer that has it; `nil` when no layer has it.
    public func file(at path: String) -> ThemeFile? {
        files[path]
    }

    /// Paths of the theme's files below `folder` (e.g. `i18n`), relative to the theme folder, sorted.
    public func files(under folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return files.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
