// A run killed between linking its finished temp file and renaming it leaves `.NAME.tmp-PID`; the next write of
// NAME removes such temps when their process is gone, and leaves those of live processes alone.
import Foundation
import Testing
@testable import ChannelShiftKit
#if canImport(Glibc)
import Glibc
#endif

struct AtomicFileWriterTests {
    /// A pid with no process (kill(pid, 0) says ESRCH).
    static func deadPID() -> Int32 {
        var pid: Int32 = 4_000_000
        while pid > 1 && !(kill(pid, 0) != 0 && errno == ESRCH) { pid -= 1 }
        return pid
    }

    @Test func staleTempsOfGoneProcessesAreRemovedOnTheNextWrite() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dead = Self.deadPID(), live = getppid()
        for name in [".out.csv.tmp-\(dead)", ".out.csv.tmp-\(live)", ".other.csv.tmp-\(dead)"] {
            FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("x\n".utf8))
        }
        let w = try AtomicFileWriter(path: dir + "/out.csv")
        try w.write(Array("a,b\n".utf8))
        try w.commit()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left == [".other.csv.tmp-\(dead)", ".out.csv.tmp-\(live)", "out.csv"])
    }
}
