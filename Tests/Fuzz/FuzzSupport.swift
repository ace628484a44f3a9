// Shared by every fuzz entry: hands libFuzzer's bytes to the same file-reading code paths the tool uses.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum FuzzFile {
    /// One scratch file per process (libFuzzer runs inputs one after another), in /dev/shm when present
    /// so the reader's open/pread/fstat path is exercised without wearing the disk.
    static let path: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = dir + "/channelshift-fuzz-\(getpid()).csv"
        atexit { unlink(FuzzFile.path) }
        return path
    }()

    static func write(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot create fuzz scratch file")
        var off = 0
        while off < size { let n = Glibc.write(fd, data + off, size - off); precondition(n > 0); off += n }
        close(fd)
        return path
    }
}
