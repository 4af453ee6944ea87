import StaybookContent
import StaybookModel
import StaybookRender

/// Permanent module links for trainers: `m/<id>/` leads to the module's current page whatever its
/// title or folder becomes, `m/` lists every module, `api/modules.json` serves course tools.
extension SiteRenderer {
    static let catalogue = SitePath("m/index.html")
    static let modulesJSON = SitePath("api/modules.json")

    static func modulePath(_ id: String) -> SitePath { SitePath.page(folder: [LinkResolver.modulePrefix, id]) }

    /// The link a trainer copies: the site's `base_path` and `m/<id>/`.
    func permalink(_ id: String) -> String { site.config.basePath + LinkResolver.modulePrefix + "/" + id + "/" }

    /// The module's address on the intranet today (it may move; the permalink does not).
    func address(of output: SitePath) -> String {
        site.config.basePath + output.directory.joined(separator: "/") + (output.directory.isEmpty ? "" : "/")
    }

    /// The page or section index that carries module `id`.
    func module(_ id: String) -> Page? {
        if let index = site.pagesByID[id] { return site.pages[index] }
        return site.sections.values.first { $0.index?.frontMatter.id?.value == id }?.index
    }

    /// Every module, by id.
    var modules: [(id: String, page: Page)] {
        site.modules.keys.sorted().compactMap { id in module(id).map { (id, $0) } }
    }

    /// `m/<id>/index.html`: a meta refresh and a plain link to the page; the theme's script carries
    /// a `#heading` over, which a meta refresh would drop.
    func renderModuleRedirect(_ id: String) -> (OutputFile?, [Diagnostic]) {
        renderRedirect(from: Self.modulePath(id), to: site.modules[id]!, title: module(id)?.title ?? id)
    }

    /// The catalogue: id, title, kind, stage, roles and the permanent link of every module.
    func renderCatalogue() -> (OutputFile?, [Diagnostic]) {
        let output = Self.catalogue
        var context = views.frame(output: output, title: strings["nav.modules"], bodyClass: "kind-modules", section: nil, breadcrumbs: [site.root])
        context["hasPager"] = false
        context["modules"] = modules.map { id, page -> [String: Any] in
            [
                "id": id, "title": page.title, "url": output.relativeURL(to: page.output), "kindLabel": strings.kind(page.kind), "kind": page.kind.rawValue,
                "stage": page.frontMatter.stage?.value ?? "—", "roles": page.frontMatter.roles.isEmpty ? "—" : page.frontMatter.roles.joined(separator: strings["format.list_separator"]),
                "permalink": permalink(id), "courses": courseLinks(using: id, from: output),
            ]
        }
        context["hasCourses"] = !courses.courses.isEmpty
        context["moduleCount"] = site.modules.count
        context["modulesJSONURL"] = output.relativeURL(to: Self.modulesJSON)
        context["basePath"] = site.config.basePath
        return finish(output, template: "modules", context: context, diagnostics: [])
    }

    /// `[{"id", "title", "kind", "stage", "roles", "url", "permalink", "courses"}]`, sorted by id; URLs are
    /// absolute paths under `base_path`.
    func modulesJSON() -> OutputFile {
        let list = JSONValue.list(
            modules.map { id, page in
                .sortedObject([
                    "id": .string(id), "title": .string(page.title), "kind": .string(page.kind.rawValue),
                    "stage": page.frontMatter.stage.map { .string($0.value) } ?? .null,
                    "roles": .list(page.frontMatter.roles.map { .string($0) }),
                    "url": .string(address(of: page.output)), "permalink": .string(permalink(id)),
                    // The courses that list the module: renaming or removing it affects them.
                    "courses": .list(
                        (courses.usedBy[id] ?? []).map { index in
                            let course = site.pages[index]
                            return .sortedObject([
                                "id": course.frontMatter.id.map { .string($0.value) } ?? .null, "title": .string(course.title),
                                "permalink": course.frontMatter.id.map { .string(permalink($0.value)) } ?? .null,
                            ])
                        }),
                ])
            })
        var bytes = list.utf8()
        bytes.append(UInt8(ascii: "\n"))
        return OutputFile(path: Self.modulesJSON, contents: .bytes(bytes))
    }
}
