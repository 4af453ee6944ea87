import Dispatch
import StaybookModel
import Testing

@Suite struct BackgroundTests {
    /// The work runs while the caller goes on, and `wait` gives its result once it has finished.
    @Test func theWorkRunsBesideTheCallerAndItsResultIsWaitedFor() {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let work = Background { () -> [String] in
            started.signal()
            // Finishes only after the caller has gone on (it would hang if run in `init`).
            release.wait()
            return ["主题", "已载入"]
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        release.signal()
        #expect(work.wait() == ["主题", "已载入"])
        #expect(work.wait() == ["主题", "已载入"], "waiting again gives the same result")
    }
}
