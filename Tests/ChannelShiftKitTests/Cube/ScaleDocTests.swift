// docs/scale.md's DuckDB SQL for queries (a) and (b), run from the page itself on `normalise`'s output, equals
// `cube` on the export byte for byte, including the rules the bench data never exercises (assisted outcomes,
// a handle time on an abandoned call, same-second ties). Runs only where the bench venv exists
// (`bash shared/bench/setup.sh`); `make check-scale` does the same at 50,000 rows with a venv of its own.
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
        let s = runTool(["sample", "--rows", "6000", "--seed", "5", "--out", "export.csv"], cwd: dir)
        #expect(s.status == .ok, "\(s.stderr)")
        // Rows cube counts by its own rules: assisted outcomes (answered on the phone only), handle times on
        // abandoned calls (not work), and a caller with two contacts in one second, ids in reverse file order.
        let extra = """
        X9,2022-07-04 10:00:00,phone,Waste,Missed Collection,assisted_full,30,400,K77000001,Y
        X8,2022-07-04 10:00:00,webchat,Waste,Missed Collection,assisted_part,,200,K77000001,N
        X7,2022-07-04 10:00:00,phone,Waste,Bin Request,abandoned,90,15,K77000001,
        X6,2022-07-05 10:00:00,phone,Waste,Bin Request,assisted_part,10,,,

        """
        let handle = try #require(FileHandle(forWritingAtPath: dir + "/export.csv"))
        handle.seekToEndOfFile()
        handle.write(Data(extra.utf8))
        try handle.close()
        let n = runTool(["normalise", "--quiet", "--out", "contacts.csv", "export.csv"], cwd: dir)
        #expect(n.status == .ok, "\(n.stderr)")
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

        let cube = runTool(["cube", "--query", query, "--suppress", "0", "--quiet", "--out", "cube.csv", "export.csv"], cwd: dir)
        #expect(cube.status == .ok, "\(cube.stderr)")
        let expected = try String(contentsOfFile: dir + "/duckdb.csv", encoding: .utf8)
        let actual = try String(contentsOfFile: dir + "/cube.csv", encoding: .utf8)
        #expect(actual.split(separator: "\n").count > 40)
        #expect(actual == expected)
    }
}
