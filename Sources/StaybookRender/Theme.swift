import Foundation
import Mustache
import StaybookModel

/// The templates and assets of the site's theme, with every file the theme lacks taken from
/// `themes/default`.
///
/// Templates are `templates/**/NAME.mustache`, registered by file name without folder, so a user's
/// theme overrides `talk-script` by holding a `talk-script.mustache` anywhere under its
/// `templates/`. Assets are `assets/**`, overridden by relative path.
public struct Theme: Sendable {
    public static let defaultName = "default"

    /// Templates every theme must end up with (after falling back to the default theme).
    public static let requiredTemplates: [String] =
        ["base", "home", "section", "taxonomy", "term", "redirect", "dashboard", "dashboard-detail", "dashboard-formulas"] + PageKind.allCases.map(\.rawValue)

    public let name: String
    public let library: MustacheLibrary
    /// Template name → the file it came from (for diagnostics and tests).
    public let templateFiles: [String: String]
    /// Asset path relative to `assets/` → the file to publish.
    public let assets: [String: URL]
    /// The words of the site's language (`i18n/<language>.yml`), `t` in every template.
    public let strings: ThemeStrings

    /// - Parameters:
    ///   - themesDirectory: the project's `themes/` folder
    ///   - name: the theme named in `site.yml`
    ///   - configFile: `site.yml`'s display path, `configLine` the `theme:` line, for the error
    ///     when the theme does not exist
    ///   - language: `site.yml`'s `language`, `languageLine` its line, for the strings file
    public static func load(
        themesDirectory: URL, name: String, configFile: String? = nil, configLine: Int? = nil,
        language: String = ThemeStrings.referenceLanguage, languageLine: Int? = nil
    ) -> (Theme?, [Diagnostic]) {
        let fileManager = FileManager.default
        var chain = [name]
        if name != defaultName { chain.append(defaultName) }
        for theme in chain {
            var isDirectory: ObjCBool = false
            let path = themesDirectory.appending(path: theme).path
            if !fileManager.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
                let available = ((try? fileManager.contentsOfDirectory(atPath: themesDirectory.path)) ?? [])
                    .filter { !$0.hasPrefix(".") }.sorted()
                let isNamed = theme == name
                return (
                    nil,
                    [
                        .error(
                            "the theme `\(theme)` does not exist (no folder themes/\(theme))",
                            file: isNamed ? configFile : nil, line: isNamed ? configLine : nil,
                            hint: isNamed
                                ? "themes available: \(available.isEmpty ? "none" : available.joined(separator: ", "))"
                                : "every theme falls back to themes/default: restore it")
                    ]
                )
            }
        }

        var sources: [String: (display: String, url: URL)] = [:]
        var assets: [String: URL] = [:]
        var diagnostics: [Diagnostic] = []
        // Default first, the named theme on top.
        for theme in chain.reversed() {
            let folder = themesDirectory.appending(path: theme)
            var seen: [String: String] = [:]
            for relative in files(under: folder.appending(path: "templates")) where relative.hasSuffix(".mustache") {
                let templateName = String(relative.split(separator: "/").last!.dropLast(".mustache".count))
                let display = "themes/\(theme)/templates/\(relative)"
                if let earlier = seen[templateName] {
                    diagnostics.append(
                        .error(
                            "two templates are named `\(templateName)` (also \(earlier))", file: display,
                            hint: "template names must be unique within a theme, whatever their folder"))
                }
                seen[templateName] = display
                sources[templateName] = (display, folder.appending(path: "templates/\(relative)"))
            }
            for relative in files(under: folder.appending(path: "assets")) {
                assets[relative] = folder.appending(path: "assets/\(relative)")
            }
        }

        var library = MustacheLibrary()
        var texts: [String: String] = [:]
        for (templateName, source) in sources.sorted(by: { $0.key < $1.key }) {
            guard let data = SourceText.bytes(atPath: source.url.path) else {
                diagnostics.append(.error("the template cannot be read", file: source.display, hint: "check its permissions"))
                continue
            }
            let text: String
            switch SourceText.decode(data, file: source.display) {
            case .failure(let problem):
                diagnostics.append(problem)
                continue
            case .success(let decoded): text = decoded
            }
            texts[templateName] = text
            do {
                // Parsed as written first, so errors point at the author's lines; then with the
                // fast escaping switched on (a standalone pragma line, which renders as nothing).
                _ = try MustacheTemplate(string: text)
                library.register(try MustacheTemplate(string: ByteEscaping.pragma + text), named: templateName)
            } catch let error as MustacheTemplate.ParserError {
                if let problem = sectionProblem(in: text) {
                    diagnostics.append(
                        .error(
                            "the template does not parse: \(problem.message)", file: source.display, line: problem.line,
                            column: problem.column, hint: problem.hint))
                    continue
                }
                let near = error.context.line.trimmingCharacters(in: .whitespaces)
                diagnostics.append(
                    .error(
                        "the template does not parse: \(describe(error.error))", file: source.display,
                        line: error.context.lineNumber, column: error.context.columnNumber,
                        hint: near.isEmpty ? "check the tags above this line" : "near `\(near)`"))
            } catch {
                diagnostics.append(.error("the template does not parse: \(error)", file: source.display, hint: "check the template's tags"))
            }
        }

        // swift-mustache renders a missing partial as nothing; a theme author wants to be told.
        for (templateName, text) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: text) where sources[reference.name] == nil {
                diagnostics.append(
                    .error(
                        "the template refers to `\(reference.name)`, which no theme has", file: sources[templateName]!.display,
                        line: reference.line, column: reference.column,
                        hint: "add \(reference.name).mustache to themes/\(name)/templates or fix the name"))
            }
        }
        // A page template of a theme of one's own can drop the security policy without noticing.
        for (templateName, text) in texts.sorted(by: { $0.key < $1.key })
        where !text.contains("{{> \(securityPolicyPartial)}}") && !text.contains("Content-Security-Policy") {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let line = lines.firstIndex(where: { $0.contains("<head>") || $0.contains("<head ") }) {
                diagnostics.append(
                    .warning(
                        "the template's pages carry no Content-Security-Policy, so a script smuggled into them could run",
                        file: sources[templateName]!.display, line: line + 1,
                        hint: "add `{{> \(securityPolicyPartial)}}` on the line after `<meta charset=\"utf-8\">`"))
            }
        }
        for required in requiredTemplates where sources[required] == nil {
            diagnostics.append(
                .error(
                    "the theme has no `\(required)` template", file: "themes/\(name)/templates",
                    hint: "add \(required).mustache (themes/default has one to start from)"))
        }
        let (strings, stringProblems) = loadStrings(
            themesDirectory: themesDirectory, chain: chain, language: language, configFile: configFile, configLine: languageLine)
        diagnostics += stringProblems
        guard let strings, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let theme = Theme(
            name: name, library: library, templateFiles: sources.mapValues(\.display), assets: assets, strings: strings)
        return (theme, diagnostics)
    }

    /// Renders `context` with the template `name`; `nil` when the theme has no such template.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        var context = context
        context["t"] = strings.templateValue
        return library.render(ContextNode(context), withTemplate: name)
    }

    /// `{{> name}}` and `{{< name}}` references with their positions.
    public static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        scan(text).tags.compactMap { tag in
            guard tag.sigil == ">" || tag.sigil == "<", !tag.name.isEmpty, !tag.name.hasPrefix("*") else { return nil }
            return (tag.name, tag.line, tag.column)
        }
    }

    typealias Tag = (sigil: Character?, name: String, line: Int, column: Int)

    /// The `{{…}}` tags of a template with their first character (`#`, `/`, `>` …, or nil for a
    /// variable), and the first `{{` never closed on its line, for the checks swift-mustache does
    /// not report precisely. Set-delimiter tags are not followed; the default theme uses none.
    static func scan(_ text: String) -> (tags: [Tag], unclosed: (line: Int, column: Int)?) {
        var tags: [Tag] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let column = line[line.startIndex..<open.lowerBound].unicodeScalars.count + 1
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else { return (tags, (lineIndex + 1, column)) }
                let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let sigil = tag.first.flatMap { "#^/$<>!&{=".contains($0) ? $0 : nil }
                let name = (sigil == nil ? tag : String(tag.dropFirst())).trimmingCharacters(in: .whitespaces)
                tags.append((sigil, name, lineIndex + 1, column))
                rest = afterOpen[close.upperBound...]
            }
        }
        return (tags, nil)
    }

    /// Where a section error really is: the opening tag left unclosed, or the closing tag that
    /// does not match its opening (swift-mustache points at the end of the file).
    static func sectionProblem(in text: String) -> (message: String, line: Int, column: Int, hint: String)? {
        let (tags, unclosedTag) = scan(text)
        if let tag = unclosedTag {
            return ("a tag `{{` is never closed with `}}`", tag.line, tag.column, "end the tag with `}}` on the same line")
        }
        var open: [Tag] = []
        for tag in tags {
            switch tag.sigil {
            case "#", "^", "$", "<": open.append(tag)
            case "/":
                guard let last = open.popLast() else {
                    return ("`{{/\(tag.name)}}` closes a section that was never opened", tag.line, tag.column, "remove it or open the section")
                }
                if last.name != tag.name {
                    return (
                        "`{{/\(tag.name)}}` closes `{{\(last.sigil!)\(last.name)}}` (line \(last.line)), a section of another name",
                        tag.line, tag.column, "close `{{\(last.sigil!)\(last.name)}}` with `{{/\(last.name)}}` first")
                }
            default: continue
            }
        }
        guard let unclosed = open.last else { return nil }
        return (
            "`{{\(unclosed.sigil!)\(unclosed.name)}}` opens a section that is never closed", unclosed.line, unclosed.column,
            "add `{{/\(unclosed.name)}}` where the section ends")
    }

    /// The partial of the default theme that holds the Content-Security-Policy `<meta>`.
    public static let securityPolicyPartial = "security-policy"

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with the wrong name"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: "an invalid set-delimiter tag"
        case MustacheTemplate.Error.illegalTokenInsideInheritSection: "only {{$block}} tags may stand inside {{<parent}}"
        case MustacheTemplate.Error.textInsideInheritSection: "only {{$block}} tags may stand inside {{<parent}}"
        default: "\(error)"
        }
    }

    /// Regular files below `folder`, relative to it, sorted; hidden files skipped.
    private static func files(under folder: URL) -> [String] {
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

/// A template context as a class the renderer looks names up in directly. swift-mustache finds a
/// `[String: Any]` child through a conditional-conformance cast at every lookup, which was most of
/// the time spent rendering; a plain class conformance is a cached check.
final class ContextNode: MustacheParent {
    let values: [String: Any]

    init(_ dictionary: [String: Any]) {
        values = dictionary.mapValues(Self.converted)
    }

    func child(named name: String) -> Any? {
        guard let lazy = values[name] as? LazyValue else { return values[name] }
        return Self.converted(lazy.value)
    }

    static func converted(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]: ContextNode(dictionary)
        case let list as [[String: Any]]: list.map(ContextNode.init)
        case let list as [Any]: list.map(converted)
        default: value
        }
    }
}

/// HTML escaping on UTF-8 bytes, for the same five characters as swift-mustache's own escaping,
/// which looks every `Character` up in a dictionary and was a third of the time spent rendering.
/// Every template gets it through a content-type pragma that `Theme.load` puts before its text.
struct ByteEscaping: MustacheContentType {
    static let name = "STAYBOOK_HTML"
    static let pragma: String = {
        MustacheContentTypes.register(ByteEscaping(), named: name)
        return "{{% CONTENT_TYPE: \(name) }}\n"
    }()

    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: Self.isSpecial) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}

/// A template value worked out the first time a template reads it (each page's context is
/// rendered by one thread).
public final class LazyValue: @unchecked Sendable {
    private let make: () -> Any
    private var made: Any?

    public init(_ make: @escaping () -> Any) {
        self.make = make
    }

    public var value: Any {
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
