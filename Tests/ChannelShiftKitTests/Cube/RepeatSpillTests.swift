// Repeat tuples within a memory budget: spilled runs merged back give each caller the same successors as memory.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct RepeatSpillTests {
    /// Contacts from a small pool of callers, many in the same second (ties broken by contact id, then file order),
    /// in no particular order: the cases where a merge of runs could go wrong.
    static func records(_ n: Int, seed: UInt64) -> [ContactRecord] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { k in
            let caller = CallerID(hi: 1 + rng.next() % 60, lo: 7)
            let t = 1_656_633_600 + Int64(rng.next() % 400) * 3_600 + Int64(rng.next() % 2)
            // The wrap names the contact, so successors can be compared; the email status must survive a spill.
            return ContactRecord(startedAt: t, wrap: Int32(k), channel: Channel.allCases[Int(rng.next() % 5)],
                                 outcome: .answered, hasEmail: [EmailOnFile.yes, .no, .unknown][k % 3], waitSeconds: -1, handleSeconds: -1,
                                 caller: k % 17 == 0 ? .none : caller, order: ContactOrder(hi: rng.next() % 3, lo: 0), fileOrder: Int64(k))
        }
    }

    /// Per caller, the sequence of (contact, successor, email status) the walk visits (a contact is named by its wrap).
    static func successors(_ walk: ((RepeatTracker.Entry, RepeatTracker.Entry?) -> Void) throws -> Void) rethrows -> [UInt64: [[Int32]]] {
        var out: [UInt64: [[Int32]]] = [:]
        try walk { e, next in out[e.caller, default: []].append([e.wrap, next?.wrap ?? -1, Int32(e.hasEmail.rawValue)]) }
        return out
    }

    @Test(arguments: [2, 40, 1_000, 2_000, 100_000])
    func spilledRunsGiveTheSameSuccessors(budgetEntries: Int) throws {
        let records = Self.records(3_000, seed: 5)
        var memory = RepeatTracker()
        let dir = TestFiles.tempDir() + "/spill"
        // Two workers, as the reader has: each spills on its own, then they merge.
        var a = SpillingRepeats(budgetBytes: budgetEntries * SpillingRepeats.entryBytes, directory: dir)
        var b = a
        for (k, r) in records.enumerated() {
            memory.add(r)
            if k < 1_700 { a.add(r) } else { b.add(r) }
        }
        a.merge(b)
        defer { a.removeRuns() }
        #expect(budgetEntries > 3_000 ? a.runs.isEmpty : !a.runs.isEmpty || a.count > budgetEntries / 2)
        memory.sort()
        let expected = Self.successors { memory.forEachWithSuccessor($0) }
        let actual = try Self.successors { body in try a.forEachWithSuccessor(body) }
        #expect(actual == expected)
        // Both follow the rule on the wide records: caller, started_at, contact id, file order.
        let keyed = records.filter { !$0.caller.isNone }.sorted { x, y in
            (x.caller, x.startedAt, x.order, x.fileOrder) < (y.caller, y.startedAt, y.order, y.fileOrder)
        }
        var rule: [UInt64: [[Int32]]] = [:]
        for (i, r) in keyed.enumerated() {
            let next = i + 1 < keyed.count && keyed[i + 1].caller == r.caller ? keyed[i + 1].wrap : -1
            rule[RepeatTracker.Entry.key(r.caller), default: []].append([r.wrap, next, Int32(r.hasEmail.rawValue)])
        }
        #expect(actual == rule)
        for w in [Int64(0), 3_600, 86_400] {
            #expect(try a.followedCounts(windowSeconds: w, wraps: 3_000) == memory.followedCounts(windowSeconds: w, wraps: 3_000))
        }
        a.removeRuns()
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func cubeWithATinyBudgetWritesTheSameBytes() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["sample", "--rows", "6000", "--seed", "3", "--out", "s.csv"], cwd: dir).status == .ok)
        for extra in [["--query", "ab", "--suppress", "0"], ["--partial"]] {
            let plain = runTool(["cube", "--quiet", "--out", "m.csv"] + extra + ["s.csv"], cwd: dir)
            let spilled = runTool(["cube", "--quiet", "--memory", "8k", "--out", "d.csv"] + extra + ["s.csv"], cwd: dir)
            #expect(plain.status == .ok && spilled.status == .ok, "\(plain.stderr) \(spilled.stderr)")
            for suffix in extra == ["--partial"] ? [".csv"] : [".a.csv", ".b.csv"] {
                let m = FileManager.default.contents(atPath: "\(dir)/m\(suffix)"), d = FileManager.default.contents(atPath: "\(dir)/d\(suffix)")
                #expect(m != nil && (m?.count ?? 0) > 1_000)
                #expect(m == d, "\(extra) \(suffix)")
            }
        }
        let bad = runTool(["cube", "--quiet", "--memory", "lots", "--out", "x.csv", "s.csv"], cwd: dir)
        #expect(bad.status == .usage && bad.stderr.contains("hint:"))
    }

    /// `avoidable` and `profile` within a budget of a few hundred tuples (many spilled runs, merged in more than
    /// one pass) write what they write with the default budget, byte for byte; the profile's duplicate ids
    /// (rows repeated within the file) are still all counted.
    @Test func avoidableAndProfileWithATinyBudgetWriteTheSameBytes() throws {
        let dir = TestFiles.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(runTool(["sample", "--rows", "6000", "--seed", "4", "--out", "s.csv"], cwd: dir).status == .ok)
        let text = try String(contentsOfFile: dir + "/s.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        try (text + lines[1...300].joined(separator: "\n") + "\n").write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        for (command, extra) in [("avoidable", ["--taxonomy", TestFiles.project("Models/wrap-codes.csv"), "--suppress", "0"]),
                                 ("profile", ["--suppress", "0"])] {
            for format in ["md", "csv"] {
                let plain = runTool([command, "--quiet", "--format", format, "--out", "m.\(format)"] + extra + ["d.csv"], cwd: dir)
                let spilled = runTool([command, "--quiet", "--format", format, "--memory", "4k", "--out", "t.\(format)"] + extra + ["d.csv"], cwd: dir)
                #expect(plain.status == .ok && spilled.status == .ok, "\(plain.stderr) \(spilled.stderr)")
                let m = FileManager.default.contents(atPath: "\(dir)/m.\(format)"), t = FileManager.default.contents(atPath: "\(dir)/t.\(format)")
                #expect(m != nil && (m?.count ?? 0) > 100)
                #expect(m == t, "\(command) \(format)")
                if command == "profile" && format == "md" {
                    #expect(String(decoding: m ?? Data(), as: UTF8.self).contains("| 300 |"))
                }
            }
        }
        #expect(runTool(["avoidable", "--quiet", "--memory", "0", "--out", "x.md", "d.csv"], cwd: dir).status == .usage)
    }
}
