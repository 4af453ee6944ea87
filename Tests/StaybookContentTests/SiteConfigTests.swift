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

@Suite struct TalkDurationConfigTests {
    @Test func theRangeAndItsTagAreRead() throws {
        let (config, diagnostics) = SiteConfigLoader.parse(
            "title: T\ntalk_duration:\n  min: 30\n  max: 60\n  tag: 一对一\n", file: "content/site.yml")
        #expect(diagnostics.isEmpty)
        let site = try #require(config)
        #expect(site.talkDuration == TalkDurationRange(min: 30, max: 60, tag: "一对一"))
        #expect(site.keyLines["talk_duration"] == 2)
    }

    @Test func withoutItNothingIsChecked() throws {
        let (config, _) = SiteConfigLoader.parse("title: T\n", file: "content/site.yml")
        #expect(try #require(config).talkDuration == nil)
    }

    @Test func mistakesAreErrorsOnTheirLineWithAnExample() {
        let cases: [(String, Int, String)] = [
            ("talk_duration: 30-60\n", 2, "`talk_duration` must be a mapping of `key: value` lines, found the text `30-60`"),
            ("talk_duration:\n  min: 30\n", 3, "`talk_duration` needs both `min` and `max`, in minutes"),
            ("talk_duration:\n  min: 60\n  max: 30\n", 3, "`talk_duration.min: 60` is above `max: 30`"),
            ("talk_duration:\n  min: 0\n  max: 30\n", 3, "`talk_duration.min: 0` must be between 1 and 600 minutes"),
            ("talk_duration:\n  min: 半小时\n  max: 30\n", 3, "`talk_duration.min` must be a whole number, found the text `半小时`"),
        ]
        for (yaml, line, message) in cases {
            let (config, diagnostics) = SiteConfigLoader.parse("title: T\n" + yaml, file: "content/site.yml")
            #expect(config == nil, "\(yaml)")
            let error = diagnostics.errors.first
            #expect(error?.line == line, "\(yaml)")
            #expect(error?.message == message, "\(yaml)")
            #expect(error?.hint != nil, "\(yaml)")
        }
    }

    @Test func anUnknownKeyIsAWarning() throws {
        let (config, diagnostics) = SiteConfigLoader.parse(
            "title: T\ntalk_duration:\n  min: 30\n  max: 60\n  maximum: 90\n", file: "content/site.yml")
        #expect(config?.talkDuration == TalkDurationRange(min: 30, max: 60))
        #expect(diagnostics.map(\.line) == [5])
        #expect(diagnostics.first?.severity == .warning)
    }
}
