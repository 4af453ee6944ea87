extension String {
    /// The text without the spaces, tabs and line breaks around it (ASCII, no-break and ideographic
    /// spaces). Foundation's `trimmingCharacters(in:)` goes through NSString: it was a third of a
    /// 100,000-row import.
    var trimmedCell: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{A0}" || scalar == "\u{3000}" || scalar == "\u{FEFF}"
        }
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    var isBlankCell: Bool { trimmedCell.isEmpty }
}
