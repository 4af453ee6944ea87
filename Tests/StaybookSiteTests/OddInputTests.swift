import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Valid input that editors, exports and existing handbooks produce and that must just build.
@Suite struct OddInputTests {
    static let bom = "\u{FEFF}"

    @Test func byteOrderMarksAndCRLFLineEndingsEverywhere() throws {
        func windows(_ text: String) -> String { Self.bom + text.replacingOccurrences(of: "\n", with: "\r\n") }
        let project = try TestProject([
            "content/site.yml": windows("title: 测试手册\ntarget_churn: 0.08\n"),
            "content/a.md": windows("---\ntitle: 甲\ntags: [新人]\n---\n\n正文第一段。\n\n[乙](b.md)\n"),
            "content/b.md": windows("# 乙\n\n乙的正文。\n"),
            "content/data/snapshots/2026-10.json": windows(
                snapshotJSON("2026-10", [("a", "东区", 20, ["E1"], [("E0", "2020-01-01", "2026-10-09")])])),
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let a = try project.read("a/index.html")
        #expect(a.contains("<h1>甲</h1>"))
        #expect(a.contains("<p>正文第一段。</p>"))
        #expect(a.contains(#"<a href="../b/index.html">乙</a>"#))
        #expect(!a.contains("\u{FEFF}") && !a.contains("\r"))
        #expect(try project.read("b/index.html").contains("<h1>乙</h1>"))
        #expect(project.exists("dashboards/teams/a/index.html"))

        // Lines are still counted right: a broken link on line 8 of a CRLF file is reported there.
        try project.write("content/a.md", windows("---\ntitle: 甲\ntags: [新人]\n---\n\n正文第一段。\n\n[乙](c.md)\n"))
        let broken = project.build()
        #expect(broken.diagnostics.map(\.location) == ["content/a.md:8"])
    }

    @Test func pagesWithoutFrontMatterTakeTheirTitleFromTheFirstHeadingElseTheFileName() throws {
        let project = try TestProject([
            "content/handbook/intro.md": "Some text before.\n\n## 开场白\n\n正文。\n\n## 第二节\n",
            "content/handbook/谈话 记录.md": "只有正文，没有标题。\n",
            "content/handbook/setext.md": "新员工须知\n=====\n\n正文。\n",
            "content/handbook/README.md": "# 旧手册目录\n\n- [开场](intro.md)\n- [记录](谈话%20记录.md)\n- [须知](<setext.md>)\n",
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let intro = try project.read("handbook/intro/index.html")
        #expect(intro.contains("<title>开场白 · 测试手册</title>"))
        #expect(intro.contains("<h1>开场白</h1>"))
        let record = try project.read("handbook/谈话记录/index.html")
        #expect(record.contains("<title>谈话 记录 · 测试手册</title>"))
        #expect(record.contains("<h1>谈话 记录</h1>"))
        let setext = try project.read("handbook/setext/index.html")
        #expect(setext.contains("<h1>新员工须知</h1>"))
        // A level-1 heading that became the title is not repeated in the body.
        #expect(setext.components(separatedBy: "新员工须知</h1>").count == 2)
        // README.md is the folder's landing page, as MkDocs and mdBook read it.
        #expect(!project.exists("handbook/readme/index.html"))
        let readme = try project.read("handbook/index.html")
        #expect(readme.contains("<h1>旧手册目录</h1>"))
        #expect(readme.contains(#"<a href="intro/index.html">开场</a>"#))
        #expect(readme.contains(#"<a href="%E8%B0%88%E8%AF%9D%E8%AE%B0%E5%BD%95/index.html">记录</a>"#))
        #expect(readme.contains(#"<a href="setext/index.html">须知</a>"#))
    }

    /// An existing handbook dropped into content/: `index.md` and `README.md` are their folder's
    /// landing page (the root's is the home page's text), links to them reach the folder, and an
    /// `_index.md` still wins.
    @Test func indexAndReadmeFilesAreTheirFoldersLandingPage() throws {
        let project = try TestProject([
            "content/index.md": "# 我们的员工手册\n\n欢迎。先看[入职](onboarding/README.md)，再看[考勤](policies/index.md#请假)。\n",
            "content/onboarding/README.md": "# 入职指南\n\n见[第一天](first-day.md)。\n",
            "content/onboarding/first-day.md": "# 第一天\n\n回到[入职指南](README.md)。\n",
            "content/policies/index.md": "# 考勤制度\n\n## 请假\n\n提前一天。\n",
            "content/policies/README.md": "# 说明\n\n这一页在 index.md 之后，是普通页面。\n",
            "content/faq/_index.md": "---\ntitle: 常见问题\n---\n",
            "content/faq/README.md": "# 旧说明\n",
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let files = project.outputFiles()
        #expect(!files.contains("index/index.html") && !files.contains("onboarding/readme/index.html"), "\(files)")
        let home = try project.read("index.html")
        #expect(home.contains("欢迎。先看"))
        #expect(home.contains(#"<a href="onboarding/index.html">入职</a>"#))
        #expect(home.contains(#"<a href="policies/index.html#%E8%AF%B7%E5%81%87">考勤</a>"#))
        #expect(!home.contains("其他文章"))
        let onboarding = try project.read("onboarding/index.html")
        #expect(onboarding.contains("<h1>入职指南</h1>") && onboarding.contains(#"<a href="first-day/index.html">第一天</a>"#))
        #expect(try project.read("onboarding/first-day/index.html").contains(#"<a href="../index.html">入职指南</a>"#))
        #expect(try project.read("policies/index.html").contains("<h1>考勤制度</h1>"))
        #expect(files.contains("policies/readme/index.html"))
        #expect(try project.read("faq/index.html").contains("<h1>常见问题</h1>"))
        #expect(files.contains("faq/readme/index.html"))
    }

    @Test func chineseAndSpacedFileAndFolderNames() throws {
        let project = try TestProject([
            "content/关怀 措施/_index.md": "---\ntitle: 关怀措施\n---\n",
            "content/关怀 措施/生日 关怀.md": "---\ntitle: 生日关怀\n---\n![合影](合影%202026.png)\n\n[返回](../一对一/首周.md)\n",
            "content/关怀 措施/合影 2026.png": "not really a picture",
            "content/一对一/首周.md": "---\ntitle: 首周谈话\n---\n[生日关怀](<../关怀 措施/生日 关怀.md>)\n",
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let files = project.outputFiles()
        #expect(files.contains("关怀措施/生日关怀/index.html"), "\(files)")
        #expect(files.contains("关怀措施/合影 2026.png"), "\(files)")
        let birthday = try project.read("关怀措施/生日关怀/index.html")
        #expect(birthday.contains(#"<img src="../%E5%90%88%E5%BD%B1%202026.png" alt="合影" />"#))
        #expect(birthday.contains(#"<a href="../../%E4%B8%80%E5%AF%B9%E4%B8%80/%E9%A6%96%E5%91%A8/index.html">返回</a>"#))
        let first = try project.read("一对一/首周/index.html")
        #expect(first.contains(#"<a href="../../%E5%85%B3%E6%80%80%E6%8E%AA%E6%96%BD/%E7%94%9F%E6%97%A5%E5%85%B3%E6%80%80/index.html">生日关怀</a>"#))
    }

    /// A 10 MB page: one file of 200,000 lines, every part of it in the output.
    @Test func aTenMegabytePage() throws {
        var body = "---\ntitle: 大页面\n---\n"
        var line = 0
        while body.utf8.count < 10_000_000 {
            line += 1
            if line % 1000 == 1 { body += "\n## 第 \(line / 1000 + 1) 部分\n\n" }
            body += "第 \(line) 行：员工关怀需要持续投入，班组长每周与新员工谈话一次。\n"
        }
        body += "\n最后一行 END-OF-PAGE。\n"
        let project = try TestProject(["content/big.md": body])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("big/index.html")
        #expect(html.utf8.count > 10_000_000)
        #expect(html.contains("第 \(line) 行"))
        #expect(html.contains("最后一行 END-OF-PAGE。"))
        #expect(html.contains("第 \(line / 1000 + 1) 部分"))
    }

    /// 20,000 pages in one folder (an export of old tickets, say): all published, in order, the
    /// folder's index lists them all, the sidebar stays at `nav_limit`.
    @Test func twentyThousandFilesInOneFolder() throws {
        let project = try TestProject(["content/site.yml": "title: 测试手册\nnav_limit: 20\n"])
        let folder = project.root.appending(path: "content/工单 归档")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<20_000 {
            let name = String(format: "p%05d.md", index)
            try Data("# 工单 \(index)\n\n第 \(index) 号工单的处理记录。\n".utf8).write(to: folder.appending(path: name))
        }
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics.prefix(3))")
        #expect(report.pages == 20_002)
        let files = Set(project.outputFiles())
        for index in [0, 1, 9_999, 19_999] {
            #expect(files.contains(String(format: "工单归档/p%05d/index.html", index)))
        }
        let last = try project.read("工单归档/p19999/index.html")
        #expect(last.contains("<h1>工单 19999</h1>"))
        #expect(last.contains(#"href="../p19998/index.html""#), "the pager links the page before")
        let index = try project.read("工单归档/index.html")
        #expect(index.components(separatedBy: "/index.html\">工单 ").count - 1 >= 20_000)
        #expect(last.utf8.count < 20_000, "the sidebar is cut at nav_limit: \(last.utf8.count) bytes")
    }
}
