// `normalise`: the canonical CSV it writes reads back into the same cube as the export it came from (sample,
// a messy Windows-1252 gzip export with a mapping, platform profiles), rejections are counted, ties keep
// cube's order, and no caller key reaches the output.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

enum NormaliseCheck {
    /// Runs the tool in-process with its stderr log captured (runTool's context drops log lines).
    static func run(_ argv: [String], cwd: String) -> (outcome: Tool.Outcome, log: String) {
        final class Lines: @unchecked Sendable { let lock = NSLock(); var text = "" }
        let lines = Lines()
        let o = Tool.main(argv, context: CommandContext(workingDirectory: cwd, threads: 2, log: { l in
            lines.lock.lock(); lines.text += l + "\n"; lines.lock.unlock()
        }))
        return (o, lines.text)
    }

    /// `cube --query ab --suppress 0` over `inputs` (plus options): the (a) and (b) tables' text.
    static func cube(_ options: [String], _ inputs: [String], dir: String, name: String) throws -> (a: String, b: String) {
        let r = runTool(["cube", "--query", "ab", "--suppress", "0", "--quiet", "--out", name + ".csv"] + options + inputs, cwd: dir)
        #expect(r.status == .ok, "\(r.stderr)")
        return (try String(contentsOfFile: dir + "/" + name + ".a.csv", encoding: .utf8),
                try String(contentsOfFile: dir + "/" + name + ".b.csv", encoding: .utf8))
    }

    /// Normalises `inputs` to `out`, then checks cube over the normalised file equals cube over the inputs.
    static func expectSameCube(_ options: [String], _ inputs: [String], dir: String, out: String = "normal.csv",
                               cubeOptions: [String] = []) throws -> (outcome: Tool.Outcome, log: String) {
        let n = run(["normalise", "--out", out] + options + inputs, cwd: dir)
        #expect(n.outcome.status == .ok, "\(n.outcome.stderr)")
        let direct = try cube(options + cubeOptions, inputs, dir: dir, name: "direct")
        let again = try cube(cubeOptions, [out], dir: dir, name: "again")
        #expect(direct.a.split(separator: "\n").count > 1)
        #expect(again.a == direct.a)
        #expect(again.b == direct.b)
        return n
    }

    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let z = try GzipInflater()
        var out: [UInt8] = []
        try z.inflate(bytes[...]) { out += $0 }
        try z.finish { out += $0 }
        return out
    }
}

struct NormaliseTests {
    @Test(arguments: ["7d", "40d"])
    func sampleNormalisedGivesTheSameCube(window: String) throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["sample", "--rows", "6000", "--seed", "11", "--quiet", "--out", "s.csv"], cwd: dir).status == .ok)
        let n = try NormaliseCheck.expectSameCube([], ["s.csv"], dir: dir, cubeOptions: ["--repeat-window", window])
        #expect(n.log.contains("6000 rows read, 6000 accepted, 0 rejected; 6000 rows written to normal.csv"))
        // The same bytes whatever the number of reader threads (the ranges' contacts are merged, then sorted).
        #expect(runTool(["normalise", "--quiet", "--threads", "1", "--out", "one.csv", "s.csv"], cwd: dir).status == .ok)
        #expect(FileManager.default.contents(atPath: dir + "/one.csv") == FileManager.default.contents(atPath: dir + "/normal.csv"))
        let text = try String(contentsOfFile: dir + "/normal.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == Substring(CanonicalCSV.header))
        #expect(lines.count == 6001)
        // Rows in time order; the contact id is the start and the rank within the second.
        let starts = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
        #expect(starts == starts.sorted())
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(first[0] == Substring(first[1].filter(\.isNumber) + "000000"))
    }

    @Test func callerKeysNeverAppearAndAKeyFileLinksRuns() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["sample", "--rows", "3000", "--seed", "3", "--quiet", "--out", "s.csv"], cwd: dir).status == .ok)
        let input = try String(contentsOfFile: dir + "/s.csv", encoding: .utf8)
        let keys = Set(input.split(separator: "\n").dropFirst().compactMap { l -> Substring? in
            let k = l.split(separator: ",", omittingEmptySubsequences: false).dropLast().last!
            return k.isEmpty ? nil : k
        })
        #expect(keys.count > 100)
        _ = FileManager.default.createFile(atPath: dir + "/secret.key", contents: Data((0..<32).map { UInt8($0 * 7 % 256) }))
        _ = FileManager.default.createFile(atPath: dir + "/other.key", contents: Data((0..<32).map { UInt8($0 * 5 % 256) }))
        #expect(runTool(["normalise", "--quiet", "--key-file", "secret.key", "--out", "k1.csv", "s.csv"], cwd: dir).status == .ok)
        #expect(runTool(["normalise", "--quiet", "--key-file", "other.key", "--out", "k2.csv", "s.csv"], cwd: dir).status == .ok)
        #expect(runTool(["normalise", "--quiet", "--out", "k0.csv", "s.csv"], cwd: dir).status == .ok)
        let outs = try ["k0", "k1", "k2"].map { try String(contentsOfFile: dir + "/\($0).csv", encoding: .utf8) }
        // caller_key is the last field but one (counted from the end: reasons may hold quoted commas).
        func pseudonyms(_ t: String) -> [Substring] { t.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().last! } }
        for t in outs {
            // No field, and no 9-byte window of a field (keys are K + 8 digits), is a caller key.
            let fields = t.utf8.split(whereSeparator: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") })
            let windows = Set(fields.flatMap { f -> [Substring] in
                let a = Array(f)
                return a.count < 9 ? [] : (0...(a.count - 9)).map { Substring(decoding: a[$0..<$0 + 9], as: UTF8.self) }
            })
            #expect(windows.isDisjoint(with: keys), "a caller key reached the output")
            #expect(pseudonyms(t).allSatisfy { $0.isEmpty || $0.count == 32 })
        }
        // Different keys give unrelated pseudonyms of the same callers (same grouping, no value in common).
        let p0 = pseudonyms(outs[0]), p1 = pseudonyms(outs[1]), p2 = pseudonyms(outs[2])
        #expect(Set(p1).intersection(p2) == [""])
        #expect(Set(p0).intersection(p1) == [""])
        #expect(Set(p1).count == keys.count + 1)
        // The same key links callers across separate runs: the first 1,500 rows alone keep their pseudonyms.
        let half = input.split(separator: "\n", omittingEmptySubsequences: false).prefix(1501).joined(separator: "\n") + "\n"
        try half.write(toFile: dir + "/half.csv", atomically: true, encoding: .utf8)
        #expect(runTool(["normalise", "--quiet", "--key-file", "secret.key", "--out", "h.csv", "half.csv"], cwd: dir).status == .ok)
        let ph = pseudonyms(try String(contentsOfFile: dir + "/h.csv", encoding: .utf8))
        #expect(Set(ph).isSubset(of: Set(p1)) && ph.count == 1500)

        _ = FileManager.default.createFile(atPath: dir + "/tiny.key", contents: Data("abc".utf8))
        let tiny = runTool(["normalise", "--key-file", "tiny.key", "--out", "x.csv", "s.csv"], cwd: dir)
        #expect(tiny.status == .usage && tiny.stderr.contains("at least 16"))
    }

    /// The sample as a messy telephony export (BOM, CRLF, ';', dd/mm/yyyy, mm:ss), re-encoded as Windows-1252
    /// with non-ASCII reasons, gzipped: read with the mapping and encoding, normalised, the cube is the same.
    @Test func windows1252GzipTelephonyExport() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["sample", "--rows", "4000", "--seed", "5", "--style", "telephony", "--quiet", "--out", "t.csv"], cwd: dir).status == .ok)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/t.csv")))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // "Missed Collection" becomes "Missed Collection – café" (en dash 0x96, é 0xE9 in Windows-1252).
        let from = Array("Missed Collection".utf8), to = from + [0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xE9]
        var out: [UInt8] = [], i = 0, replaced = 0
        while i < bytes.count {
            if bytes[i] == from[0], i + from.count <= bytes.count, Array(bytes[i..<i + from.count]) == from {
                out += to; i += from.count; replaced += 1
            } else { out.append(bytes[i]); i += 1 }
        }
        #expect(replaced > 100)
        let gz = try GzipWriter(into: MemorySink())
        try gz.write(out)
        try gz.finish()
        #expect(try NormaliseCheck.gunzip(gz.target.bytes) == out)
        _ = FileManager.default.createFile(atPath: dir + "/export.csv.gz", contents: Data(gz.target.bytes))
        let mapping = TestFiles.project("Models/mappings/telephony.csv")
        let options = ["--mapping", mapping, "--encoding", "windows-1252"]
        _ = try NormaliseCheck.expectSameCube(options, ["export.csv.gz"], dir: dir, out: "normal.csv.gz")
        let plain = runTool(["normalise", "--quiet", "--out", "normal.csv"] + options + ["export.csv.gz"], cwd: dir)
        #expect(plain.status == .ok)
        let gzipped = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/normal.csv.gz")))
        let text = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/normal.csv")))
        #expect(gzipped.starts(with: [0x1F, 0x8B]))
        #expect(try NormaliseCheck.gunzip(gzipped) == text)
        #expect(String(decoding: text, as: UTF8.self).contains("Missed Collection – café"))
    }

    @Test(arguments: ["8x8.csv", "genesys-cloud.csv", "nice-cxone.csv", "teams-call-queue.csv", "telephony.csv", "amazon-connect-ctr.json.gz"])
    func platformProfileExports(_ name: String) throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let n = try NormaliseCheck.expectSameCube([], [TestFiles.fixture("profiles/" + name)], dir: dir)
        let (_, ingest) = try ingest(TestFiles.fixture("profiles/" + name))
        #expect(n.log.contains("\(ingest.rowsRead) rows read, \(ingest.rowsAccepted) accepted, \(ingest.rowsRejected) rejected"))
        #expect(ingest.rowsRead == ingest.rowsAccepted + ingest.rowsRejected)
    }

    @Test func rejectionsAreCountedAndOnlyAcceptedRowsWritten() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = TestFiles.fixture("messy/bad-rows.csv")
        let (_, ingest) = try ingest(input)
        #expect(ingest.rowsRejected > 5)
        let (o, log) = NormaliseCheck.run(["normalise", "--out", "n.csv", input], cwd: dir)
        #expect(o.status == .ok)
        #expect(log.contains("\(ingest.rowsRead) rows read, \(ingest.rowsAccepted) accepted, \(ingest.rowsRejected) rejected"))
        for (reason, count) in ingest.rejections { #expect(log.contains("\(reason) \(count)")) }
        let rows = try String(contentsOfFile: dir + "/n.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(rows == ingest.rowsAccepted)
        let strict = runTool(["normalise", "--strict", "--out", "s.csv", input], cwd: dir)
        #expect(strict.status == .dataError && !FileManager.default.fileExists(atPath: dir + "/s.csv"))
    }

    /// Same caller, same second: cube orders by contact id, then file order; the normalised ids keep that order,
    /// and a contact already read from an earlier file is dropped and counted.
    @Test func tiesAndCrossFileDuplicates() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let head = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
        let one = head + """
        B2,2022-07-01 09:00:00,email,Waste,Second,handled,0,60,K1,Y
        A1,2022-07-01 09:00:00,email,Waste,First,handled,0,60,K1,Y
        C3,2022-07-09 09:00:00,phone,Waste,Third,answered,5,60,K1,N
        D4,2022-07-02 09:00:00,phone,Waste,Third,answered,5,60,K2,N

        """
        let two = head + "A1,2022-07-01 09:00:00,email,Waste,First,handled,0,60,K1,Y\nE5,2022-07-03 10:00:00,phone,Waste,First,abandoned,5,,K2,\n"
        try one.write(toFile: dir + "/one.csv", atomically: true, encoding: .utf8)
        try two.write(toFile: dir + "/two.csv", atomically: true, encoding: .utf8)
        let n = try NormaliseCheck.expectSameCube([], ["one.csv", "two.csv"], dir: dir)
        #expect(n.log.contains("duplicate_from_earlier_file 1"))
        let lines = try String(contentsOfFile: dir + "/normal.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[1].hasPrefix("20220701090000000000,2022-07-01 09:00:00,email,Waste,First,"))
        #expect(lines[2].hasPrefix("20220701090000000001,2022-07-01 09:00:00,email,Waste,Second,"))
        let b = try String(contentsOfFile: dir + "/again.b.csv", encoding: .utf8)
        #expect(b.contains("Waste,First,2,1\n") && b.contains("Waste,Second,1,0\n"))
    }

    @Test func stdoutPipesIntoCube() throws {
        // In-process the tool has no stdout of its own, so the pipe is checked through the binary.
        let bin = TestFiles.projectRoot.appendingPathComponent(".build/debug/channelshift").path
        guard FileManager.default.isExecutableFile(atPath: bin) else { return }
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["sample", "--rows", "3000", "--seed", "9", "--quiet", "--out", "s.csv"], cwd: dir).status == .ok)
        let direct = try NormaliseCheck.cube([], ["s.csv"], dir: dir, name: "direct")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.arguments = ["-c", "'\(bin)' normalise --quiet s.csv | '\(bin)' cube --quiet --query ab --suppress 0 --out piped.csv -"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try String(contentsOfFile: dir + "/piped.a.csv", encoding: .utf8) == direct.a)
        #expect(try String(contentsOfFile: dir + "/piped.b.csv", encoding: .utf8) == direct.b)
    }
}
