import Foundation
import StaybookContent
import StaybookModel
import StaybookSearch

/// Builds one project into one output folder, again and again as `serve` does after every save,
/// redoing only what changed since its last build: every render job whose inputs (`RenderInputs`:
/// the site's structure, the numbers, its templates, the Markdown it rendered) are unchanged is
/// taken from the last build, files and problems alike, and the publisher keeps its bytes.
///
/// The result is byte for byte what a fresh build of the same input writes (the tests build both
/// and compare). `staybook build` uses one for a single build (`Pipeline.build`), which starts from
/// the state the last build kept beside the output (`EngineState`) and keeps its own there.
///
/// Not thread-safe: one build at a time (a server runs its rebuilds in order).
public final class SiteBuilder: @unchecked Sendable {
    public let project: Project
    public let output: URL
    /// What the last build's jobs made, matching what the output holds.
    private var memo = RenderMemo()
    /// Path → content hash of every file the output held after the last build (nil before it).
    private var published: [String: UInt64]?
    /// The input fingerprint the output's manifest holds (nil: none, so never up to date).
    private var publishedInputs: UInt64?
    /// The Markdown files and theme the last load read.
    private let loadCache = LoadCache()
    /// The input files' hashes under their `stat` fields.
    private let fileHashes = InputFingerprint.Cache()
    /// The search index the last build wrote, to update.
    private var searchWriter = SearchIndexWriter()

    /// Whether every build keeps its state beside the output for the next process (`EngineState`).
    /// A live preview keeps it in memory only: writing it after every save would slow every save.
    public let keepsState: Bool

    public init(project: Project, output: URL, keepsState: Bool = false) {
        self.project = project
        self.output = output.standardizedFileURL
        self.keepsState = keepsState
    }

    /// Builds and publishes atomically; on errors the output stays as it was (and so does what
    /// the builder remembers of it).
    public func build() -> BuildReport {
        var report = BuildReport()
        report.output = output
        let publisher = Publisher(output: output, project: project.root, sources: [project.contentDirectory, project.themesDirectory])
        if let problem = publisher.validate() {
            report.diagnostics = [problem]
            return report
        }
        var start = ContinuousClock.now
        // The state the last process kept: its input hashes now, its render memo once something
        // is to be rendered.
        var keptGeneration: UInt64?
        if published == nil {
            let manifest = OutputManifest.read(from: output)
            published = manifest?.files.mapValues(\.hash) ?? [:]
            publishedInputs = manifest?.inputs
            keptGeneration = manifest == nil ? nil : EngineState.generation(of: output)
            if let keptGeneration, let files = EngineState.readInputs(for: output, project: project, generation: keptGeneration) {
                fileHashes.files = files
            }
        }
        let fingerprint = InputFingerprint.compute(files: project, cache: fileHashes)
        report.steps.append(("fingerprint inputs", (ContinuousClock.now - start).seconds))
        // The manifest is read (and every file checked) only when its fingerprint is this one.
        if let fingerprint, publishedInputs == fingerprint.total, let done = publisher.upToDate(inputs: fingerprint.total) {
            (report.pages, report.files, report.searchIndex) = done
            report.upToDate = true
            return report
        }
        // The memo and the search writer are read on other cores while the site loads.
        var later: Background<EngineState.Kept.Later?>?
        if let keptGeneration {
            start = ContinuousClock.now
            if let kept = EngineState.readRender(for: output, project: project, generation: keptGeneration) {
                loadCache.vocabulary.entries = kept.vocabulary
                if case .read(let config, let documents) = kept.documents { loadCache.documents.restore(config: config, documents: documents) }
                later = kept.later
            }
            report.steps.append(("read the last build's state", (ContinuousClock.now - start).seconds))
        }
        func takeLater() {
            guard let kept = later?.wait() else { return }
            later = nil
            memo = kept.memo
            searchWriter = kept.search
        }
        loadCache.prepare(hashes: fingerprint?.files ?? [:])
        guard let site = Pipeline.load(project, report: &report, cache: loadCache) else {
            // Kept for the next build (a live preview's, after this error is fixed).
            takeLater()
            report.diagnostics = report.diagnostics.sortedByLocation()
            return report
        }
        // Without per-file hashes (a symbolic link among the inputs) nothing can be reused safely.
        let inputs = fingerprint.map { fingerprint in
            RenderInputs.of(site, configBytes: SourceText.bytes(atPath: project.contentDirectory.appending(path: SiteConfigLoader.fileName).path) ?? [], data: Self.dataKey(fingerprint.files))
        }
        let total = fingerprint?.total
        if later != nil {
            start = ContinuousClock.now
            takeLater()
            report.steps.append(("wait for the last build's renders", (ContinuousClock.now - start).seconds))
        }
        var outcome = publish(site, publisher: publisher, fingerprint: total, inputs: inputs, memo: memo, report: report)
        if case .stale = outcome {
            // Someone changed the output since the last build: render everything.
            outcome = publish(site, publisher: publisher, fingerprint: total, inputs: inputs, memo: RenderMemo(), report: report)
        }
        switch outcome {
        case .published(let built, let newMemo, let files, let inputs):
            report = built
            publishedInputs = inputs
            let before = published ?? [:]
            var changed = files.compactMap { path, hash in before[path] == hash ? nil : path }
            changed += before.keys.filter { files[$0] == nil }
            report.changed = changed.sorted()
            // A build with warnings is never skipped (InputFingerprint), but its jobs may be reused.
            memo = newMemo
            published = files
            if keepsState {
                let start = ContinuousClock.now
                if let generation = EngineState.generation(of: output) {
                    EngineState.write(
                        for: output, project: project, generation: generation, fileHashes: fileHashes.files,
                        render: EngineState.Render(
                            // Only the findings of the pages there are now.
                            memo: memo, search: searchWriter, vocabulary: loadCache.vocabulary.entries.filter { site.frontMatterKeys[$0.key] != nil },
                            documents: .cache(loadCache.documents)))
                }
                report.steps.append(("keep the state", (ContinuousClock.now - start).seconds))
            }
        case .failed(let failed), .stale(let failed):
            report = failed
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        return report
    }

    private enum Outcome {
        case published(BuildReport, RenderMemo, [String: UInt64], inputs: UInt64?)
        case failed(BuildReport)
        /// A file to keep was no longer in the output as written.
        case stale(BuildReport)
    }

    private func publish(
        _ site: LoadedSite, publisher: Publisher, fingerprint: UInt64?, inputs: RenderInputs?, memo: RenderMemo, report: BuildReport
    ) -> Outcome {
        var report = report
        let session: PublishSession
        do {
            session = try publisher.begin()
        } catch {
            report.diagnostics += error.diagnostics
            return .failed(report)
        }
        let reuse = inputs.map { inputs in
            var reuse = RenderReuse(memo: memo, inputs: inputs, keep: session.keep)
            reuse.search = searchWriter
            return reuse
        }
        guard let (rendered, newMemo) = Pipeline.render(site, report: &report, emit: session.write, reuse: reuse) else {
            session.abandon()
            // The writer may hold a site that was never published: start over next time.
            searchWriter = SearchIndexWriter()
            return .failed(report)
        }
        if rendered.stale {
            session.abandon()
            searchWriter = SearchIndexWriter()
            return .stale(report)
        }
        let start = ContinuousClock.now
        do {
            // A build with warnings is never skipped, so the next one shows them again.
            let inputs = report.diagnostics.isEmpty ? fingerprint : nil
            let files = try session.finish(inputs: inputs, pages: report.pages, searchIndex: report.searchIndex)
            report.steps.append(("publish", (ContinuousClock.now - start).seconds))
            return .published(report, newMemo, files, inputs: inputs)
        } catch {
            report.diagnostics += error.diagnostics
            return .failed(report)
        }
    }

    /// A hash of everything under `content/data/`: the snapshots, contest results and talk log.
    static func dataKey(_ files: [String: UInt64]) -> UInt64 {
        var hash = ContentHash()
        let folder = "content/\(ContentLoader.dataFolder)/"
        for (path, file) in files.filter({ $0.key.hasPrefix(folder) }).sorted(by: { $0.key < $1.key }) {
            hash.combine(path)
            hash.combine(Int(truncatingIfNeeded: file))
        }
        return hash.value
    }
}
