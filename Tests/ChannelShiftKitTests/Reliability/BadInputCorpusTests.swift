// The bad-input corpus: each malformed file in Fixtures/bad/ runs through the real command line, and
// MANIFEST.csv states its exact outcome (counted rejections, or the first stderr line and exit code).
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct BadInputCase: CustomTestStringConvertible, Sendable {
    var file: String          // in Fixtures/bad/, or gen:NAME for a file the test generates (too big to commit)
    var command: String       // argv with {file}; the test adds --quiet --out (and --format json for analyses)
    var exit: Int32
    var expect: String        // exit 0: "read=N accepted=N reason=N ..." (or "ok"); otherwise the exact first stderr line
    var stderrContains: String // a further line the error must include (a notebook cell's own error), or ""
    var testDescription: String { "\(file) [\(command)]" }
}

enum BadCorpus {
    static let dir = TestFiles.fixtures.appendingPathComponent("bad").path

    static let cases: [BadInputCase] = {
        // The manifest is read with the tool's own strict side-file reader.
        guard let t = try? CSVTable.load(dir + "/MANIFEST.csv", display: "MANIFEST.csv"),
              let cols = try? t.requireColumns(["file", "command", "exit", "expect", "stderr_contains"]) else { return [] }
        return t.rows.map { r in
            BadInputCase(file: r.fields[cols[0]], command: r.fields[cols[1]], exit: Int32(r.fields[cols[2]]) ?? -1, expect: r.fields[cols[3]],
                         stderrContains: r.fields[cols[4]])
        }
    }()

    static let header = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email"
    static func row(_ id: Int, reason: String = "Missed") -> String { "C\(id),2022-07-01 08:00:00,phone,Waste,\(reason),answered,10,100,K1,Y" }

    /// Files too big to commit, built the same way each run.
    static func generated(_ name: String) -> [UInt8]? {
        let mb = 1 << 20
        switch name {
        case "field-1mb.csv":
            return Array((header + "\n" + row(1, reason: String(repeating: "x", count: mb)) + "\n" + row(2) + "\n").utf8)
        case "field-1mb-multiline.csv":
            let chunk = String(repeating: "y", count: 99) + "\n"
            let big = "\"" + String(repeating: chunk, count: mb / 100) + "\""
            return Array((header + "\n" + row(1, reason: big) + "\n" + row(2) + "\n").utf8)
        case "header-field-1mb.csv":
            return Array((header + ",\"" + String(repeating: "h", count: mb) + "\"\n" + row(1) + ",extra\n").utf8)
        case "columns-100k-header.csv":
            let extra = (10..<100_000).map { "x\($0)" }.joined(separator: ",")
            let values = (10..<100_000).map { _ in "v" }.joined(separator: ",")
            return Array((header + "," + extra + "\n" + row(1) + "," + values + "\n").utf8)
        case "columns-100k-row.csv":
            let wide = row(1) + String(repeating: ",z", count: 100_000 - 10)
            return Array((header + "\n" + wide + "\n" + row(2) + "\n").utf8)
        case "taxonomy-field-1mb.csv":
            return Array(("line,reason,demand_class,failure_type,self_serve,digital_route\nWaste,Missed,value,none,full,/" +
                          String(repeating: "r", count: mb) + "\n").utf8)
        default:
            return nil
        }
    }

    /// "read=3 accepted=2 bad_date=1" -> (3, 2, ["bad_date": 1]).
    static func parseCounts(_ s: String) -> (read: Int, accepted: Int, rejections: [String: Int])? {
        var read: Int?, accepted: Int?, rej: [String: Int] = [:]
        for token in s.split(separator: " ") {
            let kv = token.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let n = Int(kv[1]) else { return nil }
            switch kv[0] {
            case "read": read = n
            case "accepted": accepted = n
            default: rej[String(kv[0])] = n
            }
        }
        guard let read, let accepted else { return nil }
        return (read, accepted, rej)
    }
}

struct BadInputCorpusTests {
    @Test func corpusIsLargeAndEveryFileIsListed() throws {
        #expect(BadCorpus.cases.count >= 40)
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: BadCorpus.dir).filter { $0 != "MANIFEST.csv" }
        let named = Set(BadCorpus.cases.map(\.file))
        // Every committed file is exercised, either as the case's file or as a helper another case reads.
        let helpers: Set<String> = ["export-for-mapping.csv"]
        for f in onDisk { #expect(named.contains(f) || helpers.contains(f), "\(f) is in Fixtures/bad/ but not in MANIFEST.csv") }
    }

    @Test(arguments: BadCorpus.cases)
    func badInput(_ c: BadInputCase) throws {
        // Each case runs in its own directory so a failed --out can be checked for leftovers.
        let work = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let outDir = work + "/out"
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        var cwd = BadCorpus.dir
        var file = c.file
        if c.file.hasPrefix("gen:") {
            file = String(c.file.dropFirst(4))
            let bytes = try #require(BadCorpus.generated(file), "no generator for \(c.file)")
            FileManager.default.createFile(atPath: work + "/" + file, contents: Data(bytes))
            try FileManager.default.copyItem(atPath: BadCorpus.dir + "/good.csv", toPath: work + "/good.csv")
            cwd = work
        }
        var argv = c.command.split(separator: " ").map { $0 == "{file}" ? file : String($0) }
        let isAnalysis = if case .analysis? = Tool.entry(named: argv[0]) { true } else { false }
        let report = isAnalysis ? "report.json" : "report.md"
        argv += ["--quiet", "--out", outDir + "/" + report] + (isAnalysis ? ["--format", "json"] : [])
        let start = Date()
        let outcome = Tool.main(argv, context: CommandContext(workingDirectory: cwd, threads: 2))
        #expect(Date().timeIntervalSince(start) < 10, "took too long: a hang in the making")
        #expect(outcome.status.rawValue == c.exit, "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "with --out nothing goes to stdout")
        let left = try FileManager.default.contentsOfDirectory(atPath: outDir).sorted()
        if c.exit == 0 {
            // The report (a rendered notebook may add its chart folder), and no temp file.
            #expect(left.first == report && !left.contains { $0.hasPrefix(".") }, "\(left)")
            if c.expect == "ok" { return }
            let want = try #require(BadCorpus.parseCounts(c.expect), "bad expect '\(c.expect)'")
            let data = try #require(FileManager.default.contents(atPath: outDir + "/" + report))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let inputs = try #require(json["inputs"] as? [[String: Any]])
            // The counts are the contact data's: when the case's file is a side file (after --taxonomy or --mapping),
            // the data is good.csv; the side file is an input too, with its own counts.
            let sideFile = argv.firstIndex(of: file).map { $0 > 0 && argv[$0 - 1].hasPrefix("--") && argv[$0 - 1] != "--data" } ?? false
            let dataPath = sideFile ? "good.csv" : file
            let input = try #require(inputs.first { ($0["path"] as? String) == dataPath } ?? inputs.first)
            let read = input["rows_read"] as? Int, accepted = input["rows_accepted"] as? Int, rejected = input["rows_rejected"] as? Int
            let rejections = (input["rejections"] as? [String: Int]) ?? [:]
            #expect(read == want.read)
            #expect(accepted == want.accepted)
            #expect(rejections == want.rejections)
            // No row disappears: read = accepted + rejected, and the reasons add up to the rejected count.
            #expect(read == (accepted ?? -1) + (rejected ?? -1))
            #expect(rejected == rejections.values.reduce(0, +))
        } else {
            #expect(left.isEmpty, "a failed command must leave nothing in the output directory: \(left)")
            let first = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            #expect(first == c.expect)
            if !c.stderrContains.isEmpty {
                #expect(outcome.stderr.split(separator: "\n").contains { $0 == c.stderrContains }, "\(outcome.stderr)")
            }
        }
    }
}
