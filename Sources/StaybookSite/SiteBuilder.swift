import Foundation
import StaybookModel

/// Builds one project into one output folder again and again, as `serve` does after every save:
/// keeps what it learned between builds, so each build redoes only what changed since the last.
///
/// Not thread-safe: one build at a time (a server runs its rebuilds in order).
public final class SiteBuilder: @unchecked Sendable {
    public let project: Project
    public let output: URL

    public init(project: Project, output: URL) {
        self.project = project
        self.output = output.standardizedFileURL
    }

    /// Builds and publishes atomically, as `Pipeline.build` does; on errors the output stays as it was.
    public func build() -> BuildReport {
        Pipeline.build(project, output: output)
    }
}
