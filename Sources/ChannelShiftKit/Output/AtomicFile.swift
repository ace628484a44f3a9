// Atomic writes: a temp file in the same directory, fsync, then rename; never a half-written report.
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
        let dir = directory(of: path)
        let name = basename(of: path)
        let temp = (dir == "" ? "" : dir + "/") + ".\(name).tmp-\(getpid())"
        // An unnamed O_TMPFILE inode vanishes with the process, even on SIGKILL, so a killed run leaves no
        // temp file; it is given a name only once complete. File systems without O_TMPFILE get a named temp.
        var anonymous = true
        var fd = open(dir.isEmpty ? "." : dir, tmpfileFlag | O_WRONLY | O_CLOEXEC, 0o644)
        if fd < 0 && errno != ENOENT && errno != ENOTDIR {
            anonymous = false
            fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw .data("cannot write \(path): \(errnoText())", at: SourceLocation(file: path),
                        hint: "check that the directory '\(dir.isEmpty ? "." : dir)' exists and is writable")
        }
        var ok = true
        var err = ""
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false; err = errnoText(); return
                }
                off += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; err = errnoText() }
        if ok && anonymous {
            unlink(temp)   // a stale temp from a process killed between link and rename
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temp, AT_SYMLINK_FOLLOW) != 0 { ok = false; err = errnoText() }
        }
        if close(fd) != 0 && ok { ok = false; err = errnoText() }
        if ok && rename(temp, path) != 0 { ok = false; err = errnoText() }
        if !ok {
            unlink(temp)
            throw .data("cannot write \(path): \(err)", at: SourceLocation(file: path),
                        hint: "nothing was written; free disk space or choose another --out")
        }
    }

    public static func write(_ text: String, to path: String) throws(ToolError) {
        try write(Array(text.utf8), to: path)
    }

    /// O_TMPFILE (Linux 3.11+): `__O_TMPFILE | O_DIRECTORY`, spelled out because the C macro does not import.
    static let tmpfileFlag: Int32 = 0o20000000 | O_DIRECTORY

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func basename(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
