import Foundation
import StaybookModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text files as spreadsheets save them: UTF-8 with or without a byte-order mark, UTF-16 with one
/// ("Unicode text"), or GB18030 — what Excel in Chinese writes for "CSV" — detected, not asked for.
public enum SpreadsheetText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf16 = "UTF-16"
        case gb18030 = "GB18030"
    }

    /// The text with line endings as `\n`, and the encoding it was read in.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<(text: String, encoding: Encoding), Diagnostic> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(little ? a | b << 8 : a << 8 | b)
                index += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else {
                return .failure(.error("the file is not valid UTF-16", file: file, line: 1, hint: "save it again from the spreadsheet as CSV UTF-8"))
            }
            return .success((normalisingLineEndings(text), .utf16))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if String(validating: body, as: UTF8.self) != nil {
            return SourceText.decode(bytes, file: file).map { ($0, .utf8) }
        }
        if body.contains(0) {
            return SourceText.decode(bytes, file: file).map { ($0, .utf8) }
        }
        switch gb18030(Array(body)) {
        case .success(let text): return .success((normalisingLineEndings(text), .gb18030))
        case .failure(let failure):
            let before = body.prefix(failure.offset)
            let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return .failure(
                .error(
                    "the file is neither UTF-8 nor GB18030 (the bytes at line \(line) are not text in either)", file: file, line: line,
                    hint: "save it from the spreadsheet as \"CSV UTF-8\", or convert it, e.g. `iconv -f GBK -t UTF-8`"))
        }
    }

    /// GB18030 (a superset of GBK and GB2312) to a String through the C library's iconv; on failure,
    /// the offset of the first byte that does not convert.
    static func gb18030(_ bytes: [UInt8]) -> Result<String, ConversionFailure> {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, Int(bitPattern: converter) != -1 else { return .failure(ConversionFailure(offset: 0)) }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let total = input.count
        var inLeft = input.count
        var outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuffer -> Int in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1, inLeft == 0 else { return .failure(ConversionFailure(offset: total - inLeft)) }
        let produced = output.count - outLeft
        let text = output.prefix(produced).withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self), as: UTF8.self)
        }
        return .success(text)
    }

    struct ConversionFailure: Error {
        var offset: Int
    }

    static func normalisingLineEndings(_ text: String) -> String {
        guard text.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
