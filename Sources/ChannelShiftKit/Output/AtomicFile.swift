// Atomic writes: a temp file in the same directory, fsync, then rename; never a half-written report.
// (The work is done by AtomicFileWriter, which also streams outputs too big to hold in memory.)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum AtomicFile {
    /// Writes `bytes` to `path` so that `path` is either the old file or the complete new one,
    /// even if the process is killed mid-write. The temp file is removed on any failure.
    public static func write(_ bytes: [UInt8], to path: String) throws(ToolError) {
        let w = try AtomicFileWriter(path: path)
        try w.write(bytes)
        try w.commit()
    }

    public static func write(_ text: String, to path: String) throws(ToolError) {
        try write(Array(text.utf8), to: path)
    }

    /// O_TMPFILE (Linux 3.11+): `__O_TMPFILE | O_DIRECTORY`, spelled out because the C macro does not import.
    static let tmpfileFlag: Int32 = 0o20000000 | O_DIRECTORY

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func basename(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
