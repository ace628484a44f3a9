// Faults: a run killed mid-write, a full disk, an unwritable output path, an input that changes while read.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI
#if canImport(Glibc)
import Glibc
#endif

enum BuiltTool {
    /// The `channelshift` executable SwiftPM built next to the test bundle, if it is there.
    static let path: String? = {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the bundle is a plain executable in the build directory; on macOS it is inside X.xctest/Contents/MacOS.
        if dir.path.contains(".xctest/") { dir = dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        let candidate = dir.appendingPathComponent("channelshift").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    /// Contacts each with its own long reason, so `cube --query a` writes a large CSV.
    static func wideExport(rows: Int) -> [UInt8] {
        var s = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s\n"
        let pad = String(repeating: "r", count: 150)
        for i in 0..<rows { s += "C\(i),2022-07-01 08:00:00,phone,Waste,Reason \(i) \(pad),answered,10,100\n" }
        return Array(s.utf8)
    }
}

/// A temp directory with a wide export and an out/ directory holding an old cube.csv, for runs of the binary.
struct BinaryRun {
    let tool: String, work: String, input: String, outDir: String, out: String
    let old = Data("old complete report\n".utf8)

    /// nil (with a note) when the binary is not built next to the test bundle.
    init?(rows: Int) throws {
        guard let tool = BuiltTool.path else {
            print("skipped: the channelshift binary is not built next to the test bundle (run 'swift build' first)")
            return nil
        }
        self.tool = tool
        work = TestFiles.tempDir()
        input = work + "/wide.csv"
        outDir = work + "/out"
        out = outDir + "/cube.csv"
        FileManager.default.createFile(atPath: input, contents: Data(BuiltTool.wideExport(rows: rows)))
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: out, contents: old)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: work) }
}

struct FaultTests {
    /// Files in `dir` other than `keep`.
    static func others(in dir: String, keep: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !keep.contains($0) }.sorted()
    }

    /// Does process `pid` hold a file open in `dir` (the output being written)?
    static func writing(pid: Int32, in dir: String) -> Bool {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
        for fd in fds {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"), target.hasPrefix(dir + "/") {
                return true
            }
        }
        return false
    }

    @Test(.timeLimit(.minutes(1)))
    func killedMidWriteLeavesTheOldFileAndNoTemp() throws {
        guard let r = try BinaryRun(rows: 20_000) else { return }
        defer { r.cleanUp() }
        let (tool, input, outDir, out, old) = (r.tool, r.input, r.outDir, r.out, r.old)
        var caught = 0
        for _ in 0..<8 where caught == 0 {
            FileManager.default.createFile(atPath: out, contents: old)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = ["cube", "--query", "a", "--suppress", "0", "--no-hash", "--quiet", "--out", out, input]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Kill the moment the process has its output file open, i.e. mid-write.
            while p.isRunning {
                if Self.writing(pid: p.processIdentifier, in: outDir) {
                    kill(p.processIdentifier, SIGKILL)
                    caught += 1
                    break
                }
            }
            p.waitUntilExit()
            let now = FileManager.default.contents(atPath: out)
            if p.terminationReason == .uncaughtSignal {
                #expect(now == old, "the old file must survive a kill mid-write")
            } else {
                // Finished before the kill landed: then the new file is complete.
                #expect(p.terminationStatus == 0)
                #expect(now.map { String(decoding: $0, as: UTF8.self).hasSuffix("\n") && $0.count > 1_000_000 } == true)
            }
            let left = Self.others(in: outDir, keep: ["cube.csv"])
            if !left.isEmpty {
                // Killed in the instant between linking the finished file under its hidden name and renaming it:
                // that temp is complete, and the next write of the same file removes it.
                #expect(left == [".cube.csv.tmp-\(p.processIdentifier)"] && p.terminationReason == .uncaughtSignal, "\(left)")
                let again = Process()
                again.executableURL = URL(fileURLWithPath: tool)
                again.arguments = ["cube", "--query", "a", "--suppress", "0", "--no-hash", "--quiet", "--out", out, input]
                try again.run()
                again.waitUntilExit()
                #expect(again.terminationStatus == 0)
            }
            #expect(Self.others(in: outDir, keep: ["cube.csv"]) == [], "no temp file may be left")
        }
        #expect(caught > 0, "never caught the process mid-write in 8 tries")
    }

    @Test func fullDiskIsAClearErrorAndLeavesNothing() throws {
        // A file-size limit makes write(2) fail with EFBIG, as ENOSPC would on a full disk, without root or a
        // tiny mount. SIGXFSZ is ignored by the shell, and ignored signals stay ignored across exec.
        guard let r = try BinaryRun(rows: 2_000) else { return }
        defer { r.cleanUp() }
        let (tool, input, outDir, out, old) = (r.tool, r.input, r.outDir, r.out, r.old)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" cube --query a --suppress 0 --quiet --out \"$1\" \"$2\"", tool, out, input]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 1)
        #expect(stderr.hasPrefix("\(out): error: cannot write \(out): File too large\n"), "\(stderr)")
        #expect(stderr.contains("hint: nothing was written"))
        #expect(FileManager.default.contents(atPath: out) == old)
        #expect(Self.others(in: outDir, keep: ["cube.csv"]) == [])
    }

    @Test(arguments: [("file-as-dir", "Not a directory"), ("missing/dir", "No such file or directory")])
    func unwritableOutputPathIsAClearError(_ under: String, _ reason: String) throws {
        // Root ignores permission bits, so the unwritable case is a path through a regular file or a missing directory.
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        FileManager.default.createFile(atPath: work + "/file-as-dir", contents: Data("x".utf8))
        try FileManager.default.copyItem(atPath: TestFiles.fixture("bad/good.csv"), toPath: work + "/good.csv")
        let o = runTool(["profile", "--quiet", "good.csv", "--out", "\(under)/report.md"], cwd: work)
        #expect(o.status == .dataError)
        let first = o.stderr.split(separator: "\n").first.map(String.init)
        #expect(first == "\(work)/\(under)/report.md: error: cannot write \(work)/\(under)/report.md: \(reason)")
        #expect(o.stdout.isEmpty)
        #expect(Self.others(in: work, keep: ["file-as-dir", "good.csv"]) == [])
    }

    /// Appends to the file it is reading from, once, from inside the read.
    struct GrowingSink: ContactSink {
        let path: String
        var grown = false
        mutating func add(_ r: ContactRecord) {
            guard !grown, let h = FileHandle(forWritingAtPath: path) else { return }
            h.seekToEndOfFile()
            h.write(Data("C99,2022-07-01 09:00:00,phone,Waste,Missed,answered,10,100,K1,Y\n".utf8))
            try? h.close()
            grown = true
        }
        mutating func merge(_ o: GrowingSink) { grown = grown || o.grown }
    }

    @Test(arguments: [1, 2])
    func fileChangingWhileReadIsReported(threads: Int) throws {
        let path = TestFiles.write(try String(contentsOfFile: TestFiles.fixture("bad/good.csv"), encoding: .utf8))
        do {
            _ = try ContactReader.read(paths: [path], display: ["data.csv"], options: IngestOptions(threads: threads)) { GrowingSink(path: path) }
            Issue.record("a file that grew during the read was not reported")
        } catch {
            #expect(error.status == .dataError)
            #expect(error.rendered.hasPrefix("data.csv: error: data.csv changed while it was being read"))
        }
    }
}
