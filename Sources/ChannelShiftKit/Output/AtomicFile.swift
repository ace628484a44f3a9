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

    /// Writes several files as a set: afterwards either every path holds its new contents or every path is as
    /// it was (a full disk while writing the second file must not leave the first one replaced). All files are
    /// written and synced under temp names first; the old files are kept under hidden backup names until every
    /// rename has succeeded, and put back if one fails.
    public static func writeAll(_ files: [(text: String, path: String)]) throws(ToolError) {
        var writers: [AtomicFileWriter] = []
        for f in files { writers.append(try AtomicFileWriter(path: f.path)) }
        for (w, f) in zip(writers, files) { try w.write(Array(f.text.utf8)) }
        var prepared: [AtomicFileWriter] = []
        defer { for w in writers where !prepared.contains(where: { $0 === w }) { w.abort() } }
        do {
            for w in writers { try w.prepare(); prepared.append(w) }
        } catch {
            for w in prepared { unlink(w.preparedPath) }
            throw error
        }
        let backups = writers.map { w in (directory(of: w.path).isEmpty ? "" : directory(of: w.path) + "/") + ".\(basename(of: w.path)).old-\(getpid())" }
        var hadOld: [Bool] = []
        for (w, b) in zip(writers, backups) {
            unlink(b)
            hadOld.append(link(w.path, b) == 0)
        }
        var renamed = 0
        for w in writers {
            if rename(w.preparedPath, w.path) != 0 {
                let err = errnoText()
                // Put back what was replaced, drop what was new, so the set is as it was.
                for i in 0..<renamed { if hadOld[i] { rename(backups[i], writers[i].path) } else { unlink(writers[i].path) } }
                for v in writers[renamed...] { unlink(v.preparedPath) }
                for (b, had) in zip(backups, hadOld) where had { unlink(b) }
                throw .data("cannot write \(w.path): \(err)", at: SourceLocation(file: w.path),
                            hint: "nothing was written; free disk space or choose another --out")
            }
            renamed += 1
        }
        for (b, had) in zip(backups, hadOld) where had { unlink(b) }
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
