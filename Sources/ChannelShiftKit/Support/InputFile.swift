// Reads small input files (side files, notebooks, assumptions) without ever blocking on a FIFO or a device.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum InputFile {
    /// open(2) flags for any input: O_NONBLOCK makes opening a FIFO with no writer return at once (a plain
    /// open waits forever for one); the caller then refuses anything fstat says is not a regular file.
    public static let openFlags: Int32 = O_RDONLY | O_CLOEXEC | O_NONBLOCK

    /// The whole file, or nil when it cannot be opened or read (the caller says why in its own words).
    /// A FIFO, device or directory is an error of its own: it is not a file of data.
    public static func read(_ path: String, shown: String) throws(ToolError) -> [UInt8]? {
        let fd = open(path, openFlags)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw .data("\(shown) is not a regular file", at: SourceLocation(file: shown),
                        hint: "give the path of a file on disk, not a pipe, device or directory")
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { p in Glibc.read(fd, p.baseAddress!, p.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }
}
