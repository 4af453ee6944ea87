import Foundation

/// What `readdir` gives, read safely.
public enum DirectoryEntry {
    /// The entry's name, read where it is: `d_name` is declared as 256 bytes, but an entry may be
    /// shorter (copying the struct reads past it; AddressSanitizer).
    public static func name(_ entry: UnsafeMutablePointer<dirent>) -> String {
        String(cString: (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self))
    }
}
