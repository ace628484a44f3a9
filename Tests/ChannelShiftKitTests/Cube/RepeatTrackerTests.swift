// The bucketed grouping of 16-byte tuples (ties put in contact-id order from the journal) gives every contact the
// same successor as a plain global sort of the wide records.
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

struct RepeatTrackerTests {
    /// 200,000 contacts (above the bucketing threshold) from 20,000 callers, in shuffled order, with many
    /// same-second ties broken by contact id and file order: successors must match a brute-force sort.
    @Test(arguments: [1, 2])
    func bucketedGroupingMatchesGlobalSort(threads: Int) {
        var rng = SplitMix64(seed: 99)
        var records: [ContactRecord] = []
        for i in 0..<200_000 {
            let callerNumber = rng.below(20_000)
            let key = Array("K\(callerNumber)".utf8)
            let id = Array("C\(rng.below(1_000_000))".utf8)
            let r = key.withUnsafeBytes { k in
                id.withUnsafeBytes { c in
                    ContactRecord(startedAt: Int64(rng.below(3_000)) * 60, wrap: Int32(i),   // the wrap names the contact
                                  channel: Channel(rawValue: UInt8(rng.below(5)))!, outcome: .handled, hasEmail: .unknown,
                                  waitSeconds: 0, handleSeconds: 1, caller: CallerID(bytes: k), order: ContactOrder(bytes: c),
                                  fileOrder: Int64(i))
                }
            }
            records.append(r)
        }
        // Two workers' halves, merged as the reader merges sinks.
        var a = RepeatTracker(), b = RepeatTracker()
        for (i, r) in records.enumerated() { if i % 2 == 0 { a.add(r) } else { b.add(r) } }
        a.merge(b)
        a.sort(threads: threads)
        #expect(a.failure == nil)
        var got: [Int32: Int32] = [:]   // contact (its wrap) -> successor's (-1 for none)
        a.forEachWithSuccessor { e, next in got[e.wrap] = next?.wrap ?? -1 }

        // The rule itself on the wide records: caller, started_at, contact id, file order.
        let reference = records.sorted { x, y in
            (x.caller, x.startedAt, x.order, x.fileOrder) < (y.caller, y.startedAt, y.order, y.fileOrder)
        }
        var expected: [Int32: Int32] = [:]
        for (i, r) in reference.enumerated() {
            expected[r.wrap] = i + 1 < reference.count && reference[i + 1].caller == r.caller ? reference[i + 1].wrap : -1
        }
        #expect(got.count == records.count)
        #expect(got == expected)
        let ties = zip(reference, reference.dropFirst()).filter { $0.caller == $1.caller && $0.startedAt == $1.startedAt }.count
        #expect(ties > 100)   // the case exercises the contact-id tie rule
    }

    /// A tuple is 16 bytes, and holds what the analyses read: start, reason, channel, outcome, email status.
    @Test func tupleIsSixteenBytesAndKeepsItsFields() {
        #expect(MemoryLayout<RepeatTracker.Entry>.stride == 16)
        for (k, email) in [EmailOnFile.yes, .no, .unknown].enumerated() {
            let r = ContactRecord(startedAt: 4_102_444_799, wrap: Int32(RepeatTracker.Entry.maxWrap - k), channel: .faceToFace,
                                  outcome: .assistedPart, hasEmail: email, waitSeconds: 1, handleSeconds: 2,
                                  caller: CallerID(hi: 5, lo: 9), order: ContactOrder(hi: 1, lo: 2), fileOrder: 3)
            let e = RepeatTracker.Entry(r)
            #expect(e?.startedAt == r.startedAt && e?.wrap == r.wrap && e?.channel == .faceToFace && e?.outcome == .assistedPart)
            #expect(e?.hasEmail == email)
        }
        // A start before 1970 cannot be held: the tracker says so rather than dropping the contact.
        var t = RepeatTracker()
        t.add(ContactRecord(startedAt: -1, wrap: 0, channel: .phone, outcome: .answered, hasEmail: .unknown, waitSeconds: 0,
                            handleSeconds: 0, caller: CallerID(hi: 1, lo: 1), order: ContactOrder(hi: 0, lo: 0), fileOrder: 0))
        #expect(throws: ToolError.self) { try t.sortChecked() }
    }
}
