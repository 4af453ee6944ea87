import Foundation
import StaybookModel
import StaybookSite
import Testing

/// `kind: form`: the page shows the form, `form.html` beside it is the blank form to print on one
/// A4 sheet, and the lists of the snapshot format come from the format itself.
@Suite struct FormPagesTests {
    static let form = """
        ---
        title: 离职原因分类表
        id: form-exit
        kind: form
        summary: 面谈后当天填写。
        fields:
          - name: 基本信息
            fields:
              - 员工姓名
              - label: 司龄
                choices: tenure-bands
          - name: 原因
            fields:
              - label: 主要原因
                choices: exit-reasons
              - label: 员工的说法
                lines: 3
              - label: 是否挽留
                choices: [没有, 有]
        ---

        面谈后当天填写。

        """

    @Test func theFormPageShowsEveryFieldAndLinksItsPrintView() throws {
        let project = try TestProject(["content/forms/exit.md": Self.form])
        let report = project.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let html = try project.read("forms/exit/index.html")
        #expect(html.contains("<a class=\"action-link\" href=\"form.html\">打印空白表（A4 一页）</a>"))
        #expect(html.contains("<h2 id=\"form-基本信息\">基本信息</h2>"))
        #expect(html.contains("<p class=\"form-field form-field-short\"><span class=\"form-label\">员工姓名</span><span class=\"form-blank\"></span></p>"))
        #expect(html.contains("<p class=\"form-label\">员工的说法</p><span class=\"form-line\"></span><span class=\"form-line\"></span><span class=\"form-line\"></span></div>"))
        #expect(html.contains("<li><span class=\"form-box\" aria-hidden=\"true\">☐</span>有</li>"))
    }

    @Test func exitReasonsAndTenureBandsAreTheSnapshotFormats() throws {
        let project = try TestProject(["content/forms/exit.md": Self.form])
        #expect(project.build().succeeded)
        let sheet = try project.read("forms/exit/form.html")
        let boxes = sheet.components(separatedBy: "<span class=\"form-box\" aria-hidden=\"true\">☐</span>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(boxes == ["30 天内", "31–90 天", "91–180 天", "181–365 天", "1 年以上", "薪酬", "排班与工时", "工作压力", "发展空间", "管理与团队", "个人与家庭", "异地", "其他", "没有", "有"])
    }

    @Test func thePrintViewIsAStandaloneSheetWithTheSecurityPolicy() throws {
        let project = try TestProject(["content/forms/exit.md": Self.form])
        #expect(project.build().succeeded)
        let sheet = try project.read("forms/exit/form.html")
        #expect(sheet.contains("<meta http-equiv=\"Content-Security-Policy\""))
        #expect(sheet.contains("<body class=\"print-view kind-form-sheet\" data-t-"))
        #expect(sheet.contains("<a class=\"print-back\" href=\"index.html\">← 返回离职原因分类表</a>"))
        #expect(sheet.contains("<p class=\"prep-card-kind\">记录表 · 测试手册</p>"))
        #expect(sheet.contains("<p class=\"form-sheet-summary\">面谈后当天填写。</p>"))
        for reference in references(in: sheet) {
            #expect(!reference.hasPrefix("/") && !reference.contains("://"), "\(reference)")
        }
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let first = try TestProject(["content/forms/exit.md": Self.form])
        let second = try TestProject(["content/forms/exit.md": Self.form])
        #expect(first.build().succeeded && second.build().succeeded)
        #expect(try first.read("forms/exit/form.html") == second.read("forms/exit/form.html"))
        #expect(try first.read("forms/exit/index.html") == second.read("forms/exit/index.html"))
    }

    @Test func mistakesInTheFieldsAreErrorsOnTheirLineWithWhatToDo() throws {
        let form = """
            ---
            title: 表
            id: form-x
            kind: form
            fields:
              - name: 甲
                fields:
                  - label: 要点
                    lines: 40
                  - label: 原因
                    choices: reasons
                  - lines: 2
              - fields: [姓名]
            ---
            正文。
            """
        let project = try TestProject(["content/forms/x.md": form])
        let report = project.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.errors
        #expect(errors.map(\.line) == [9, 11, 12, 13], "\(errors)")
        #expect(errors[0].message == "`lines: 40` must be between 1 and 20")
        #expect(errors[1].message == "`choices: reasons` is neither a list nor a known list")
        #expect(errors[1].hint == "write `choices: [甲, 乙]`, or `exit-reasons` / `tenure-bands` for the lists of the snapshot format")
        #expect(errors[2].message == "a form field has no `label`")
        #expect(errors[3].message == "a group of form fields has no `name`")
        #expect(errors.allSatisfy { $0.file == "content/forms/x.md" && $0.hint != nil })
    }

    @Test func fieldsOnAnotherKindAreIgnoredWithAWarning() throws {
        let page = "---\ntitle: 页\nfields:\n  - name: 甲\n    fields: [乙]\n---\n正文。\n"
        let project = try TestProject(["content/basics/a.md": page])
        let warning = try #require(project.build().diagnostics.first)
        #expect(warning.message == "`fields` belongs to kind form, not `page`, and is ignored")
        #expect(warning.line == 3)
    }

    @Test func aScaffoldedFormBuildsWithItsPrintView() throws {
        let project = try TestProject([:])
        let path = try Scaffold.create(in: project.project, kind: .form, title: "需求表", slug: "needs")
        #expect(path == "content/forms/needs.md")
        let report = project.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(project.exists("forms/needs/index.html") && project.exists("forms/needs/form.html"))
    }
}
