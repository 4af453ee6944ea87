import Foundation
import StaybookMetrics
import StaybookModel

/// Contradictions between pages that are data, found at load time so a manager never reads two
/// answers: a talk script longer or shorter than the handbook-wide `talk_duration` of site.yml, and
/// exit reasons or tenure bands written in a page that are not those of the snapshot format (the
/// dashboards count leavers by those, so a page with its own list cannot be checked against them).
///
/// Labels are recognised where a page lists them: in a sentence about exit reasons (原因 and a
/// classification, 类), a list of three or more items separated by 、; in a sentence about
/// tenure bands (司龄 and 档, 分层, 分组 or 区间), every span of days, months or years written
/// with digits. Code, fenced blocks and link destinations are skipped.
enum HandbookConsistency {
    /// Each page's vocabulary problems, kept under a hash of the texts they were found in, for the
    /// next build (a page that did not change is not read again), in memory or on disk (`EngineState`).
    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var problems: [String: (key: UInt64, problems: [Diagnostic])] = [:]

        /// Source path → key and problems.
        var entries: [String: (key: UInt64, problems: [Diagnostic])] {
            get { lock.withLock { problems } }
            set { lock.withLock { problems = newValue } }
        }

        func problems(of page: Page) -> [Diagnostic] {
            var hash = ContentHash()
            hash.combine(page.displayPath)
            hash.combine(page.bodyLine)
            hash.combine(Int(truncatingIfNeeded: page.bodyKey))
            for (text, line) in HandbookConsistency.frontMatterTexts(of: page) {
                hash.combine(text)
                hash.combine(line ?? -1)
            }
            let key = hash.value
            if let held = lock.withLock({ problems[page.source] }), held.key == key { return held.problems }
            let found = HandbookConsistency.vocabularyProblems(page)
            lock.withLock { problems[page.source] = (key, found) }
            return found
        }
    }

    static func problems(_ site: SiteMap, cache: Cache? = nil) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let range = site.config.talkDuration {
            problems += durationProblems(site.pages, range: range, configLine: site.config.keyLines["talk_duration"])
        }
        let pages = site.pages + site.sections.values.compactMap(\.index).sorted(by: { $0.source < $1.source })
        return problems + pages.parallelMap { cache?.problems(of: $0) ?? vocabularyProblems($0) }.flatMap { $0 }
    }

    // MARK: Talk duration

    static func durationProblems(_ pages: [Page], range: TalkDurationRange, configLine: Int?) -> [Diagnostic] {
        let setting = "talk_duration in content/site.yml\(configLine.map { ":\($0)" } ?? "")"
        var problems: [Diagnostic] = []
        for page in pages where page.kind == .talkScript {
            guard let duration = page.frontMatter.talkScript?.duration else { continue }
            if let tag = range.tag, !page.frontMatter.tags.contains(tag) { continue }
            let line = page.frontMatter.keyLines["duration"]
            let minutes = TalkDurationRange.minutes(in: duration)
            if minutes.isEmpty {
                problems.append(
                    .warning(
                        "`duration: \(duration)` states no minutes, so it cannot be checked against the handbook's \(range.min)–\(range.max) minutes",
                        file: page.displayPath, line: line, hint: "write it with digits, e.g. `\(range.min)–\(range.max) 分钟`"))
            } else if let outside = minutes.first(where: { !(range.min...range.max).contains($0) }) {
                problems.append(
                    .warning(
                        "`duration: \(duration)`: \(outside) minutes is outside the \(range.min)–\(range.max) minutes every talk lasts (\(setting))",
                        file: page.displayPath, line: line,
                        hint: "keep the talk within \(range.min)–\(range.max) 分钟 like every other script; a talk that is not one-on-one can leave out the tag `\(range.tag ?? "")`"))
            }
        }
        return problems
    }

    // MARK: Exit reasons and tenure bands

    static let reasonLabels = LeaveReason.allCases.map(\.label)
    static let tenureLabels = TenureBucket.allCases.map(\.label)

    /// Every text of `page` a manager reads, with its line: the body line by line, then the plain
    /// and Markdown fields of the front matter.
    /// Only the texts `wanted` accepts are kept (lines are cut on bytes, and copied only when kept).
    static func texts(of page: Page, where wanted: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true }) -> [(text: String, line: Int?)] {
        var texts: [(String, Int?)] = []
        // Lines and fences are found on the UTF-8 bytes (every character they look at is ASCII).
        var body = page.body
        body.withUTF8 { bytes in
            var fence: UInt8?
            var start = 0
            var offset = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                defer {
                    start = end + 1
                    offset += 1
                }
                let indent = line.firstIndex { $0 != UInt8(ascii: " ") } ?? line.count
                let mark = indent < line.count ? line[indent] : 0
                let isFence =
                    (mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~")) && line.count - indent >= 3 && line[indent + 1] == mark
                    && line[indent + 2] == mark
                if let open = fence {
                    if isFence && mark == open { fence = nil }
                    continue
                }
                if isFence {
                    fence = mark
                    continue
                }
                if wanted(line) { texts.append((String(decoding: line, as: UTF8.self), page.bodyLine + offset)) }
            }
        }
        return texts
            + frontMatterTexts(of: page).filter { text in
                var text = text.text
                return text.withUTF8(wanted)
            }
    }

    /// The plain and Markdown fields of the front matter a manager reads, with their lines.
    static func frontMatterTexts(of page: Page) -> [(text: String, line: Int?)] {
        var texts: [(String, Int?)] = []
        let fm = page.frontMatter
        func add(_ key: String, _ text: String?) { if let text { texts.append((text, fm.keyLines[key])) } }
        add("summary", fm.summary)
        add("trigger", fm.talkScript?.trigger)
        add("goal", fm.talkScript?.goal)
        add("cadence", fm.talkScript?.cadence)
        for group in fm.doDontGroups {
            for text in group.dos + group.donts { texts.append((text, group.line)) }
        }
        for question in fm.questions {
            for text in [question.question] + question.options + [question.explanation].compactMap({ $0 }) {
                texts.append((text, question.line))
            }
        }
        return texts
    }

    static func vocabularyProblems(_ page: Page) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func mentions(_ text: UnsafeBufferPointer<UInt8>) -> Bool { text.containsBytes("原因") || text.containsBytes("司龄") }
        func mentions(_ text: some StringProtocol) -> Bool { text.containsBytes("原因") || text.containsBytes("司龄") }
        // Most pages name neither: skip splitting them into lines.
        guard mentions(page.body) || frontMatterTexts(of: page).contains(where: { mentions($0.text) }) else { return [] }
        // The two rules, each about text naming both of its words.
        func aboutReasons(_ text: some StringProtocol) -> Bool { text.containsBytes("原因") && text.containsBytes("类") }
        func aboutTenure(_ text: some StringProtocol) -> Bool {
            text.containsBytes("司龄") && ["档", "分层", "分组", "区间"].contains(where: text.containsBytes)
        }
        for (text, line) in texts(of: page, where: mentions) {
            // A sentence a rule reads names both its words, so its line does: most lines of a long
            // page that mention 原因 are not split into sentences.
            let clean = readable(text)
            guard aboutReasons(clean) || aboutTenure(clean) else { continue }
            for sentence in sentences(clean) {
                if aboutReasons(sentence) {
                    for unknown in unknownReasons(in: sentence) {
                        problems.append(
                            .warning(
                                "`\(unknown)` is not an exit reason of the snapshot format", file: page.displayPath, line: line,
                                hint: "list exit reasons as the snapshots and the dashboards count them: \(reasonLabels.joined(separator: "、"))"))
                    }
                }
                if aboutTenure(sentence) {
                    for band in unknownTenureBands(in: sentence) {
                        problems.append(
                            .warning(
                                "`\(band)` is not a tenure band of the tenure-at-exit chart", file: page.displayPath, line: line,
                                hint: "use the bands the dashboards count leavers by, written with digits: \(tenureLabels.joined(separator: "、"))"))
                    }
                }
            }
        }
        return problems
    }

    /// `text` without code spans, emphasis marks and link destinations.
    static func readable(_ text: String) -> String {
        // Every character it drops or looks for is ASCII, so it works on UTF-8 bytes.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var inCode = false
        var bytes = text.utf8[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "`") {
                inCode.toggle()
                continue
            }
            if inCode { continue }
            if byte == UInt8(ascii: "]"), bytes.first == UInt8(ascii: "(") {
                // Skip the destination of `[text](destination)`.
                while let next = bytes.popFirst(), next != UInt8(ascii: ")") {}
                continue
            }
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "_") { continue }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func sentences(_ text: String) -> [Substring] {
        // The ends of sentences are single scalars: split on scalars, not on characters.
        let scalars = text.unicodeScalars
        var parts: [Substring] = []
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "。" || scalar == "！" || scalar == "？" || scalar == "；" || scalar == "\n" {
                if start < index { parts.append(Substring(text.unicodeScalars[start..<index])) }
                start = next
            }
            index = next
        }
        if start < scalars.endIndex { parts.append(Substring(text.unicodeScalars[start...])) }
        return parts
    }

    /// The items of every 、-list of three or more in `sentence` that are not reason labels. The
    /// first item may start with other words (按薪酬) and the last end with them (其他八类). A
    /// list is one of reasons when the sentence names the classification (离职原因, 原因分类) or
    /// when one of its items is a reason: then every item must be one. Other lists in a sentence
    /// about reasons (约定的事、谁负责、期限) are left alone.
    static func unknownReasons(in sentence: Substring) -> [String] {
        let namesReasons = sentence.contains("离职原因") || sentence.contains("原因分类")
        var unknown: [String] = []
        for chunk in sentence.split(whereSeparator: { "，,：:（）()「」『』“”\"《》/".contains($0) }) {
            let items = chunk.split(separator: "、", omittingEmptySubsequences: false).map { String($0.drop { $0 == " " || $0 == "\u{3000}" }).trimmingTrailingSpaces() }
            guard items.count >= 3 else { continue }
            let known = items.enumerated().map { index, item -> Bool in
                if index == 0 { return reasonLabels.contains { item.hasSuffix($0) } }
                if index == items.count - 1 { return reasonLabels.contains { item.hasPrefix($0) } }
                return reasonLabels.contains(item) || reasonLabels.contains(item.replacingOccurrences(of: "等", with: ""))
            }
            guard namesReasons || known.contains(true) else { continue }
            unknown += zip(items, known).filter { !$0.1 }.map(\.0)
        }
        return unknown
    }

    /// Bands as day ranges; the last has no end.
    static let tenureBands: [(low: Int, high: Int?)] = [(0, 30), (31, 90), (91, 180), (181, 365), (366, nil)]

    /// Every span of tenure in `sentence` (`3–12 个月`, `未满 30 天`, `1 年以上`) that is not a band.
    static func unknownTenureBands(in sentence: Substring) -> [String] {
        var unknown: [String] = []
        for span in TenureSpan.find(in: String(sentence)) {
            let ok: Bool
            switch span.kind {
            case .upTo(let days): ok = days == 30 || days == 31
            case .between(let low, let high): ok = tenureBands.contains { $0.high == high && ($0.low == low || $0.low == low + 1) }
            case .above(let days): ok = days == 365 || days == 366
            }
            if !ok { unknown.append(span.text) }
        }
        return unknown
    }
}

/// A span of tenure written with digits: `31–90 天`, `未满 3 个月`, `30 天内`, `1 年以上`.
struct TenureSpan {
    enum Kind { case upTo(Int), between(Int, Int), above(Int) }
    var text: String
    var kind: Kind

    static func days(_ number: Int, _ unit: Substring) -> Int {
        switch unit {
        case "年": number * 365
        case "个月": number % 12 == 0 ? number / 12 * 365 : number * 30
        default: number
        }
    }

    static func find(in text: String) -> [TenureSpan] {
        var spans: [TenureSpan] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " { index += 1 } }
        func unit() -> Substring? {
            let rest = String(String.UnicodeScalarView(scalars[index...].prefix(2)))
            for name in ["个月", "天", "年"] where rest.hasPrefix(name) {
                index += name.unicodeScalars.count
                return Substring(name)
            }
            return nil
        }
        func word(_ words: [String]) -> String? {
            let rest = String(String.UnicodeScalarView(scalars[index...].prefix(3)))
            for word in words where rest.hasPrefix(word) {
                index += word.unicodeScalars.count
                return word
            }
            return nil
        }
        func slice(_ from: Int) -> String { String(String.UnicodeScalarView(scalars[from..<index])) }
        while index < scalars.count {
            let start = index
            if word(["未满", "不满", "不到"]) != nil {
                skipSpaces()
                if let number = TalkDurationRange.digits(scalars, &index) {
                    skipSpaces()
                    if let unit = unit() { spans.append(TenureSpan(text: slice(start), kind: .upTo(days(number, unit)))) }
                }
                continue
            }
            guard let first = TalkDurationRange.digits(scalars, &index) else {
                index += 1
                continue
            }
            skipSpaces()
            let firstUnit = unit()
            skipSpaces()
            if index < scalars.count, "–—-~～至到".unicodeScalars.contains(scalars[index]) {
                index += 1
                skipSpaces()
                if let second = TalkDurationRange.digits(scalars, &index) {
                    skipSpaces()
                    if let unit = unit() {
                        spans.append(TenureSpan(text: slice(start), kind: .between(days(first, firstUnit ?? unit), days(second, unit))))
                    }
                }
                continue
            }
            guard let firstUnit else { continue }
            skipSpaces()
            if word(["以上"]) != nil {
                spans.append(TenureSpan(text: slice(start), kind: .above(days(first, firstUnit))))
            } else if word(["以内", "之内", "内"]) != nil {
                spans.append(TenureSpan(text: slice(start), kind: .upTo(days(first, firstUnit))))
            }
        }
        return spans
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\u{3000}" { text.removeLast() }
        return text
    }
}
