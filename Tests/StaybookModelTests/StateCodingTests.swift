import StaybookModel
import Testing

/// The binary form of the engine's state: what is written reads back the same, and bytes that
/// were not written so (cut, damaged, foreign) throw instead of trapping or allocating wildly.
@Suite struct StateCodingTests {
    @Test func valuesReadBackAsWritten() throws {
        let numbers = [0, 1, -1, 63, 64, -65, 127, 128, 300, -300, 1 << 40, Int.max, Int.min]
        let texts = ["", "离职面谈", "wrap-up", "emoji 👩🏻‍💼", "\u{0}\n\u{2028}", String(repeating: "长", count: 1000)]
        let keys: [UInt32] = [0, 1, 0x4E00_4E01, .max]
        let words: [String: UInt64] = ["templates/page.mustache": 7, "": .max, "新人": 0]
        var out = StateWriter()
        for number in numbers { out.int(number) }
        for text in texts { out.string(text) }
        out.strings(texts)
        out.optional(nil as String?)
        out.optional("班组长")
        out.optional(nil as Int?)
        out.optional(-5)
        out.bool(true)
        out.word(0xDEAD_BEEF_0123_4567)
        out.raw([0, 255, 10])
        out.keys(keys)
        out.words(words)

        var reader = StateReader(out.bytes)
        for number in numbers { #expect(try reader.int() == number) }
        for text in texts { #expect(try reader.string() == text) }
        #expect(try reader.strings() == texts)
        #expect(try reader.optionalString() == nil)
        #expect(try reader.optionalString() == "班组长")
        #expect(try reader.optionalInt() == nil)
        #expect(try reader.optionalInt() == -5)
        #expect(try reader.bool())
        #expect(try reader.word() == 0xDEAD_BEEF_0123_4567)
        #expect(try reader.raw() == [0, 255, 10])
        #expect(try reader.keys() == keys)
        #expect(try reader.words() == words)
        #expect(reader.isAtEnd)
    }

    @Test func aCutOrAnImpossibleLengthThrows() {
        var out = StateWriter()
        out.string("离职面谈的四个步骤")
        out.keys([1, 2, 3])
        out.word(42)
        let bytes = out.bytes
        for cut in 0..<bytes.count {
            var reader = StateReader(Array(bytes[0..<cut]))
            #expect(throws: StateReader.Damaged.self, "cut at \(cut)") {
                _ = try reader.string()
                _ = try reader.keys()
                _ = try reader.word()
            }
        }
        // A length of 2^62 or a negative one, before a few bytes: refused before anything is made.
        var huge = StateWriter()
        huge.int(1 << 62)
        var reader = StateReader(huge.bytes + [1, 2, 3])
        #expect(throws: StateReader.Damaged.self) { _ = try reader.keys() }
        var negative = StateWriter()
        negative.int(-3)
        reader = StateReader(negative.bytes + [1, 2, 3])
        #expect(throws: StateReader.Damaged.self) { _ = try reader.strings() }
        // A varint that never ends, and a flag that is neither 0 nor 1.
        reader = StateReader([UInt8](repeating: 0xFF, count: 12))
        #expect(throws: StateReader.Damaged.self) { _ = try reader.int() }
        reader = StateReader([2])
        #expect(throws: StateReader.Damaged.self) { _ = try reader.bool() }
    }

    @Test func aSpillingWriterHandsOnEveryByteInOrder() {
        var pieces: [[UInt8]] = []
        var out = StateWriter(spillSize: 16) { bytes in
            pieces.append(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        var whole = StateWriter()
        for number in 0..<100 {
            out.string("第\(number)页")
            whole.string("第\(number)页")
            out.spill()
        }
        out.finish()
        #expect(pieces.count > 10)
        #expect(pieces.allSatisfy { $0.count < 16 + 12 })
        #expect(pieces.flatMap { $0 } == whole.bytes)
    }
}
