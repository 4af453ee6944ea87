import Foundation
import Testing

@testable import StaybookCharts

let months = (1...12).map { "2026-\($0 < 10 ? "0" : "")\($0)" }
let text = ChartText(title: "杭州一组 月流失率", description: "每月离职人数除以月平均人数")

@Suite struct TicksTests {
    @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(Ticks.niceStep(0.0366) == 0.05)
        #expect(Ticks.niceStep(1.4) == 1)
        #expect(Ticks.niceStep(0.0252) == 0.02)
        #expect(Ticks.niceStep(30) == 20)
        #expect(Ticks.niceStep(0.8) == 1)
        #expect(Ticks.niceStep(100) == 100)
    }

    @Test func ticksStartAtZeroAndCoverTheMaximum() {
        let ticks = Ticks(upTo: 0.183)
        #expect(ticks.values == [0, 0.05, 0.1, 0.15, 0.2])
        #expect(ticks.top >= 0.183)
    }

    @Test func countTicksAreWholeNumbers() {
        #expect(Ticks(upTo: 7, integral: true).values == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(Ticks(upTo: 33, integral: true).values == [0, 5, 10, 15, 20, 25, 30, 35])
        #expect(Ticks(upTo: 2, integral: true).values == [0, 1, 2])
        #expect(Ticks(upTo: 0, integral: true).values.allSatisfy { $0 == $0.rounded() })
    }

    @Test func percentTickLabelsUseAsFewDecimalsAsTheStepNeeds() {
        let format = ValueFormat.percent(decimals: 1)
        #expect(Ticks(upTo: 0.183).values.map { format.tickLabel($0, step: 0.05) } == ["0%", "5%", "10%", "15%", "20%"])
        #expect(format.tickLabel(0.025, step: 0.005) == "2.5%")
        #expect(format.label(0.0833) == "8.3%")
        #expect(ValueFormat.days.label(30) == "30 天")
    }

    @Test func fixedFormattingIsLocaleFreeAndNeverNegativeZero() {
        #expect(SVG.fixed(8.25, decimals: 1) == "8.3")
        #expect(SVG.fixed(0.04, decimals: 2) == "0.04")
        #expect(SVG.fixed(-0.01, decimals: 1) == "0.0")
        #expect(SVG.number(12.0) == "12")
        #expect(SVG.number(12.34) == "12.3")
        #expect(SVG.number(-0.04) == "0")
    }
}

@Suite struct LineChartTests {
    let churn = Series(name: "流失率", values: [0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12, 0.06, 0.05, 0.04, 0.07])

    func chart(_ series: [Series], target: Double? = 0.08, title: ChartText = text) -> String {
        Charts.line(title, categories: months, series: series, target: target, format: .percent(decimals: 1))
    }

    @Test func isAnAccessibleImageWithTitleAndDescription() throws {
        let svg = try SVGDocument(chart([churn]))
        #expect(svg.root.name == "svg")
        #expect(svg.root["role"] == "img")
        let title = try #require(svg.all("title").first)
        let desc = try #require(svg.all("desc").first)
        #expect(title.text == "杭州一组 月流失率")
        #expect(desc.text.hasPrefix("每月离职人数除以月平均人数"))
        #expect(desc.text.contains("流失率最近一期（2026-12）7.0%，最高（2026-08）12.0%"))
        #expect(svg.root["aria-labelledby"] == "\(title["id"]!) \(desc["id"]!)")
    }

    @Test func higherValuesAreDrawnHigherAndInOrder() throws {
        let svg = try SVGDocument(chart([churn], target: nil))
        let path = try #require(svg.all("path", class: "chart-line").first)
        let points = subpaths(path["d"]!)
        #expect(points.count == 1)
        #expect(points[0].count == 12)
        #expect(zip(points[0], points[0].dropFirst()).allSatisfy { $0.x < $1.x })
        // 0.12 (August) is the highest point, 0.04 (November) the lowest; y grows downwards.
        #expect(points[0].map(\.y).min() == points[0][7].y)
        #expect(points[0].map(\.y).max() == points[0][10].y)
        // Values are proportional: the distance from the baseline doubles from 0.05 to 0.1.
        let baseline = try #require(svg.all("line", class: "chart-axis").first?.number("y1"))
        #expect(abs((baseline - points[0][5].y) - 2 * (baseline - points[0][0].y)) < 0.25)
    }

    @Test func missingMonthsBreakTheLineAndLonePointsBecomeDots() throws {
        var values: [Double?] = churn.values
        values[3] = nil
        values[5] = nil
        let svg = try SVGDocument(chart([Series(name: "流失率", values: values)], target: nil))
        let path = try #require(svg.all("path", class: "chart-line").first)
        let parts = subpaths(path["d"]!)
        #expect(parts.map(\.count) == [3, 6])
        // Month 5 stands alone between two gaps: a dot, plus the dot on the latest value.
        #expect(svg.all("circle", class: "chart-point").count == 2)
    }

    @Test func theTargetIsADashedLabelledLineAtItsValue() throws {
        let svg = try SVGDocument(chart([churn]))
        let target = try #require(svg.all("line", class: "chart-target").first)
        #expect(target["stroke-dasharray"] != nil)
        #expect(target["y1"] == target["y2"])
        #expect(svg.texts(class: "chart-target-label") == ["目标 8.0%"])
        let path = subpaths(try #require(svg.all("path", class: "chart-line").first?["d"]))[0]
        // The target lies exactly on the April point (0.08).
        #expect(abs(path[3].y - target.number("y1")!) < 0.11)
    }

    @Test func eachSeriesIsLabelledAtItsEndAndLabelsDoNotOverlap() throws {
        let voluntary = Series(name: "主动流失", values: churn.values.map { $0.map { $0 - 0.002 } }, dashed: true)
        let svg = try SVGDocument(chart([churn, voluntary]))
        let labels = svg.all("text", class: "chart-end-label") + svg.all("text", class: "chart-target-label")
        #expect(labels.map(\.text).sorted() == ["主动流失 6.8%", "流失率 7.0%", "目标 8.0%"])
        let ys = labels.compactMap { $0.number("y") }.sorted()
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= 13.9 })
        let paths = svg.all("path", class: "chart-line")
        #expect(paths.count == 2)
        // The first series is drawn last, on top of the dashed one.
        #expect(paths[1]["stroke-dasharray"] == nil && paths[1]["class"]!.contains("chart-c5"))
        #expect(paths[0]["stroke-dasharray"] != nil)
        #expect(paths[0]["stroke"] != paths[1]["stroke"])
    }

    @Test func axisTicksAreNiceAndLabelledAsPercentages() throws {
        let svg = try SVGDocument(chart([churn]))
        #expect(svg.texts(class: "chart-tick").prefix(4) == ["0%", "2%", "4%", "6%"])
        #expect(svg.texts(class: "chart-tick").prefix(8).last == "14%")
        // Every other month fits under the plot; the latest is always labelled.
        #expect(svg.texts(class: "chart-tick").suffix(6) == ["2026-02", "2026-04", "2026-06", "2026-08", "2026-10", "2026-12"])
    }

    @Test func longCategoryRunsAreThinnedButKeepTheLatest() throws {
        let categories = (0..<36).map { "20\(24 + $0 / 12)-\(String(format: "%02d", $0 % 12 + 1))" }
        let svg = try SVGDocument(
            Charts.line(text, categories: categories, series: [Series(name: "流失率", values: categories.map { _ in 0.05 })], format: .percent(decimals: 1)))
        let labels = svg.all("text").filter { categories.contains($0.text) }
        #expect(labels.count < 36)
        #expect(labels.last?.text == "2026-12")
        let xs = labels.compactMap { $0.number("x") }
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 > 7 * 6 * 1.0 + 12 })
    }

    @Test func withNoValuesItSaysSo() throws {
        let svg = try SVGDocument(chart([Series(name: "流失率", values: months.map { _ in nil })]))
        #expect(svg.texts() == ["暂无数据"])
        #expect(svg.all("path").isEmpty)
        #expect(svg.root["role"] == "img")
    }

    @Test func theSameInputGivesTheSameBytesAndDifferentChartsGetDifferentIDs() throws {
        #expect(chart([churn]) == chart([churn]))
        let other = try SVGDocument(chart([churn], title: ChartText(title: "杭州二组 月流失率", description: "同上")))
        let first = try SVGDocument(chart([churn]))
        #expect(first.root["aria-labelledby"] != other.root["aria-labelledby"])
    }
}

@Suite struct EscapingTests {
    let hostile = ChartText(title: "<script>alert(1)</script> & \"x\"", description: "A'B <img src=x onerror=alert(1)>\u{1}")

    @Test func aNameThatLooksLikeAPlaceholderIsWrittenAsItIs() throws {
        // The summary fills its placeholders in one pass: a team called `{latest}` is not given a
        // month, whatever order the placeholders come in.
        let name = "{latest}{highestValue}{name}"
        let svg = try SVGDocument(
            Charts.line(
                ChartText(title: "流失率", description: "按月"), categories: ["2026-01", "2026-02"],
                series: [Series(name: name, values: [0.1, 0.2])], format: .percent(decimals: 1)))
        let description = try #require(svg.all("desc").first?.text)
        #expect(description.contains(name + "最近一期（2026-02）20.0%"))
    }

    @Test func everyTextIsEscapedAndSurvivesAnXMLParser() throws {
        let outputs = [
            Charts.line(hostile, categories: ["<b>"], series: [Series(name: "<i>名</i>", values: [0.1])], target: 0.1, format: .percent(decimals: 1)),
            Charts.bars(hostile, categories: ["<b>"], series: [Series(name: "<i>名</i>", values: [3])], format: .integer),
            Charts.horizontalBars(hostile, labels: ["<u>原因</u>"], values: [2], format: .integer),
            Charts.step(hostile, points: [(0, 1), (40, 0.5)], markers: [30]),
            Charts.sparkline(hostile, values: [0.1, 0.2], yMax: 0.2, target: 0.1),
            Charts.line(hostile, categories: [], series: [], format: .integer),
        ]
        for output in outputs {
            #expect(!output.contains("<script"))
            #expect(!output.contains("<img"))
            #expect(!output.contains("<i>") && !output.contains("<b>") && !output.contains("<u>"))
            let svg = try SVGDocument(output)
            #expect(svg.all("title").first?.text == hostile.title)
            #expect(svg.all("desc").first?.text.hasPrefix("A'B <img src=x onerror=alert(1)>") == true)
        }
    }

    @Test func noStyleAttributesAndOnlyPaletteColours() throws {
        let palette: Set<String> = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#5a626b", "#d9dcd4", "#1c2024", "none", "currentColor"]
        let output = Charts.bars(
            text, categories: months, series: (0..<8).map { number in Series(name: "s\(number)", values: months.map { _ in Double(number + 1) }) }, format: .integer)
        #expect(!output.contains("style="))
        let svg = try SVGDocument(output)
        let colours = svg.elements.flatMap { [$0["fill"], $0["stroke"]].compactMap { $0 } }
        #expect(Set(colours).isSubset(of: palette))
        // Colours follow the theme through classes; eight series wrap round seven colours.
        #expect(svg.all("rect", class: "chart-bar").filter { $0["class"]!.hasSuffix("chart-c5") }.count == 24)
    }
}

@Suite struct BarChartTests {
    @Test func oneBarPerPositiveValueWithHeightsInProportion() throws {
        let hires = Series(name: "入职", values: [4, 2, nil, 0, 6, 1, 1, 1, 1, 1, 1, 8])
        let leavers = Series(name: "离职", values: [2, 1, nil, 3, 1, 1, 1, 1, 1, 1, 1, 4])
        let svg = try SVGDocument(Charts.bars(text, categories: months, series: [hires, leavers], format: .integer))
        let bars = svg.all("rect", class: "chart-bar")
        #expect(bars.count == 10 + 11)
        let first = bars[0], second = bars[1]
        #expect(abs(first.number("height")! - 2 * second.number("height")!) < 0.2)
        #expect(first.number("x")! < second.number("x")!)
        #expect(svg.texts(class: "chart-legend") == ["入职", "离职"])
        #expect(svg.texts(class: "chart-tick").prefix(5) == ["0", "2", "4", "6", "8"])
    }

    @Test func horizontalBarsCarryTheirValuesAndLengthsInProportion() throws {
        let svg = try SVGDocument(
            Charts.horizontalBars(text, labels: ["薪酬", "排班", "压力"], values: [6, 3, 0], format: .integer))
        #expect(svg.texts(class: "chart-category") == ["薪酬", "排班", "压力"])
        #expect(svg.texts(class: "chart-value") == ["6", "3", "0"])
        let bars = svg.all("rect", class: "chart-bar")
        #expect(bars.count == 2)
        #expect(abs(bars[0].number("width")! - 2 * bars[1].number("width")!) < 0.2)
        #expect(svg.all("desc").first?.text.hasSuffix("薪酬 6，排班 3，压力 0。") == true)
        #expect(try SVGDocument(Charts.horizontalBars(text, labels: [], values: [], format: .integer)).texts() == ["暂无数据"])
    }
}

@Suite struct StepAndSparklineTests {
    let curve: [(x: Double, y: Double)] = [(0, 1), (10, 0.75), (100, 0.5), (150, 0.5)]

    @Test func theStepCurveHoldsEachValueUntilTheNextDrop() throws {
        let svg = try SVGDocument(Charts.step(text, points: curve, markers: [30, 90, 180]))
        let path = subpaths(try #require(svg.all("path", class: "chart-line").first?["d"]))[0]
        // Flat at 100 % to day 10, down to 75 %, flat to day 100, down to 50 %.
        #expect(path[0].y == path[1].y)
        #expect(path[1].x == path[2].x && path[2].y > path[1].y)
        #expect(path[3].y == path[2].y)
        // Readings at 30 and 90 days; 180 is beyond the data and left out.
        #expect(svg.texts(class: "chart-marker-label") == ["30 天 75.0%", "90 天 75.0%"])
        #expect(svg.all("line", class: "chart-marker").count == 2)
        #expect(svg.all("desc").first?.text.hasSuffix("30 天 75.0%，90 天 75.0%。") == true)
    }

    @Test func aCurveWithNoTimeSaysSo() throws {
        #expect(try SVGDocument(Charts.step(text, points: [(0, 1), (0, 1)], markers: [30])).texts() == ["暂无数据"])
    }

    @Test func sparklinesShareOneScale() throws {
        let calm = try SVGDocument(Charts.sparkline(text, values: [0.1, 0.02, 0.1], yMax: 0.2, target: 0.08))
        let wild = try SVGDocument(Charts.sparkline(text, values: [0.1, 0.2, nil, 0.1], yMax: 0.2, target: 0.08))
        let a = subpaths(try #require(calm.all("path").first?["d"]))
        let b = subpaths(try #require(wild.all("path").first?["d"]))
        #expect(a[0][0].y == b[0][0].y)
        #expect(b.count == 1 && b[0].count == 2)
        #expect(calm.all("line", class: "chart-target").first?["y1"] == wild.all("line", class: "chart-target").first?["y1"])
        #expect(calm.all("desc").first?.text.hasSuffix("最近一期 10.0%，目标 8.0%") == true)
    }
}

@Suite struct MarkerLabelTests {
    @Test func readingsThatWouldCollideAreStacked() throws {
        // A long flat curve: the 30- and 90-day dots are close together at the same height.
        let svg = try SVGDocument(Charts.step(text, points: [(0, 1), (5, 0.9), (2000, 0.9)], markers: [30, 90, 180]))
        let labels = svg.all("text", class: "chart-marker-label")
        #expect(labels.map(\.text) == ["30 天 90.0%", "90 天 90.0%", "180 天 90.0%"])
        let boxes = labels.map { (x: $0.number("x")!, y: $0.number("y")!, width: SVG.textWidth($0.text, size: 12)) }
        for (a, b) in zip(boxes, boxes.dropFirst()) {
            #expect(b.x >= a.x + a.width + 4 || abs(b.y - a.y) >= 15)
        }
    }
}

@Suite struct ResponsiveChartTests {
    /// The viewBox width and every font size of one SVG document.
    func layout(_ svg: Substring) -> (width: Double, sizes: Set<String>) {
        let box = svg.components(separatedBy: "viewBox=\"0 0 ")[1].prefix { $0 != " " }
        let sizes = svg.components(separatedBy: "font-size=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        return (Double(box)!, Set(sizes))
    }

    @Test func aChartIsDrawnWideAndNarrowWithTheSameTextSizesAndIdsOfTheirOwn() {
        let series = [Series(name: "流失率", values: months.indices.map { 0.05 + Double($0) / 200 }), Series(name: "主动流失", values: months.map { _ in 0.03 }, dashed: true)]
        for both in [
            Charts.responsive { Charts.line(text, categories: months, series: series, target: 0.08, format: .percent(decimals: 1), width: $0) },
            Charts.responsive { Charts.bars(text, categories: months, series: series, format: .percent(decimals: 1), width: $0) },
            Charts.responsive { Charts.step(text, points: [(0, 1), (40, 0.8), (200, 0.5)], markers: [30, 90, 180], width: $0) },
            Charts.responsive(wide: 400) { Charts.horizontalBars(text, labels: ["薪酬", "排班与工时"], values: [3, 5], format: .integer, width: $0) },
            // Nothing to draw at either width: the two bodies are the same, the ids must not be.
            Charts.responsive(wide: 400) { Charts.horizontalBars(text, labels: ["30 天内", "31–90 天"], values: [0, 0], format: .integer, width: $0) },
        ] {
            let documents = both.components(separatedBy: "<svg ").dropFirst().map { Substring($0) }
            #expect(documents.count == 2)
            #expect(documents[0].hasPrefix("xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-wide chart-"))
            #expect(documents[1].hasPrefix("xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-narrow chart-"))
            let wide = layout(documents[0]), narrow = layout(documents[1])
            #expect(wide.width > narrow.width && narrow.width == Charts.narrowWidth)
            // The same text sizes: drawn at 340 units in a 312 px frame, 12-unit text is 11 px.
            #expect(narrow.sizes == wide.sizes && narrow.sizes.allSatisfy { Double($0)! >= 12 }, "\(narrow.sizes)")
            let ids = documents.map { $0.components(separatedBy: "<title id=\"")[1].prefix { $0 != "\"" } }
            #expect(ids[0] != ids[1])
        }
    }

    @Test func theLatestBarLabelStaysInsideANarrowFrame() {
        let svg = Charts.bars(text, categories: months, series: [Series(name: "入职", values: months.map { _ in 3 })], format: .integer, width: 340)
        let last = svg.components(separatedBy: ">2026-12</text>")[0].components(separatedBy: "<text ").last!
        let x = Double(last.components(separatedBy: "x=\"")[1].prefix { $0 != "\"" })!
        #expect(x + SVG.textWidth("2026-12", size: 12) / 2 <= 340)
    }
}
