import StaybookModel
import Synchronization
import Testing

@Suite struct SharedMemoTests {
    /// A key's value is made on first use and given back afterwards from any thread, without being
    /// made again.
    @Test func aValueIsMadeOnceAndSharedByEveryThread() {
        let memo = SharedMemo<Int, String>()
        let made = Atomic<Int>(0)
        #expect(memo.value(for: 3) { made.add(1, ordering: .relaxed); return "三月" } == "三月")
        let labels = Array(0..<200).parallelMap { index in
            memo.value(for: index % 4 == 0 ? 3 : 5) { made.add(1, ordering: .relaxed); return "五月" }
        }
        #expect(labels.filter { $0 == "三月" }.count == 50)
        #expect(labels.filter { $0 == "五月" }.count == 150)
        // Key 3 was never made again; key 5 at most once per thread that asked before it was stored.
        #expect(made.load(ordering: .relaxed) >= 2 && made.load(ordering: .relaxed) <= 1 + 8)
        #expect(memo.value(for: 3) { "不会用到" } == "三月")
    }
}
