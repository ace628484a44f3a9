// Streams a large file atomically: writes go to a hidden temp file beside the target, renamed on commit.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Like `AtomicFile.write`, for output too big to hold in memory: the target is either the old file or
/// the complete new one. A killed run leaves no temp file where O_TMPFILE works (Linux file systems), except when
/// killed in the instant between linking the finished file under `.NAME.tmp-PID` and renaming it; elsewhere at
/// most that hidden temp. Never a partial NAME, and the next write of NAME removes temps of processes that are gone.
public final class AtomicFileWriter: ByteSink {
    public let path: String
    private let temp: String
    private var fd: Int32
    private var anonymous = false

    public init(path: String) throws(ToolError) {
        self.path = path
        let dir = AtomicFile.directory(of: path)
        // rename(2) replaces whatever has the name: refuse devices (/dev/stdout), pipes, directories and
        // symlinks rather than swap them for a regular file.
        var st = stat()
        if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            throw .usage("--out '\(path)' exists and is not a regular file", hint: "write to a file path; the sample is too big for a pipe")
        }
        temp = (dir == "" ? "" : dir + "/") + ".\(AtomicFile.basename(of: path)).tmp-\(getpid())"
        Self.removeStaleTemps(of: path)
        // An unnamed O_TMPFILE inode vanishes with the process, even on SIGKILL; it is linked under the temp
        // name only once complete (then renamed). File systems without O_TMPFILE get the named temp.
        fd = open(dir.isEmpty ? "." : dir, AtomicFile.tmpfileFlag | O_WRONLY | O_CLOEXEC, 0o644)
        anonymous = fd >= 0
        if fd < 0 && errno != ENOENT && errno != ENOTDIR {
            fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw .data("cannot write \(path): \(AtomicFile.errnoText())", at: SourceLocation(file: path),
                        hint: "check that the directory '\(dir.isEmpty ? "." : dir)' exists and is writable")
        }
    }

    deinit { abort() }

    /// Removes `.NAME.tmp-PID` files beside `path` whose process no longer exists (a run killed mid-write).
    static func removeStaleTemps(of path: String) {
        let dir = AtomicFile.directory(of: path)
        let prefix = ".\(AtomicFile.basename(of: path)).tmp-"
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink((dir.isEmpty ? "" : dir + "/") + name) }
        }
    }

    public func write(_ bytes: [UInt8]) throws(ToolError) {
        var failed = false
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, min(raw.count - off, 1 << 20))   // 1 MiB at a time: a failure shows early
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                off += n
            }
        }
        if failed { try fail() }
    }

    /// Makes the file visible under its name.
    public func commit() throws(ToolError) {
        try prepare()
        if rename(temp, path) != 0 { try fail() }
    }

    /// Everything but the rename: data on disk, the temp file linked under its hidden name and closed.
    /// Several files published together (`AtomicFile.writeAll`) are all prepared before any is renamed.
    func prepare() throws(ToolError) {
        if fsync(fd) != 0 { try fail() }
        if anonymous {
            unlink(temp)   // a stale temp of a process with our pid, killed between link and rename
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temp, AT_SYMLINK_FOLLOW) != 0 { try fail() }
        }
        let rc = close(fd)
        fd = -1
        if rc != 0 { try fail() }
    }

    /// The prepared temp file's path (for `AtomicFile.writeAll`'s renames and clean-up).
    var preparedPath: String { temp }

    /// Drops the temp file (on error, or when the writer is released without a commit).
    public func abort() {
        if fd >= 0 {
            close(fd)
            fd = -1
            unlink(temp)
        }
    }

    private func fail() throws(ToolError) {
        let err = AtomicFile.errnoText()
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temp)
        throw .data("cannot write \(path): \(err)", at: SourceLocation(file: path),
                    hint: "nothing was written; free disk space or choose another --out")
    }
}
