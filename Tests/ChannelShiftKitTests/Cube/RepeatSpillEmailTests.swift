// Spilled repeat tuples carry every field the in-memory ones do: email status (the exclusion proxy, clustered by
// caller) and outcome were once dropped on the spill path, so `--memory` results differed from in-memory ones.
import Foundation
import Testing
@testable import ChannelShiftKit

struct RepeatSpillEmailTests {
    /// Contacts whose email status and outcome vary by caller and by contact, so a dropped field shows.
    static func records(_ n: Int, seed: UInt64) -> [ContactRecord] {
        var rng = SplitMix64(seed: seed)
        let emails: [EmailOnFile] = [.yes, .no, .unknown]
        let outcomes: [Outcome] = [.answered, .abandoned, .handled, .assistedFull, .assistedPart]
        return (0..<n).map { k in
            let c = 1 + rng.next() % 50
            let t = 1_656_633_600 + Int64(rng.next() % 300) * 3_600
            return ContactRecord(startedAt: t, wrap: Int32(rng.next() % 4), channel: Channel.allCases[Int(rng.next() % 5)],
                                 outcome: outcomes[Int(rng.next() % 5)], hasEmail: emails[Int((c + rng.next() % 2) % 3)],
                                 waitSeconds: -1, handleSeconds: -1, caller: k % 13 == 0 ? .none : CallerID(hi: c, lo: 3),
                                 order: ContactOrder(hi: UInt64(k), lo: 0), fileOrder: Int64(k))
        }
    }

    /// Every field of every visited (entry, successor) pair, in walk order within each caller.
    static func fields(_ e: RepeatTracker.Entry) -> [Int64] {
        [Int64(bitPattern: e.caller), e.startedAt, Int64(e.wrap), Int64(e.channel.rawValue),
         Int64(e.outcome.rawValue), Int64(e.hasEmail.rawValue)]
    }

    static func walk(_ visit: ((RepeatTracker.Entry, RepeatTracker.Entry?) -> Void) throws -> Void) rethrows -> [UInt64: [[Int64]]] {
        var out: [UInt64: [[Int64]]] = [:]
        try visit { e, next in out[e.caller, default: []].append(fields(e) + (next.map(fields) ?? [])) }
        return out
    }

    @Test(arguments: [3, 100, 10_000])
    func spilledEntriesEqualInMemoryIncludingEmail(budgetEntries: Int) throws {
        let records = Self.records(2_000, seed: 17)
        var memory = RepeatTracker()
        let dir = TestFiles.tempDir() + "/spill"
        var spilled = SpillingRepeats(budgetBytes: budgetEntries * SpillingRepeats.entryBytes, directory: dir)
        defer { spilled.removeRuns() }
        for r in records { memory.add(r); spilled.add(r) }
        #expect(budgetEntries >= 2_000 ? spilled.runs.isEmpty : !spilled.runs.isEmpty)
        memory.sort()
        let expected = Self.walk { memory.forEachWithSuccessor($0) }
        let actual = try Self.walk { body in try spilled.forEachWithSuccessor(body) }
        // The fixture really varies email status (else the test could not fail).
        let statuses = Set(expected.values.flatMap { $0.map { $0[5] } })
        #expect(statuses.count == 3)
        #expect(actual == expected)
    }
}
