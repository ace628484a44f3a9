// docs/scale.md's DuckDB SQL for queries (a) and (b), run from the page itself, equals `cube` byte for byte.
// Runs only where the bench venv exists (`bash shared/bench/setup.sh`); skipped with a message otherwise.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

enum ScaleDoc {
    static var duckDBAvailable: Bool { FileManager.default.isExecutableFile(atPath: PeerBench.venvPython) }

    /// The ```sql block of docs/scale.md that starts with `-- duckdb: query Q`.
    static func duckDBBlock(_ query: String) throws -> String {
        let page = try String(contentsOfFile: TestFiles.project("docs/scale.md"), encoding: .utf8)
        let marker = "```sql\n-- duckdb: query \(query)\n"
        let start = try #require(page.range(of: marker), "docs/scale.md has no DuckDB block for query \(query)")
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        return String(page[start.upperBound..<end.lowerBound])
    }

    /// Writes the result as peers.py does: header, then rows, minimal quoting, `\n` line ends.
    static let runner = """
    import csv, sys, duckdb
    con = duckdb.connect()
    rows = con.execute(open(sys.argv[1]).read()).fetchall()
    with open(sys.argv[2], 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\\n')
        w.writerow([d[0] for d in con.description])
        w.writerows(rows)
    """
}

@Suite(.enabled(if: ScaleDoc.duckDBAvailable, "bench venv not found: run 'bash shared/bench/setup.sh' to check docs/scale.md's DuckDB SQL against cube"))
struct ScaleDocTests {
    @Test(arguments: ["a", "b"])
    func duckDBQueryFromTheDocsEqualsCube(_ query: String) throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The peer benchmark's shape (answered / abandoned / handled only): its query (a) counts answered as rows
        // with that outcome, while the cube also counts a phone call answered and completed online for the caller
        // (assisted digital) as answered.
        let s = runTool(["sample", "--rows", "6000", "--seed", "5", "--no-assisted", "--out", "contacts.csv"], cwd: dir)
        #expect(s.status == .ok, "\(s.stderr)")
        let sql = try ScaleDoc.duckDBBlock(query).replacingOccurrences(of: "'contacts.csv'", with: "'\(dir)/contacts.csv'")
        try sql.write(toFile: dir + "/q.sql", atomically: true, encoding: .utf8)
        try ScaleDoc.runner.write(toFile: dir + "/run.py", atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: PeerBench.venvPython)
        p.arguments = [dir + "/run.py", dir + "/q.sql", dir + "/duckdb.csv"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "DuckDB failed on docs/scale.md's query \(query): \(message)")

        let cube = runTool(["cube", "--query", query, "--suppress", "0", "--quiet", "--out", "cube.csv", "contacts.csv"], cwd: dir)
        #expect(cube.status == .ok, "\(cube.stderr)")
        let expected = try String(contentsOfFile: dir + "/duckdb.csv", encoding: .utf8)
        let actual = try String(contentsOfFile: dir + "/cube.csv", encoding: .utf8)
        #expect(actual.split(separator: "\n").count > 40)
        #expect(actual == expected)
    }
}
