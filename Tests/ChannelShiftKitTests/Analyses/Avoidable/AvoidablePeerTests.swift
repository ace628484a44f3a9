// Cross-check against the peer benchmark: `avoidable --table repeats` must equal DuckDB's query b byte for byte.
// Runs only where the bench venv exists (`bash shared/bench/setup.sh`); skipped with a message otherwise.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

enum PeerBench {
    static let venvPython = (ProcessInfo.processInfo.environment["BENCH_VENV"]
        ?? (ProcessInfo.processInfo.environment["HOME"] ?? "/root") + "/.cache/channelshift-bench-venv") + "/bin/python"

    /// shared/bench next to the project (../shared/bench) or next to the worktrees (../../shared/bench).
    static let benchDir: String? = {
        let root = TestFiles.projectRoot.path
        return [root + "/../shared/bench", root + "/../../shared/bench"].map(PathTools.normalise)
            .first { FileManager.default.fileExists(atPath: $0 + "/peers.py") }
    }()

    static var available: Bool { benchDir != nil && FileManager.default.isExecutableFile(atPath: venvPython) }

    static func run(_ exe: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}

@Suite(.enabled(if: PeerBench.available, "peer bench venv not found: run 'bash shared/bench/setup.sh' to enable the DuckDB cross-check"))
struct AvoidablePeerTests {
    @Test func repeatsTableMatchesDuckDBQueryB() throws {
        let bench = try #require(PeerBench.benchDir)
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/contacts.csv", peer = dir + "/duckdb.b.csv"
        #expect(try PeerBench.run(PeerBench.venvPython, [bench + "/gen_contacts.py", "--rows", "5000", "--seed", "7", "--out", csv]) == 0)
        #expect(try PeerBench.run(PeerBench.venvPython, [bench + "/peers.py", "--engine", "duckdb", "--query", "b", "--csv", csv, "--out", peer]) == 0)
        let out = runTool(["avoidable", "--quiet", "--format", "csv", "--table", "repeats", "--suppress", "0", csv], cwd: dir)
        #expect(out.status == .ok, "\(out.stderr)")
        let expected = try String(contentsOfFile: peer, encoding: .utf8)
        #expect(out.stdout.split(separator: "\n").count > 40)
        #expect(out.stdout == expected)
    }
}
