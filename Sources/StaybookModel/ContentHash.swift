/// A fast 64-bit hash of bytes, stable across runs and machines (unlike `Hasher`, which is seeded
/// per process): it tells whether a file changed between two builds, not a cryptographic digest.
/// MurmurHash3's 64-bit mixing on 8-byte words, then its finaliser.
public struct ContentHash: Sendable {
    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public static func of(_ bytes: some Collection<UInt8>) -> UInt64 {
        var hash = ContentHash()
        hash.combine(bytes)
        return hash.value
    }

    /// The hash of an input file (`InputFingerprint`): its path relative to the project and its
    /// bytes.
    public static func ofInput(_ relative: String, _ bytes: [UInt8]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(relative)
        hash.combine(bytes)
        return hash.value
    }

    public mutating func combine(_ bytes: some Collection<UInt8>) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ combine(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        combine(Array(bytes))
    }

    public mutating func combine(_ number: Int) {
        withUnsafeBytes(of: UInt64(truncatingIfNeeded: number).littleEndian) { combine($0) }
    }

    public mutating func combine(_ text: String) {
        combine(text.utf8.count)
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var hash = value ^ (UInt64(bytes.count) &* 0x87C3_7B91_1142_53D5)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = Self.mix(hash, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for (shift, byte) in bytes[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            hash = Self.mix(hash, tail)
        }
        value = Self.finalise(hash)
    }

    /// A hash of `bytes` made in four independent lanes of 8 bytes, about three times as fast as
    /// `of` on a large buffer (a state file's frames), and not equal to it: for checking that
    /// bytes came back as they were written, never for what `of` keys.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63)
        var offset = 0
        while offset + 32 <= bytes.count {
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian)
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self).littleEndian)
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self).littleEndian)
            offset += 32
        }
        var hash = ContentHash()
        hash.value = lanes.0
        for lane in [lanes.1, lanes.2, lanes.3] { hash.combine(Int(bitPattern: UInt(lane))) }
        hash.combine(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        return hash.value
    }

    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt64 {
        if let done = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) }) { return done }
        return Array(bytes).withUnsafeBytes { checksum($0) }
    }

    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var k = word &* 0x87C3_7B91_1142_53D5
        k = (k << 31) | (k >> 33)
        k = k &* 0x4CF5_AD43_2745_937F
        var h = hash ^ k
        h = (h << 27) | (h >> 37)
        return h &* 5 &+ 0x52DC_E729
    }

    private static func finalise(_ hash: UInt64) -> UInt64 {
        var h = hash
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
