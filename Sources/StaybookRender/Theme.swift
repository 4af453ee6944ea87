import Foundation
import Mustache
import StaybookModel

/// The templates, assets and other files of the site's theme, in layers: the default theme built
/// into Staybook at the bottom, then the project's `themes/default/` when it has one, then the
/// theme named in `site.yml` (`themes/NAME/`) on top. A project needs no `themes/` folder at all.
///
/// Templates are `templates/**/NAME.mustache`, registered by file name without folder, so a layer
/// overrides `talk-script` by holding a `talk-script.mustache` anywhere under its `templates/`.
/// Every other file (`assets/**`, `i18n/**` …) is overridden by its path relative to the theme folder.
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
    public let assets: [String: ThemeFile]
    /// Every file of the merged layers by path relative to the theme folder; read them with
    /// `file(at:)` and `files(under:)`.
    let files: [String: ThemeFile]
    /// The words of the site's language (`i18n/<language>.yml`), `t` in every template.
    public let strings: ThemeStrings
    /// Template name → a hash of what it renders with (`Theme.templateKeys(texts:)`).
    public let templateKeys: [String: UInt64]

    /// Reads the project's layers and loads the theme on top of the built-in one.
    /// - Parameters:
    ///   - themesDirectory: the project's `themes/` folder; it need not exist
    ///   - name: the theme named in `site.yml`
    ///   - configFile: `site.yml`'s display path, `configLine` the `theme:` line, for the error
    ///     when the theme does not exist
    ///   - language: `site.yml`'s `language`, `languageLine` its line, for the strings file
    ///   - builtIn: the bottom layer (tests pass their own)
    public static func load(
        themesDirectory: URL, name: String, configFile: String? = nil, configLine: Int? = nil,
        language: String = ThemeStrings.referenceLanguage, languageLine: Int? = nil, builtIn: ThemeLayer = .builtIn
    ) -> (Theme?, [Diagnostic]) {
        func isFolder(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        var layers = [builtIn]
        var diagnostics: [Diagnostic] = []
        var chain = [defaultName]
        if name != defaultName {
            guard isFolder(themesDirectory.appending(path: name)) else {
                let folders = ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory.path)) ?? [])
                    .filter { !$0.hasPrefix(".") && isFolder(themesDirectory.appending(path: $0)) }
                let available = Set(folders + [defaultName]).sorted()
                return (
                    nil,
                    [
                        .error(
                            "the theme `\(name)` does not exist (no folder themes/\(name))", file: configFile, line: configLine,
                            hint: "themes available: \(available.joined(separator: ", "))")
                    ]
                )
            }
            chain.append(name)
        }
        for theme in chain where isFolder(themesDirectory.appending(path: theme)) {
            let (layer, problems) = ThemeLayer.read(themesDirectory.appending(path: theme), display: "themes/\(theme)")
            layers.append(layer)
            diagnostics += problems
        }
        let (theme, problems) = load(
            layers: layers, name: name, language: language, languageFile: configFile, languageLine: languageLine)
        diagnostics += problems
        return (diagnostics.hasErrors ? nil : theme, diagnostics)
    }

    /// Merges `layers`, bottom first, and parses every template.
    /// - Parameters:
    ///   - layers: the built-in theme first, the named theme last
    ///   - name: the theme's name, for diagnostics
    ///   - language: `site.yml`'s `language`; `languageFile` and `languageLine` point at it
    public static func load(
        layers: [ThemeLayer], name: String, language: String = ThemeStrings.referenceLanguage,
        languageFile: String? = nil, languageLine: Int? = nil
    ) -> (Theme?, [Diagnostic]) {
        var files: [String: ThemeFile] = [:]
        var sources: [String: (path: String, file: ThemeFile)] = [:]
        var diagnostics: [Diagnostic] = []
        for layer in layers {
            var seen: [String: String] = [:]
            for (relative, file) in layer.files.sorted(by: { $0.key < $1.key }) {
                if relative.hasPrefix("templates/"), relative.hasSuffix(".mustache") {
                    let templateName = String(relative.split(separator: "/").last!.dropLast(".mustache".count))
                    if let earlier = seen[templateName] {
                        diagnostics.append(
                            .error(
                                "two templates are named `\(templateName)` (also \(earlier))", file: file.display,
                                hint: "template names must be unique within a theme, whatever their folder"))
                    }
                    seen[templateName] = file.display
                    // A template overrides the one of the same name below, whatever its folder.
                    if let replaced = sources[templateName], replaced.path != relative { files[replaced.path] = nil }
                    sources[templateName] = (relative, file)
                }
                files[relative] = file
            }
        }
        var assets: [String: ThemeFile] = [:]
        for (relative, file) in files where relative.hasPrefix("assets/") {
            assets[String(relative.dropFirst("assets/".count))] = file
        }

        // The strings first: templates get those that need no lookup written in (their problems are
        // reported after the templates').
        let (strings, stringProblems) = loadStrings(
            layers: layers, language: language, configFile: languageFile, configLine: languageLine)
        var library = MustacheLibrary()
        var texts: [String: String] = [:]
        var partials: [String: [Tag]] = [:]
        // Each template is read, parsed and scanned on any core; the results are taken in order.
        let ordered = sources.sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value.file) }
        let parsed = Array(ordered.indices).parallelMap { parse(ordered[$0].1, strings: strings) }
        for ((templateName, _), result) in zip(ordered, parsed) {
            if let text = result.text {
                texts[templateName] = text
                partials[templateName] = result.partials
            }
            if let template = result.template { library.register(template, named: templateName) }
            if let problem = result.problem { diagnostics.append(problem) }
        }

        // swift-mustache renders a missing partial as nothing; a theme author wants to be told.
        for (templateName, tags) in partials.sorted(by: { $0.key < $1.key }) {
            for reference in tags where !reference.name.isEmpty && !reference.name.hasPrefix("*") && sources[reference.name] == nil {
                diagnostics.append(
                    .error(
                        "the template refers to `\(reference.name)`, which no theme has", file: sources[templateName]!.file.display,
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
                        file: sources[templateName]!.file.display, line: line + 1,
                        hint: "add `{{> \(securityPolicyPartial)}}` on the line after `<meta charset=\"utf-8\">`"))
            }
        }
        for required in requiredTemplates where sources[required] == nil {
            diagnostics.append(
                .error(
                    "the theme has no `\(required)` template", file: "themes/\(name)/templates",
                    hint: "add \(required).mustache (`staybook theme eject` writes the built-in one to start from)"))
        }
        diagnostics += stringProblems
        guard let strings, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let theme = Theme(
            name: name, library: library, templateFiles: sources.mapValues(\.file.display), assets: assets, files: files,
            strings: strings, templateKeys: templateKeys(texts: texts, references: partials.mapValues { $0.map(\.name) }))
        return (theme, diagnostics)
    }

    /// Renders `context` with the template `name`; `nil` when the theme has no such template.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        let usage = TemplateUsage.current
        usage?.note(name)
        let started = usage?.enter()
        defer { if let usage, let started { usage.leave(since: started) } }
        var context = context
        context["t"] = strings.templateValue
        return library.render(ContextNode(context), withTemplate: name)
    }

    /// A template as read and parsed: its text (nil when it is not text), the template or why it
    /// does not parse, and its `{{> name}}` and `{{< name}}` tags.
    private struct ParsedTemplate {
        var text: String?
        var template: MustacheTemplate?
        var problem: Diagnostic?
        var partials: [Tag] = []
    }

    /// Parses `source` with the strings written in and the fast escaping switched on (a standalone
    /// pragma line, which renders as nothing); only if that fails, as written, so the error points
    /// at the author's lines.
    private static func parse(_ source: ThemeFile, strings: ThemeStrings?) -> ParsedTemplate {
        let text: String
        switch SourceText.decode(Array(source.data), file: source.display) {
        case .failure(let problem): return ParsedTemplate(problem: problem)
        case .success(let decoded): text = decoded
        }
        var parsed = ParsedTemplate(text: text)
        parsed.partials = scan(text).tags.filter { $0.sigil == ">" || $0.sigil == "<" }
        do {
            let folded = strings.map { foldingStrings(in: text, strings: $0) } ?? text
            do {
                parsed.template = try MustacheTemplate(string: ByteEscaping.pragma + folded)
            } catch {
                // As written: an error points at the author's lines; a template that parses as
                // written but not with the strings in keeps its lookups.
                _ = try MustacheTemplate(string: text)
                parsed.template = try MustacheTemplate(string: ByteEscaping.pragma + text)
            }
        } catch let error as MustacheTemplate.ParserError {
            if let problem = sectionProblem(in: text) {
                parsed.problem = .error(
                    "the template does not parse: \(problem.message)", file: source.display, line: problem.line,
                    column: problem.column, hint: problem.hint)
                return parsed
            }
            let near = error.context.line.trimmingCharacters(in: .whitespaces)
            parsed.problem = .error(
                "the template does not parse: \(describe(error.error))", file: source.display,
                line: error.context.lineNumber, column: error.context.columnNumber,
                hint: near.isEmpty ? "check the tags above this line" : "near `\(near)`")
        } catch {
            parsed.problem = .error("the template does not parse: \(error)", file: source.display, hint: "check the template's tags")
        }
        return parsed
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
}

/// A template context as a class the renderer looks names up in directly. swift-mustache finds a
/// `[String: Any]` child through a conditional-conformance cast at every lookup, which was most of
/// the time spent rendering; a plain class conformance is a cached check.
///
/// Values worked out on first use are kept apart from the others, so that a lookup never casts a
/// value to `LazyValue`: on Linux, casting an array to a class bridges it to an `NSArray`, boxing
/// every element, which was a twentieth of the time spent rendering.
///
/// Names are looked for one by one in a node of a few (a table row, a link): a short name is a
/// small string, compared in a step, where hashing it costs more than the whole scan. A larger
/// node (a page's frame) hashes.
final class ContextNode: MustacheParent {
    private let names: [String]
    private let items: [Any]
    private let index: [String: Int]?
    private let lazies: [String: LazyValue]

    private static let scanned = 12

    init(_ dictionary: [String: Any]) {
        var names: [String] = []
        var items: [Any] = []
        var lazies: [String: LazyValue] = [:]
        names.reserveCapacity(dictionary.count)
        items.reserveCapacity(dictionary.count)
        for (name, value) in dictionary {
            if type(of: value) == LazyValue.self {
                lazies[name] = (value as! LazyValue)
            } else {
                names.append(name)
                items.append(Self.converted(value))
            }
        }
        self.names = names
        self.items = items
        self.index = names.count > Self.scanned ? Dictionary(uniqueKeysWithValues: zip(names, names.indices)) : nil
        self.lazies = lazies
    }

    func child(named name: String) -> Any? {
        if let index {
            if let position = index[name] { return items[position] }
        } else if let position = names.firstIndex(of: name) {
            return items[position]
        }
        if lazies.isEmpty { return nil }
        return lazies[name].map { Self.converted($0.value) }
    }

    static func converted(_ value: Any) -> Any {
        // Most values are text or flags; these need no cast (see above).
        let kind = type(of: value)
        if kind == String.self || kind == Bool.self || kind == Int.self || kind == ContextNode.self { return value }
        return switch value {
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

// Text is most of what templates print. swift-mustache prints a value it knows nothing about
// through `String(describing:)`, after failed casts to a lambda and to an optional, and looks a
// name up in a section opened on text (`{{#page.summary}}…{{/page.summary}}`) by reflecting the
// text with `Mirror`, which finds no children. Saying what text is gives the same output on the
// library's short paths.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension String: @retroactive MustacheParent {
    public func child(named name: String) -> Any? { nil }
}

// Counts in tables print as `String(describing:)` printed them, without the failed casts before it.
extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}

// swift-mustache asks every context frame it looks a name up in whether it stands for another
// value, then whether it is a parent; and every value a section opens on whether it is a sequence,
// then whether it is null. On Linux a cast a class fails takes about twice as long as one it passes
// (140 against 80 ns, more than the lookup itself), so a node says what it is: itself, not null,
// and printed as swift-mustache would print it.
extension ContextNode: MustacheCustomRepresentation, MustacheCustomRenderable {
    var representation: Any? { self }
    var renderText: String { String(describing: self) }
    var isNull: Bool { false }
}
