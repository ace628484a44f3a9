// `cube --partial` and `merge`: monthly partials combine into exactly what one pass over the whole export gives.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct PartialCubeTests {
    /// A sample export split into one file per month of started_at, each file's rows reversed (exports are not
    /// always in time order). Returns the directory, the whole file's name and the monthly files' names.
    static func monthlySplit(rows: Int = 12_000, seed: Int = 11) throws -> (dir: String, whole: String, months: [String]) {
        let dir = TestFiles.tempDir()
        let s = runTool(["sample", "--rows", String(rows), "--seed", String(seed), "--out", "all.csv"], cwd: dir)
        #expect(s.status == .ok, "\(s.stderr)")
        let text = try String(contentsOfFile: dir + "/all.csv", encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        #expect(header.hasPrefix("contact_id,started_at,"))
        var byMonth: [String: [Substring]] = [:]
        for l in lines {
            let fields = l.split(separator: ",", maxSplits: 2)
            byMonth[String(fields[1].prefix(7)), default: []].append(l)
        }
        var names: [String] = []
        for (month, rows) in byMonth.sorted(by: { $0.key < $1.key }) {
            let name = "\(month).csv"
            try ([String(header)] + rows.reversed().map(String.init)).joined(separator: "\n").appending("\n")
                .write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            names.append(name)
        }
        return (dir, "all.csv", names)
    }

    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let la = String(decoding: a, as: UTF8.self).split(separator: "\n"), lb = String(decoding: b, as: UTF8.self).split(separator: "\n")
        for i in 0..<max(la.count, lb.count) where (i < la.count ? la[i] : "") != (i < lb.count ? lb[i] : "") {
            return "\(i + 1): one pass '\(i < la.count ? la[i] : "")', merged '\(i < lb.count ? lb[i] : "")'"
        }
        return "none (lengths \(a.count) and \(b.count))"
    }

    static func read(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

    @Test(arguments: ["7d", "40d"])
    func monthlyPartialsMergeToOnePassByteForByte(window: String) throws {
        let (dir, whole, months) = try Self.monthlySplit()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(months.count >= 4)
        var partials: [String] = []
        var withinPartials = 0
        for m in months {
            let part = m.replacingOccurrences(of: ".csv", with: ".part")
            let r = runTool(["cube", "--partial", "--quiet", "--repeat-window", window, "--out", part, m], cwd: dir)
            #expect(r.status == .ok, "\(r.stderr)")
            partials.append(part)
            let p = try PartialCube.decode(try #require(Self.read(dir + "/" + part)), name: part).part
            withinPartials += p.repeats.reduce(0) { $0 + $1.followed }
            #expect(!p.head.isEmpty && !p.tail.isEmpty)
        }
        let one = runTool(["cube", "--query", "ab", "--suppress", "0", "--quiet", "--repeat-window", window, "--out", "one.csv", whole], cwd: dir)
        #expect(one.status == .ok, "\(one.stderr)")
        // Partials given in any order merge to the same bytes.
        let merged = runTool(["merge", "--query", "ab", "--suppress", "0", "--quiet", "--out", "merged.csv"] + partials.reversed(), cwd: dir)
        #expect(merged.status == .ok, "\(merged.stderr)")
        for q in ["a", "b"] {
            let a = try #require(Self.read("\(dir)/one.\(q).csv")), b = try #require(Self.read("\(dir)/merged.\(q).csv"))
            #expect(a.filter { $0 == 10 }.count > 20)
            let same = a == b
            #expect(same, "query \(q): merged partials differ from one pass; first differing line: \(Self.firstDifference(a, b))")
        }
        // The merge found repeats that cross a month end: one pass counts more than the months alone.
        let oneB = try String(contentsOfFile: dir + "/one.b.csv", encoding: .utf8)
        let total = oneB.split(separator: "\n").dropFirst().reduce(0) { $0 + Int($1.split(separator: ",").last!)! }
        #expect(total > withinPartials)

        // Merging is associative: merge two halves into partials, then merge those.
        let half = partials.count / 2
        #expect(runTool(["merge", "--partial", "--quiet", "--out", "h1.part"] + partials[..<half], cwd: dir).status == .ok)
        #expect(runTool(["merge", "--partial", "--quiet", "--out", "h2.part"] + partials[half...], cwd: dir).status == .ok)
        let again = runTool(["merge", "--query", "b", "--suppress", "0", "--quiet", "--out", "again.b.csv", "h2.part", "h1.part"], cwd: dir)
        #expect(again.status == .ok, "\(again.stderr)")
        #expect(Self.read(dir + "/again.b.csv") == Self.read(dir + "/one.b.csv"))
    }

    @Test func badPartialsAreErrorsWithHints() throws {
        let (dir, whole, months) = try Self.monthlySplit(rows: 3_000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (m, part) in [(months[0], "m0.part"), (months[1], "m1.part"), (whole, "all.part")] {
            #expect(runTool(["cube", "--partial", "--quiet", "--out", part, m], cwd: dir).status == .ok)
        }
        let good = try #require(Self.read(dir + "/m0.part"))
        var corrupt = good
        corrupt[corrupt.count - 5] ^= 0x40
        try Data(corrupt).write(to: URL(fileURLWithPath: dir + "/corrupt.part"))
        var version = good
        version[8] = 1
        try Data(version).write(to: URL(fileURLWithPath: dir + "/v1.part"))
        try Data(good.prefix(30)).write(to: URL(fileURLWithPath: dir + "/short.part"))
        try Data(Array("contact_id,started_at\n".utf8)).write(to: URL(fileURLWithPath: dir + "/notpart.part"))
        #expect(runTool(["cube", "--partial", "--quiet", "--repeat-window", "3d", "--out", "w3.part", months[2]], cwd: dir).status == .ok)

        let cases: [([String], String)] = [
            (["m0.part", "m0.part"], "same partial"),
            (["m0.part", "corrupt.part"], "corrupt"),
            (["m0.part", "v1.part"], "version 1"),
            (["short.part"], "truncated"),
            (["notpart.part"], "not a channelshift partial"),
            (["m0.part", "all.part"], "overlap in time"),
            (["m0.part", "w3.part"], "repeat window"),
        ]
        for (files, message) in cases {
            let r = runTool(["merge", "--quiet", "--out", "x.csv"] + files, cwd: dir)
            #expect(r.status == .dataError, "\(files)")
            #expect(r.stderr.contains(message), "\(files): \(r.stderr)")
            #expect(r.stderr.contains("hint:"), "\(files): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv"))
    }

    @Test func partialHoldsNoCallerKey() throws {
        let (dir, _, months) = try Self.monthlySplit(rows: 2_000)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["cube", "--partial", "--quiet", "--out", "m.part", months[0]], cwd: dir).status == .ok)
        let bytes = try #require(Self.read(dir + "/m.part"))
        let csv = try String(contentsOfFile: dir + "/" + months[0], encoding: .utf8)
        let keys = Set(csv.split(separator: "\n").dropFirst().compactMap { l -> String? in
            let f = l.split(separator: ",", omittingEmptySubsequences: false)
            return f.count >= 9 && f[8].hasPrefix("K") && f[8].dropFirst().allSatisfy(\.isNumber) && f[8].count >= 5 ? String(f[8]) : nil
        })
        #expect(keys.count > 50)
        let haystack = String(decoding: bytes, as: UTF8.self)
        #expect(keys.allSatisfy { !haystack.contains($0) })
        // Even as the in-memory packed form (short keys are held as their own bytes, big-endian).
        for k in keys.prefix(200) {
            let packed = Array(k.utf8.prefix(8))
            #expect(!bytes.windowsContain(packed))
        }
    }
}

extension Array where Element == UInt8 {
    func windowsContain(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        for i in 0...(count - needle.count) where self[i] == needle[0] && Array(self[i..<(i + needle.count)]) == needle { return true }
        return false
    }
}
