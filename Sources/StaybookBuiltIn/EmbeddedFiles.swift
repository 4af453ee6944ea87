import Foundation

/// A file compiled into the binary by the `EmbedFiles` plugin: its path relative to the embedded
/// folder and its contents, as text or base64.
struct EmbeddedFile: Sendable {
    let path: String
    let text: String?
    let base64: String?

    static func text(_ path: String, _ text: String) -> EmbeddedFile {
        EmbeddedFile(path: path, text: text, base64: nil)
    }

    static func base64(_ path: String, _ base64: String) -> EmbeddedFile {
        EmbeddedFile(path: path, text: nil, base64: base64)
    }

    var data: Data {
        if let text { return Data(text.utf8) }
        return Data(base64Encoded: base64 ?? "") ?? Data()
    }
}

/// The namespace the generated source (`EmbeddedFiles+Generated.swift`) extends with `theme` and
/// `starter`.
enum EmbeddedFiles {
    static func dictionary(_ files: [EmbeddedFile]) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.data) })
    }
}

/// The repository's `themes/default/`, compiled into the binary: the bottom layer of every theme,
/// so a project needs no `themes/` folder.
public enum BuiltInTheme {
    /// Path relative to `themes/default/` (e.g. `templates/base.mustache`) → bytes.
    public static let files: [String: Data] = EmbeddedFiles.dictionary(EmbeddedFiles.theme)
}

/// The repository's `starter/`, compiled into the binary: what `staybook init` writes.
public enum StarterHandbook {
    /// Path relative to the new project's folder (e.g. `content/site.yml`) → bytes. Hidden files
    /// are not embedded, so the starter's `gitignore` is written as `.gitignore`.
    public static let files: [String: Data] = Dictionary(
        uniqueKeysWithValues: EmbeddedFiles.starter.map { ($0.path == "gitignore" ? ".gitignore" : $0.path, $0.data) })
}
