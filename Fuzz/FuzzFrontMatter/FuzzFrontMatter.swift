import FuzzSupport
import StaybookContent
import StaybookModel

/// Any bytes as a Markdown file: decoding, the front-matter split and its YAML. Besides crashes and
/// hangs, it stops on a broken promise: a file that yields no document must say why, and every
/// diagnostic must point at a line the file has.
func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let file = "content/fuzz.md"
    guard case .success(let text) = SourceText.decode(bytes, file: file) else { return 0 }
    let (document, diagnostics) = FrontMatterParser().parse(text, file: file)
    FuzzInvariants.check(diagnostics, file: file, text: text, produced: document != nil)
    if let document { precondition(document.bodyLine >= 1, "the body starts on line \(document.bodyLine)") }
    return 0
}
