// Writes to stdout and stderr with write(2): a failed stdout write is a data error (exit 1), never a trap.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum StandardStreams {
    /// Large outputs go out in pieces of this size, so a failure is seen early and no single write is huge.
    static let chunkBytes = 1 << 20

    /// Writes all of `text` to `fd`; returns the errno of the first failed write, or nil.
    public static func write(_ text: String, to fd: Int32) -> Int32? {
        var t = text
        return t.withUTF8 { write(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Writes all of `bytes` to `fd`; returns the errno of the first failed write, or nil.
    public static func write(bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { write($0, to: fd) }
    }

    /// Writes all of `buf` to `fd` in pieces of `chunkBytes`, retrying on EINTR; the errno of a failure, or nil.
    static func write(_ buf: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var off = 0
        while off < buf.count {
            let n = min(chunkBytes, buf.count - off)
            #if canImport(Glibc)
            let w = Glibc.write(fd, buf.baseAddress! + off, n)
            #elseif canImport(Musl)
            let w = Musl.write(fd, buf.baseAddress! + off, n)
            #else
            let w = Darwin.write(fd, buf.baseAddress! + off, n)
            #endif
            if w < 0 {
                if errno == EINTR { continue }
                return errno
            }
            off += w
        }
        return nil
    }

    /// A line on stderr. If stderr itself is gone there is nowhere to report it, so the error is ignored.
    public static func log(_ line: String) { _ = write(line + "\n", to: 2) }

    /// Prints a finished run's output and returns the exit status. Standard output that cannot be written
    /// (a full disk, a closed descriptor, a reader that went away while SIGPIPE is ignored) makes the run a
    /// data error with a message, whatever the command's own status was.
    public static func finish(status: Int32, stdout: String, stderr: String) -> Int32 {
        var status = status
        var err = stderr
        if !stdout.isEmpty, let e = write(stdout, to: 1) {
            err += stdoutFailure(errno: e) + "\n"
            status = ExitStatus.dataError.rawValue
        }
        if !err.isEmpty { _ = write(err, to: 2) }
        return status
    }

    static func stdoutFailure(errno e: Int32) -> String {
        let m = stdoutFailureMessage(errno: e)
        return Diagnostic(m.message, at: SourceLocation(file: "channelshift"), hint: m.hint).rendered
    }

    static func stdoutFailureMessage(errno e: Int32) -> (message: String, hint: String) {
        let reason = String(cString: strerror(e))
        let hint: String
        switch e {
        case EPIPE: hint = "the program reading the output stopped early; write to a file with --out FILE instead"
        case EBADF: hint = "standard output is closed; write to a file with --out FILE instead"
        default: hint = "the output is incomplete; free disk space or write to another place with --out FILE"
        }
        return ("cannot write to standard output: \(reason)", hint)
    }
}

/// Standard output as a ByteSink, for output too big for a String (`normalise` into a pipe).
public struct StandardOutputSink: ByteSink {
    public init() {}

    public mutating func write(_ bytes: [UInt8]) throws(ToolError) {
        if let e = StandardStreams.write(bytes: bytes, to: 1) {
            let m = StandardStreams.stdoutFailureMessage(errno: e)
            throw .data(m.message, at: SourceLocation(file: "channelshift"), hint: m.hint)
        }
    }
}
