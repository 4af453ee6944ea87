/// The binary form of what the engine keeps between two builds on disk (`EngineState`): varints,
/// length-prefixed UTF-8, 64-bit words and arrays of 32-bit keys, all little-endian.
///
/// It is a cache, not a format anyone writes by hand: a file from another Staybook or another
/// output is refused by its header, and a damaged one by `StateReader`, which checks every length
/// against what is left and throws rather than trap. Either way the build just starts afresh.
public struct StateWriter {
    public private(set) var bytes: [UInt8] = []
    /// How many bytes were handed to the sink.
    private var spilled = 0
    /// Takes the bytes written so far when `spill` finds more than `spillSize`.
    private let sink: ((inout [UInt8]) -> Void)?
    private let spillSize: Int

    public init() {
        sink = nil
        spillSize = .max
    }

    /// A writer that hands its bytes to `sink` in pieces of about `spillSize` bytes (when `spill`
    /// is called), so that a large state is never whole in memory; `sink` empties the array.
    public init(spillSize: Int, sink: @escaping (inout [UInt8]) -> Void) {
        self.sink = sink
        self.spillSize = spillSize
        bytes.reserveCapacity(spillSize + spillSize / 4)
    }

    /// Hands the bytes to the sink when there are enough of them; call it between records.
    public mutating func spill() {
        guard bytes.count >= spillSize, let sink else { return }
        spilled += bytes.count
        sink(&bytes)
    }

    /// Hands whatever is left to the sink.
    public mutating func finish() {
        guard !bytes.isEmpty, let sink else { return }
        spilled += bytes.count
        sink(&bytes)
    }

    /// How many bytes were written so far, spilled or not: where the next one goes.
    public var position: Int { spilled + bytes.count }

    public mutating func int(_ value: Int) {
        // Zig-zag, so that -1 is one byte.
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes += utf8
        }
    }

    public mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    public mutating func optional(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    public mutating func raw(_ value: [UInt8]) {
        int(value.count)
        bytes += value
    }

    public mutating func raw(_ value: ArraySlice<UInt8>) {
        int(value.count)
        bytes += value
    }

    /// Bytes an earlier writer wrote, as they are (no length): a record read back unchanged is
    /// written again without encoding it again.
    public mutating func verbatim(_ value: ArraySlice<UInt8>) {
        bytes += value
    }

    public mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    /// Keys as they are in memory: four bytes each.
    public mutating func keys(_ values: [UInt32]) {
        int(values.count)
        #if _endian(little)
        values.withUnsafeBytes { bytes += $0 }
        #else
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        #endif
    }

    public mutating func words(_ values: [String: UInt64]) {
        int(values.count)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            string(key)
            word(value)
        }
    }
}

/// Reads what `StateWriter` wrote, in the same order.
public struct StateReader {
    /// The bytes do not hold what was asked for: a damaged or foreign file.
    public struct Damaged: Error, Sendable {
        public var offset: Int

        public init(offset: Int) {
            self.offset = offset
        }
    }

    /// All the bytes, read or not.
    public let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A reader of `bytes` from `offset` on (a part of them another reader reads beside it).
    public init(_ bytes: [UInt8], at offset: Int) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
    }

    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func int() throws(Damaged) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged(offset: offset) }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let decoded = Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
        return Int(decoded)
    }

    /// A count: not negative, and at most one per `unit` bytes left.
    public mutating func count(unit: Int = 1) throws(Damaged) -> Int {
        let value = try int()
        guard value >= 0, value <= (bytes.count - offset) / max(1, unit) else { throw Damaged(offset: offset) }
        return value
    }

    public mutating func bool() throws(Damaged) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Damaged(offset: offset) }
        offset += 1
        return bytes[offset - 1] == 1
    }

    public mutating func word() throws(Damaged) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Damaged(offset: offset) }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return value
    }

    public mutating func string() throws(Damaged) -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    public mutating func optionalString() throws(Damaged) -> String? {
        try bool() ? try string() : nil
    }

    public mutating func optionalInt() throws(Damaged) -> Int? {
        try bool() ? try int() : nil
    }

    public mutating func raw() throws(Damaged) -> [UInt8] {
        let length = try count()
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    /// Where in `bytes` the next `raw` value is, skipping it.
    public mutating func rawRange() throws(Damaged) -> Range<Int> {
        let length = try count()
        defer { offset += length }
        return offset..<(offset + length)
    }

    public mutating func strings() throws(Damaged) -> [String] {
        let count = try count()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    public mutating func keys() throws(Damaged) -> [UInt32] {
        let count = try count(unit: 4)
        var values = [UInt32](repeating: 0, count: count)
        values.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count * 4)]))
            }
        }
        offset += count * 4
        #if _endian(big)
        values = values.map { UInt32(littleEndian: $0) }
        #endif
        return values
    }

    public mutating func words() throws(Damaged) -> [String: UInt64] {
        let count = try count(unit: 9)
        var values: [String: UInt64] = [:]
        values.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            values[key] = try word()
        }
        return values
    }
}
