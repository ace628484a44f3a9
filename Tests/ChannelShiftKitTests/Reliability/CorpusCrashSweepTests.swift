// Every file of the bad-input corpus through every command that can read it, as the built binary: the exit
// code must be 0, 1 or 64. A trap (132), abort (134) or segfault (139) is a crash, whatever the input.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI
#if canImport(Glibc)
import Glibc
#endif

enum CrashSweep {
    /// Argument lists for one corpus file (`F`), by the roles it can play. Data-role runs use good.csv's
    /// neighbours as side files; side-file roles read good.csv as the export.
    static func runs(for file: String, scenario: String, claims: String) -> [[String]] {
        var out: [[String]] = []
        let ext = (file as NSString).pathExtension
        if ext == "csv" || ext == "bin" {
            out += [["profile", file], ["avoidable", file], ["exclusion", file], ["demand", file], ["capacity", file],
                    ["project", "--assumptions", scenario, file], ["check", "--claims", claims, file],
                    ["cube", "--query", "ab", "--out", "{out}/cube.csv", file]]
            let side: [(String, [[String]])] = [
                ("taxonomy", [["profile", "--taxonomy", file, "good.csv"], ["avoidable", "--taxonomy", file, "good.csv"]]),
                ("mapping", [["profile", "--mapping", file, "export-for-mapping.csv"], ["cube", "--mapping", file, "--out", "{out}/c.csv", "export-for-mapping.csv"]]),
                ("ceiling", [["project", "--assumptions", scenario, "--ceiling", file, "good.csv"]]),
                ("claims", [["check", "--claims", file, "good.csv"]]),
                ("aggregate", [["exclusion", "--aggregate", file]]),
                ("kpi", [["demand", "--kpi-table", file]]),
            ]
            for (prefix, r) in side where file.hasPrefix(prefix) { out += r }
        }
        if ext == "txt" || ext == "md" {
            for c in ["avoidable", "capacity", "project", "check", "demand"] {
                out.append(c == "check" ? [c, "--assumptions", file, "--claims", claims, "good.csv"] : [c, "--assumptions", file, "good.csv"])
            }
        }
        if ext == "md" { out.append(["render", file]) }
        return out
    }
}

struct CorpusCrashSweepTests {
    @Test(.timeLimit(.minutes(5)))
    func noCorpusFileCrashesAnyCommand() throws {
        guard let tool = BuiltTool.path else {
            print("skipped: the channelshift binary is not built next to the test bundle (run 'swift build' first)")
            return
        }
        let dir = BadCorpus.dir
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let scenario = work + "/scenario.txt", claims = TestFiles.projectRoot.appendingPathComponent("Models/claims-waste-phase2.csv").path
        try "demand_reduction = 5%  # sweep\nestablishment_fte = 10 FTE  # sweep\n".write(toFile: scenario, atomically: false, encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "MANIFEST.csv" }.sorted()
        var jobs: [[String]] = []
        for f in files { jobs += CrashSweep.runs(for: f, scenario: scenario, claims: claims) }
        #expect(jobs.count > 500, "the sweep lost its cases: \(jobs.count)")

        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var bad: [String] = []
            func add(_ s: String) { lock.lock(); bad.append(s); lock.unlock() }
        }
        let results = Results()
        let jobList = jobs
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for (i, argv) in jobList.enumerated() where i % 2 == worker {
                let out = work + "/out-\(i)"
                try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let args = argv.map { $0.replacingOccurrences(of: "{out}", with: out) } + ["--quiet"]
                let p = Process()
                p.executableURL = URL(fileURLWithPath: tool)
                p.arguments = args
                p.currentDirectoryURL = URL(fileURLWithPath: dir)
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                do { try p.run() } catch { results.add("\(args): could not start: \(error)"); continue }
                let deadline = Date().addingTimeInterval(30)
                while p.isRunning && Date() < deadline { usleep(2_000) }
                if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit(); results.add("\(args): hung"); continue }
                p.waitUntilExit()
                let code = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
                if ![0, 1, 64].contains(code) { results.add("\(args.joined(separator: " ")): exit \(code)") }
                try? FileManager.default.removeItem(atPath: out)
            }
        }
        #expect(results.bad.isEmpty, "\(results.bad.joined(separator: "\n"))")
    }
}
