// The bucketed grouping of keyed contacts gives every contact the same successor as a plain global sort.
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
                    ContactRecord(startedAt: Int64(rng.below(3_000)) * 60, wrap: Int32(rng.below(7)),
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
        var got: [Int64: Int64] = [:]   // fileOrder -> successor's fileOrder (-1 for none)
        a.forEachWithSuccessor { e, next in got[e.fileOrder] = next?.fileOrder ?? -1 }

        let reference = records.sorted { x, y in
            RepeatTracker.Entry.precedes(
                .init(caller: x.caller, order: x.order, startedAt: x.startedAt, fileOrder: x.fileOrder, wrap: x.wrap, channel: x.channel, outcome: x.outcome),
                .init(caller: y.caller, order: y.order, startedAt: y.startedAt, fileOrder: y.fileOrder, wrap: y.wrap, channel: y.channel, outcome: y.outcome))
        }
        var expected: [Int64: Int64] = [:]
        for (i, r) in reference.enumerated() {
            expected[r.fileOrder] = i + 1 < reference.count && reference[i + 1].caller == r.caller ? reference[i + 1].fileOrder : -1
        }
        #expect(got.count == records.count)
        #expect(got == expected)
        let ties = zip(reference, reference.dropFirst()).filter { $0.caller == $1.caller && $0.startedAt == $1.startedAt }.count
        #expect(ties > 100)   // the case exercises the contact-id tie rule
    }
}
