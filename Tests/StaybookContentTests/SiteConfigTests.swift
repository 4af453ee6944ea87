import StaybookContent
import StaybookModel
import Testing

@Suite struct SiteConfigTests {
    @Test func defaultsApplyToWhatIsNotSet() throws {
        let (config, diagnostics) = SiteConfigLoader.parse("title: 手册\n", file: "content/site.yml")
        #expect(diagnostics.isEmpty)
        let site = try #require(config)
        #expect(site.title == "手册")
        #expect(site.language == "zh-CN")
        #expect(site.theme == "default")
        #expect(site.basePath == "/")
        #expect(site.allowRawHTML == false)
        #expect(site.stages == SiteConfig.defaultStages)
    }

    @Test func everySettingIsRead() throws {
        let (config, diagnostics) = SiteConfigLoader.parse(
            "title: T\nlanguage: zh-TW\ntheme: corp\nbase_path: /handbook/\nallow_raw_html: true\nnav_limit: 5\nbroken_links: warning\nstages: [甲, 乙]\n",
            file: "content/site.yml")
        #expect(diagnostics.isEmpty)
        let site = try #require(config)
        #expect(site.language == "zh-TW")
        #expect(site.theme == "corp")
        #expect(site.keyLines["theme"] == 3)
        #expect(site.basePath == "/handbook/")
        #expect(site.allowRawHTML)
        #expect(site.navLimit == 5)
        #expect(site.brokenLinkSeverity == .warning)
        #expect(site.stages == ["甲", "乙"])
    }

    @Test func mistakesAreErrorsOnTheirLine() {
        let (config, diagnostics) = SiteConfigLoader.parse(
            "title: T\nbase_path: handbook\nnav_limit: 0\ntheme: ../x\n", file: "content/site.yml")
        #expect(config == nil)
        #expect(diagnostics.errors.map(\.line) == [2, 3, 4])
    }

    @Test func aMissingTitleIsAnError() {
        let (_, diagnostics) = SiteConfigLoader.parse("language: zh-CN\n", file: "content/site.yml")
        #expect(diagnostics.errors.first?.message == "the site config has no `title`")
    }
}
