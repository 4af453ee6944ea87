import StaybookModel

/// Promises every parser keeps on any input, checked by each fuzz target besides crashes and hangs.
public enum FuzzInvariants {
    /// A result, or an error saying why not; each diagnostic names the file and a line of the input.
    /// - Parameter firstLine: the file line the input starts on
    public static func check(_ diagnostics: [Diagnostic], file: String, text: String, firstLine: Int = 1, produced: Bool) {
        precondition(produced || diagnostics.contains { $0.severity == .error }, "no result and no error")
        let lines = firstLine..<(firstLine + lineCount(text))
        for diagnostic in diagnostics {
            precondition(diagnostic.file == file, "a diagnostic names \(diagnostic.file ?? "no file"): \(diagnostic)")
            if let line = diagnostic.line { precondition(lines.contains(line), "line \(line) is not in lines \(lines): \(diagnostic)") }
            if let column = diagnostic.column { precondition(column >= 1, "column \(column): \(diagnostic)") }
            precondition(!diagnostic.message.isEmpty, "an empty message")
        }
    }

    static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}

/// libFuzzer's entry for programs with a `main` of their own (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

public enum FuzzDriver {
    /// Hands the command line to libFuzzer, which calls `target` with each input; returns its status.
    public static func run(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, target)
    }
}
