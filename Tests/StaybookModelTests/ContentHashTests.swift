import StaybookModel
import Testing

@Suite struct ContentHashTests {
    /// A state file's frames are checked with `checksum`: any changed, missing or added byte, at
    /// any place of any length (the four lanes and the tail), must show.
    @Test func aChecksumChangesWithAnyByte() {
        for length in [0, 1, 7, 8, 31, 32, 33, 64, 100, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let checksum = ContentHash.checksum(bytes)
            #expect(ContentHash.checksum(bytes) == checksum, "the same bytes, the same checksum")
            var seen: Set = [checksum]
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x01
                #expect(seen.insert(ContentHash.checksum(changed)).inserted, "length \(length): a flipped bit at \(index) was not seen")
            }
            #expect(seen.insert(ContentHash.checksum(bytes + [0])).inserted, "length \(length): an added zero byte was not seen")
            if length > 0 { #expect(seen.insert(ContentHash.checksum(bytes.dropLast())).inserted, "length \(length): a dropped byte was not seen") }
        }
    }

    /// Lanes that hold the same words in another order are another buffer.
    @Test func aChecksumTellsSwappedWords() {
        let a = (0..<64).map { UInt8($0) }
        let b = Array(a[8..<16] + a[0..<8] + a[16...])
        #expect(ContentHash.checksum(a) != ContentHash.checksum(b))
        let c = Array(a[32...] + a[..<32])
        #expect(ContentHash.checksum(a) != ContentHash.checksum(c))
    }
}
