// Avoidable demand: the repeat window's edges, the (started_at, contact_id) order, precedence without
// double counting, suppression and determinism, on contacts built in memory.
import Foundation
import Testing
@testable import ChannelShiftKit
@testable import ChannelShiftCLI

/// Builds a cube and a repeat tracker from contacts written as the export would have them.
struct ContactFixture {
    struct Row {
        var line: String, reason: String, at: Int64, channel: Channel = .phone, outcome: Outcome = .answered
        var caller: String?, id: String, handle: Int32 = 300
    }

    var rows: [Row] = []

    mutating func add(_ line: String, _ reason: String, at: Int64, _ channel: Channel = .phone, _ outcome: Outcome? = nil,
                      caller: String?, id: String? = nil, handle: Int32 = 300) {
        let o = outcome ?? (channel == .phone ? .answered : .handled)
        rows.append(Row(line: line, reason: reason, at: at, channel: channel, outcome: o, caller: caller,
                        id: id ?? "C" + String(100_000_000 + rows.count), handle: o == .abandoned ? -1 : handle))
    }

    /// Feeds `order` (default file order) through a cube and tracker, interning wraps in that order.
    func load(order: [Int]? = nil) -> (ContactCube, RepeatTracker, WrapDictionary) {
        let wraps = WrapDictionary()
        var cube = ContactCube(), tracker = RepeatTracker()
        for (k, i) in (order ?? Array(rows.indices)).enumerated() {
            let r = rows[i]
            let caller = r.caller.map { key in Array(key.utf8).withUnsafeBytes { CallerID(bytes: $0) } } ?? .none
            let record = ContactRecord(startedAt: r.at, wrap: wraps.intern(line: r.line, reason: r.reason), channel: r.channel,
                                       outcome: r.outcome, hasEmail: .unknown, waitSeconds: r.channel == .phone ? 10 : -1,
                                       handleSeconds: r.handle, caller: caller,
                                       order: Array(r.id.utf8).withUnsafeBytes { ContactOrder(bytes: $0) }, fileOrder: Int64(k))
            cube.add(record)
            tracker.add(record)
        }
        cube.finish()
        return (cube, tracker, wraps)
    }

    func analyse(order: [Int]? = nil, taxonomy: Taxonomy? = nil, options: AvoidableOptions = AvoidableOptions()) -> AvoidableResult {
        let (cube, tracker, wraps) = load(order: order)
        return Avoidable.analyse(cube: cube, repeats: tracker, wraps: wraps, taxonomy: taxonomy, options: options)
    }

    /// Deterministic pseudo-random contacts (Support/SplitMix64), with ties in time, withheld keys and every channel.
    static func random(count: Int, seed: UInt64) -> ContactFixture {
        var rng = SplitMix64(seed: seed)
        func next() -> UInt64 { rng.next() }
        let reasons = [("Waste", "Missed Collection"), ("Waste", "Bin, New"), ("Revenues", "Council Tax"),
                       ("Revenues", "Chase \"Refund\""), ("Roads", "Potholes"), ("Roads", "Street Lighting")]
        var f = ContactFixture()
        for i in 0..<count {
            let (line, reason) = reasons[Int(next() % UInt64(reasons.count))]
            let channel = Channel.allCases[Int(next() % 5)]
            let outcome: Outcome = channel == .phone ? (next() % 5 == 0 ? .abandoned : .answered) : .handled
            let keyed = next() % 10 != 0
            // Times on a coarse grid (every 6 h over 40 days) so same-second ties and exact-window gaps happen.
            let at = Int64(1_656_633_600) + Int64(next() % 160) * 21_600
            f.add(line, reason, at: at, channel, outcome, caller: keyed ? "K" + String(next() % 40) : nil,
                  id: "C" + String(500_000 + (i * 7919) % 1_000_003), handle: Int32(60 + next() % 600))
        }
        return f
    }

    static let taxonomy = Taxonomy(file: "test-taxonomy.csv", entries: [
        TaxonomyEntry(code: WrapCode(line: "Revenues", reason: "Chase \"Refund\""), demandClass: .failure, failureType: .progressChasing,
                      selfServe: .none, digitalRoute: "", line: 2),
        TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Missed Collection"), demandClass: .value, failureType: .none,
                      selfServe: .full, digitalRoute: "/report", line: 3),
        TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Bin, New"), demandClass: .failure, failureType: .errorCorrection,
                      selfServe: .partial, digitalRoute: "", line: 4),
        TaxonomyEntry(code: WrapCode(line: "Roads", reason: "Potholes"), demandClass: .value, failureType: .none,
                      selfServe: .none, digitalRoute: "", line: 5),
    ])
}

struct AvoidableTests {
    static let t0: Int64 = 1_656_666_000     // 2022-07-01 09:00:00
    static let week: Int64 = 604_800

    func row(_ r: AvoidableResult, _ reason: String) -> AvoidableResult.ReasonRow? { r.reasons.first { $0.code.reason == reason } }

    @Test func windowEdges() throws {
        var f = ContactFixture()
        f.add("L", "Exactly", at: Self.t0, caller: "A")
        f.add("L", "Later", at: Self.t0 + Self.week, caller: "A")              // exactly 7 days: followed
        f.add("L", "OneMore", at: Self.t0, caller: "B")
        f.add("L", "Later", at: Self.t0 + Self.week + 1, caller: "B")          // 7 days + 1 s: not followed
        f.add("L", "Single", at: Self.t0, caller: "C")                         // only contact: not followed
        f.add("L", "Single", at: Self.t0 + 5, caller: nil)                     // no key: not keyed, never followed
        let r = f.analyse()
        #expect(try #require(row(r, "Exactly")).signals.followed == 1)
        #expect(try #require(row(r, "OneMore")).signals.followed == 0)
        #expect(try #require(row(r, "Later")).signals.keyed == 2)
        #expect(try #require(row(r, "Later")).signals.followed == 0)
        let single = try #require(row(r, "Single"))
        #expect(single.signals.keyed == 1 && single.signals.followed == 0 && single.unkeyed == 1 && single.stats.contacts == 2)
        #expect(r.signals.keyed == 5 && r.signals.followed == 1)
        // The later contact of the pair, "Later" from caller A, is for another reason: a follow-on, not failure.
        #expect(try #require(row(r, "Later")).avoidable[.followOn] == 1)
        #expect(r.avoidable.failure == 0 && r.avoidable.broad == 1)
    }

    @Test func windowOptionChangesTheEdge() throws {
        var f = ContactFixture()
        f.add("L", "A", at: Self.t0, caller: "A")
        f.add("L", "B", at: Self.t0 + 3600, caller: "A")
        var o = AvoidableOptions()
        o.windowSeconds = 3599
        #expect(f.analyse(options: o).signals.followed == 0)
        o.windowSeconds = 3600
        #expect(f.analyse(options: o).signals.followed == 1)
    }

    @Test func sameSecondBreaksTiesByContactID() throws {
        var f = ContactFixture()
        // File order puts C2 first; the rule orders by contact id, so C1 is followed by C2 and C2 by nothing.
        f.add("L", "Second", at: Self.t0, .email, caller: "D", id: "C2")
        f.add("L", "First", at: Self.t0, .email, caller: "D", id: "C1")
        let r = f.analyse()
        #expect(try #require(row(r, "First")).signals.followed == 1)
        #expect(try #require(row(r, "Second")).signals.followed == 0)
        // Byte order, not numeric: "C10" sorts before "C9".
        var g = ContactFixture()
        g.add("L", "Nine", at: Self.t0, caller: "E", id: "C9")
        g.add("L", "Ten", at: Self.t0, caller: "E", id: "C10")
        let s = g.analyse()
        #expect(try #require(row(s, "Ten")).signals.followed == 1)
        #expect(try #require(row(s, "Nine")).signals.followed == 0)
    }

    @Test func failedDigitalAndRecallAreMeasuredOnTheEarlierContact() throws {
        var f = ContactFixture()
        f.add("L", "Call", at: Self.t0, .webForm, caller: "A")
        f.add("L", "Call", at: Self.t0 + 600, .phone, caller: "A")                 // phone after digital, same reason
        f.add("L", "Call", at: Self.t0, .phone, .abandoned, caller: "B")
        f.add("L", "Call", at: Self.t0 + 300, .phone, caller: "B")                 // recall after 5 min
        f.add("L", "Call", at: Self.t0, .phone, .abandoned, caller: "C")           // never recalled
        let r = f.analyse()
        #expect(r.signals.digitalKeyed == 1 && r.signals.digitalThenPhone == 1)
        #expect(r.signals.abandonedKeyed == 2 && r.signals.abandonedRecalled == 1)
        #expect(r.medianRecallSeconds == 300)
        #expect(r.recallBuckets.first?.upperSeconds == 300 && r.recallBuckets.first?.count == 1)
        let call = try #require(row(r, "Call"))
        #expect(call.avoidable[.failedDigital] == 1)
        // B's recall after an abandon is the first handled contact, not a repeat; the abandons are lost demand.
        #expect(call.avoidable[.sameReasonRepeat] == 0)
        #expect(call.avoidable[.abandoned] == 2)
        // One failure phone call, answered with 300 s handle: 300 s and £2.83.
        #expect(call.avoidable.failureHandleSeconds == 300)
        #expect(abs(r.avoidable.failureCost - 2.83) < 1e-9)
    }

    /// Query b computed independently: group rows by caller in a dictionary, sort each group by (time, id bytes).
    func referenceQueryB(_ f: ContactFixture, window: Int64) -> [WrapCode: (Int, Int)] {
        var byCaller: [String: [ContactFixture.Row]] = [:]
        for r in f.rows { if let c = r.caller { byCaller[c, default: []].append(r) } }
        var out: [WrapCode: (Int, Int)] = [:]
        for (_, rows) in byCaller {
            let s = rows.sorted { $0.at != $1.at ? $0.at < $1.at : Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
            for (i, r) in s.enumerated() {
                let k = WrapCode(line: r.line, reason: r.reason)
                let followed = i + 1 < s.count && s[i + 1].at - r.at <= window
                out[k] = ((out[k]?.0 ?? 0) + 1, (out[k]?.1 ?? 0) + (followed ? 1 : 0))
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func matchesAnIndependentQueryB(seed: UInt64) {
        let f = ContactFixture.random(count: 1500, seed: seed)
        let r = f.analyse()
        let ref = referenceQueryB(f, window: Self.week)
        #expect(r.reasons.filter { $0.signals.keyed > 0 }.count == ref.count)
        for row in r.reasons where row.signals.keyed > 0 {
            #expect(ref[row.code]?.0 == row.signals.keyed && ref[row.code]?.1 == row.signals.followed, "\(row.code)")
        }
    }

    @Test func outOfOrderInputGivesTheSameReport() throws {
        let f = ContactFixture.random(count: 1200, seed: 7)
        let forward = f.analyse(taxonomy: ContactFixture.taxonomy)
        let backward = f.analyse(order: Array(f.rows.indices.reversed()), taxonomy: ContactFixture.taxonomy)
        var shuffled = Array(f.rows.indices)
        var state: UInt64 = 99
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            shuffled.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        let mixed = f.analyse(order: shuffled, taxonomy: ContactFixture.taxonomy)
        let render = { (r: AvoidableResult) in
            ReportRenderer.markdown(AvoidableReport.build(r, windowLabel: "7d", threshold: 10, taxonomyFile: "t.csv"))
        }
        #expect(render(forward) == render(backward))
        #expect(render(forward) == render(mixed))
        #expect(try ReportRenderer.csv(AvoidableReport.build(forward, windowLabel: "7d", threshold: 0, taxonomyFile: nil), tableID: "repeats")
                == ReportRenderer.csv(AvoidableReport.build(mixed, windowLabel: "7d", threshold: 0, taxonomyFile: nil), tableID: "repeats"))
    }

    /// The tiers computed independently: rows grouped by caller in a dictionary, each caller's contacts sorted by
    /// (time, id bytes), the last handled contact remembered; per reason, tier counts.
    func referenceTiers(_ f: ContactFixture, taxonomy: Taxonomy, window: Int64) -> [WrapCode: [Int]] {
        var byCaller: [String: [ContactFixture.Row]] = [:]
        var out: [WrapCode: [Int]] = [:]
        func bump(_ r: ContactFixture.Row, _ t: AvoidableTier) {
            out[WrapCode(line: r.line, reason: r.reason), default: [Int](repeating: 0, count: AvoidableTier.allCases.count)][t.rawValue] += 1
        }
        func classify(_ r: ContactFixture.Row, previous: ContactFixture.Row?) {
            let e = taxonomy.entry(WrapCode(line: r.line, reason: r.reason))
            if r.outcome == .abandoned { return bump(r, .abandoned) }
            if r.outcome.isAssisted { return bump(r, .assisted) }
            if let p = previous, p.reason == r.reason && p.line == r.line {
                return bump(r, p.channel.isDigital && r.channel == .phone ? .failedDigital : .sameReasonRepeat)
            }
            if e?.demandClass == .failure { return bump(r, .classifiedFailure) }
            if previous != nil { return bump(r, .followOn) }
            if let e, e.selfServe != .none, !r.channel.isDigital { bump(r, .selfServe) }
        }
        for r in f.rows {
            if let c = r.caller { byCaller[c, default: []].append(r) } else { classify(r, previous: nil) }
        }
        for (_, rows) in byCaller {
            let s = rows.sorted { $0.at != $1.at ? $0.at < $1.at : Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
            var last: ContactFixture.Row?
            for r in s {
                classify(r, previous: last.flatMap { r.at - $0.at <= window ? $0 : nil })
                if r.outcome != .abandoned { last = r }
            }
        }
        return out
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func tiersMatchAnIndependentCountAndEachContactCountsOnce(seed: UInt64) {
        let f = ContactFixture.random(count: 2000, seed: seed)
        let r = f.analyse(taxonomy: ContactFixture.taxonomy)
        let ref = referenceTiers(f, taxonomy: ContactFixture.taxonomy, window: Self.week)
        var sum = AvoidableCounts()
        for row in r.reasons {
            #expect(row.avoidable.tiers == ref[row.code] ?? [Int](repeating: 0, count: AvoidableTier.allCases.count), "\(row.code)")
            #expect(row.avoidable.tiers.reduce(0, +) <= row.stats.contacts, "\(row.code)")
            #expect(row.avoidable[.abandoned] == row.stats.abandoned)
            var channels = AvoidableCounts()
            for c in row.byChannel { channels.add(c) }
            #expect(channels.tiers == row.avoidable.tiers)
            sum.add(row.avoidable)
        }
        #expect(sum.tiers == r.avoidable.tiers)
        #expect(r.avoidable.broad == r.avoidable.failure + r.avoidable[.followOn])
        // A reason classed failure has every handled contact in failure demand; an unclassified one only its repeats.
        let chase = r.reasons.first { $0.code.reason == "Chase \"Refund\"" }!
        #expect(chase.avoidable.failure == chase.handledContacts)
        let lights = r.reasons.first { $0.code.reason == "Street Lighting" }!
        #expect(lights.avoidable[.classifiedFailure] == 0 && lights.avoidable[.selfServe] == 0)
        #expect(r.missingFromTaxonomy.map(\.reason).sorted() == ["Council Tax", "Street Lighting"])
        // Unkeyed contacts are counted and can still be classified.
        #expect(r.reasons.map(\.unkeyed).reduce(0, +) == f.rows.filter { $0.caller == nil }.count)
    }

    static let valueTaxonomy = Taxonomy(file: "t.csv", entries: [
        TaxonomyEntry(code: WrapCode(line: "Revenues", reason: "Council Tax"), demandClass: .value, failureType: .none,
                      selfServe: .full, digitalRoute: "/ct", line: 2),
        TaxonomyEntry(code: WrapCode(line: "Revenues", reason: "Moving Home"), demandClass: .value, failureType: .none,
                      selfServe: .partial, digitalRoute: "/move", line: 3),
        TaxonomyEntry(code: WrapCode(line: "Waste", reason: "Chase"), demandClass: .failure, failureType: .progressChasing,
                      selfServe: .none, digitalRoute: "", line: 4),
        TaxonomyEntry(code: WrapCode(line: "Care", reason: "Referral"), demandClass: .value, failureType: .none,
                      selfServe: .none, digitalRoute: "", line: 5),
    ])

    @Test func abandonedCallsNeverAddAvoidableHours() throws {
        var f = ContactFixture()
        for k in 0..<3 { f.add("Waste", "Chase", at: Self.t0 + Int64(k) * 86_400 * 10, caller: "A\(k)", handle: 300) }
        for k in 0..<5 { f.add("Waste", "Chase", at: Self.t0 + Int64(k) * 60, .phone, .abandoned, caller: "B\(k)") }
        let r = f.analyse(taxonomy: Self.valueTaxonomy)
        let chase = try #require(row(r, "Chase"))
        #expect(chase.avoidable.failure == 3 && chase.avoidable[.abandoned] == 5)
        #expect(chase.avoidable.failureHandleSeconds == 900)
        #expect(chase.avoidable.broadHandleSeconds == 900)
        #expect(chase.avoidable.tierHandleSeconds[AvoidableTier.abandoned.rawValue] == 0)
        #expect(chase.avoidable.tierCost[AvoidableTier.abandoned.rawValue] == 0)
        #expect(abs(chase.avoidable.failureCost - 3 * 2.83) < 1e-9)
        // Adding abandoned calls anywhere changes no hours.
        var g = f
        for k in 0..<40 { g.add("Waste", "Chase", at: Self.t0 + Int64(k) * 7, .phone, .abandoned, caller: "A\(k % 3)") }
        let s = g.analyse(taxonomy: Self.valueTaxonomy)
        #expect(s.avoidable.failureHandleSeconds == r.avoidable.failureHandleSeconds)
        #expect(s.avoidable.broadHandleSeconds == r.avoidable.broadHandleSeconds)
        #expect(s.avoidable.failure == r.avoidable.failure)
    }

    @Test func aRecallAfterAnAbandonIsCountedOnce() throws {
        var f = ContactFixture()
        f.add("Waste", "Chase", at: Self.t0, .phone, .abandoned, caller: "A")
        f.add("Waste", "Chase", at: Self.t0 + 300, caller: "A")                          // the recall: the work
        f.add("Revenues", "Council Tax", at: Self.t0, .phone, .abandoned, caller: "B")
        f.add("Revenues", "Council Tax", at: Self.t0 + 120, .phone, .abandoned, caller: "B")
        f.add("Revenues", "Council Tax", at: Self.t0 + 900, caller: "B")                 // two abandons, one recall
        let r = f.analyse(taxonomy: Self.valueTaxonomy)
        let chase = try #require(row(r, "Chase")), tax = try #require(row(r, "Council Tax"))
        #expect(chase.avoidable[.classifiedFailure] == 1 && chase.avoidable[.sameReasonRepeat] == 0 && chase.avoidable.failure == 1)
        #expect(tax.avoidable.failure == 0 && tax.avoidable[.followOn] == 0)
        #expect(tax.avoidable[.selfServe] == 1 && tax.avoidable[.abandoned] == 2)
        #expect(r.avoidable.failureHandleSeconds == 300)
        // The measured signal still sees both recalls.
        #expect(r.signals.abandonedRecalled == 3)
    }

    @Test func aDifferentReasonRepeatInAValueReasonIsAFollowOn() throws {
        var f = ContactFixture()
        f.add("Revenues", "Council Tax", at: Self.t0, caller: "A")
        f.add("Revenues", "Moving Home", at: Self.t0 + 86_400, caller: "A")               // value, other reason: follow-on
        f.add("Revenues", "Council Tax", at: Self.t0, caller: "B")
        f.add("Waste", "Chase", at: Self.t0 + 86_400, caller: "B")                        // failure class: failure
        f.add("Care", "Referral", at: Self.t0, caller: "C")
        f.add("Care", "Referral", at: Self.t0 + 3600, caller: "C")                        // same reason: failure
        let r = f.analyse(taxonomy: Self.valueTaxonomy)
        let move = try #require(row(r, "Moving Home"))
        #expect(move.avoidable[.followOn] == 1 && move.avoidable.failure == 0 && move.avoidable[.selfServe] == 0)
        #expect(try #require(row(r, "Chase")).avoidable[.classifiedFailure] == 1)
        #expect(try #require(row(r, "Referral")).avoidable[.sameReasonRepeat] == 1)
        #expect(r.avoidable.failure == 2 && r.avoidable.broad == 3)
    }

    @Test(arguments: [0.0, 0.3, 0.5, 0.7, 1.0])
    func partialShareScalesPartialReasonsExactly(share: Double) throws {
        var f = ContactFixture()
        for k in 0..<100 { f.add("Revenues", "Moving Home", at: Self.t0 + Int64(k), caller: nil, handle: 240) }
        for k in 0..<40 { f.add("Revenues", "Council Tax", at: Self.t0 + Int64(k), caller: nil, handle: 120) }
        var o = AvoidableOptions()
        o.partialShare = share
        let r = f.analyse(taxonomy: Self.valueTaxonomy, options: o)
        let move = try #require(row(r, "Moving Home")), tax = try #require(row(r, "Council Tax"))
        #expect(move.avoidable[.selfServe] == 100 && move.avoidable.selfServePartial == 100)
        #expect(move.avoidable.selfServeEstimate == 100 * share)
        #expect(move.avoidable.tierHandleSeconds[AvoidableTier.selfServe.rawValue] == 100 * share * 240)
        #expect(tax.avoidable.selfServeEstimate == 40)                                     // full routes in full
        #expect(r.avoidable.selfServeEstimate == 40 + 100 * share)
    }

    @Test func contactsAlreadyDigitalAreNotCouldBeOnline() throws {
        var f = ContactFixture()
        let channels: [(Channel, Int)] = [(.phone, 10), (.webForm, 11), (.email, 12), (.webchat, 13), (.faceToFace, 5)]
        for (ch, n) in channels {
            for k in 0..<n { f.add("Revenues", "Council Tax", at: Self.t0 + Int64(k), ch, caller: nil) }
        }
        let r = f.analyse(taxonomy: Self.valueTaxonomy)
        let tax = try #require(row(r, "Council Tax"))
        #expect(tax.avoidable[.selfServe] == 15)
        for ch in [Channel.webForm, .email, .webchat] { #expect(tax.byChannel[Int(ch.rawValue)][.selfServe] == 0) }
    }

    @Test func assistedDigitalIsCountedApartWithItsOwnHandleTime() throws {
        var f = ContactFixture()
        f.add("Revenues", "Council Tax", at: Self.t0, .phone, .assistedFull, caller: "A", handle: 900)
        f.add("Revenues", "Council Tax", at: Self.t0 + 60, .phone, .assistedFull, caller: "A", handle: 900)   // not a repeat
        f.add("Revenues", "Council Tax", at: Self.t0, .phone, .assistedPart, caller: "B", handle: 600)
        for k in 0..<3 { f.add("Revenues", "Council Tax", at: Self.t0 + Int64(k), caller: nil, handle: 300) }
        let r = f.analyse(taxonomy: Self.valueTaxonomy)
        let tax = try #require(row(r, "Council Tax"))
        #expect(tax.avoidable[.assisted] == 3 && tax.avoidable.failure == 0 && tax.avoidable[.selfServe] == 3)
        #expect(tax.stats.assistedFull == 2 && tax.stats.assistedPart == 1 && tax.stats.answered == 6)
        #expect(tax.avoidable.tierHandleSeconds[AvoidableTier.assisted.rawValue] == 2400)
        // Could-self-serve hours use the mean of the other contacts (300 s), not the assisted ones.
        #expect(tax.avoidable.tierHandleSeconds[AvoidableTier.selfServe.rawValue] == 900)
    }

    @Test func assistedOutcomesAreRead() throws {
        let path = TestFiles.write("contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
            + "C1,2022-07-01 08:00:00,phone,L,R,assisted_full,10,600,K1,N\n"
            + "C2,2022-07-01 08:05:00,phone,L,R,Assisted Part,10,300,K2,N\n")
        let (records, result) = try ingest(path)
        #expect(result.rowsAccepted == 2)
        #expect(records.map(\.outcome) == [.assistedFull, .assistedPart])
    }

    @Test func paretoCoversEightyPercent() {
        let r = ContactFixture.random(count: 2000, seed: 5).analyse(taxonomy: ContactFixture.taxonomy)
        let p = r.pareto
        #expect(zip(p, p.dropFirst()).allSatisfy { $0.row.avoidable.failure >= $1.row.avoidable.failure })
        #expect(abs((p.last?.cumulativeShare ?? 0) - 1) < 1e-12)
        let k = r.pareto80Count
        #expect(p[k - 1].cumulativeShare >= 0.8)
        #expect(k == 1 || p[k - 2].cumulativeShare < 0.8)
    }

    @Test func fteUsesProductiveHoursOverThePeriod() {
        var f = ContactFixture()
        f.add("L", "A", at: Self.t0, caller: "A", handle: 3600)
        f.add("L", "A", at: Self.t0 + 364 * 86_400, caller: "B", handle: 3600)   // 365 calendar days
        let r = f.analyse(taxonomy: Taxonomy(file: "t", entries: [
            TaxonomyEntry(code: WrapCode(line: "L", reason: "A"), demandClass: .failure, failureType: .repeatContact,
                          selfServe: .none, digitalRoute: "", line: 2)]))
        #expect(r.periodDays == 365)
        // 2 h over one year ÷ (1,924 × (1 − 0.33) × 0.85 = 1,095.7180 productive hours).
        #expect(abs(r.fte(handleSeconds: r.avoidable.failureHandleSeconds) - 2 / 1095.718) < 1e-9)
        var o = AvoidableOptions()
        o.productiveHours = ProductiveHours(stated: 1000)     // "120,000 calls × 3 min = 6 FTE" implies 1,000 h
        #expect(abs(f.analyse(options: o).fte(handleSeconds: 7200) - 0.002) < 1e-12)
    }

    @Test func suppressionHidesSmallCountsInMarkdown() throws {
        var f = ContactFixture()
        for i in 0..<40 { f.add("Big", "Alpha", at: Self.t0 + Int64(i) * 60, caller: "A\(i)") }
        for i in 0..<25 { f.add("Big", "Beta", at: Self.t0 + Int64(i) * 60, caller: "B\(i)") }
        for i in 0..<3 { f.add("Small", "Tiny", at: Self.t0 + Int64(i) * 60, caller: "T\(i)") }
        let r = f.analyse()
        let md = ReportRenderer.markdown(AvoidableReport.build(r, windowLabel: "7d", threshold: 10, taxonomyFile: nil))
        let tiny = md.split(separator: "\n").filter { $0.contains("| Tiny |") }
        #expect(!tiny.isEmpty)
        for l in tiny { #expect(l.contains("[c]") && !l.contains("| 3 |")) }
        // Secondary: the next smallest reason is hidden with it, so the total (68) cannot reveal 3.
        let beta = md.split(separator: "\n").filter { $0.contains("| Beta |") && $0.contains("Big") }
        #expect(beta.contains { $0.contains("[c]") })
        #expect(md.contains("**68**"))
        #expect(md.contains("[c] marks a count hidden to protect privacy: counts below 10"))
        // No caller key appears anywhere.
        #expect(!md.contains("A1") && !md.contains("T0"))
        // Turned off, the count shows.
        let open = ReportRenderer.markdown(AvoidableReport.build(r, windowLabel: "7d", threshold: 0, taxonomyFile: nil))
        #expect(!open.contains("<"))
    }

    @Test func suppressionGridProtectsRowsAndColumns() {
        // Row 0 has a hidden part (3) of a shown total: another part of that row must go too.
        let counts = [[100, 3, 97], [200, 50, 150], [300, 40, 260]]
        let m = AvoidableReport.mask(counts, keyColumn: 0, rowTotals: [[0, 1, 2]], threshold: 10)
        for c in 0..<3 { #expect(m.map { $0[c] }.filter { $0 }.count != 1, "column \(c)") }
        for r in 0..<3 { #expect(m[r].filter { $0 }.count != 1, "row \(r)") }
        #expect(m[0][1])
    }

    @Test func reportIsDeterministicWhateverTheInternOrder() throws {
        let f = ContactFixture.random(count: 800, seed: 21)
        let a = f.analyse(taxonomy: ContactFixture.taxonomy)
        let b = f.analyse(order: Array(f.rows.indices.reversed()), taxonomy: ContactFixture.taxonomy)
        let ra = AvoidableReport.build(a, windowLabel: "7d", threshold: 10, taxonomyFile: "t.csv")
        let rb = AvoidableReport.build(b, windowLabel: "7d", threshold: 10, taxonomyFile: "t.csv")
        #expect(ReportRenderer.json(ra) == ReportRenderer.json(rb))
        #expect(ra.figures.map(\.svg) == rb.figures.map(\.svg))
        #expect(ReportRenderer.markdown(ra) == ReportRenderer.markdown(AvoidableReport.build(a, windowLabel: "7d", threshold: 10, taxonomyFile: "t.csv")))
    }

    @Test func repeatsTableIsTheBenchmarkShape() throws {
        let f = ContactFixture.random(count: 600, seed: 3)
        let csv = try ReportRenderer.csv(AvoidableReport.build(f.analyse(), windowLabel: "7d", threshold: 0, taxonomyFile: nil),
                                         tableID: "repeats")
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "line,reason,keyed_contacts,followed_within_7d")
        #expect(csv.hasSuffix("\n") && !csv.contains("\r"))
        #expect(csv.contains("Revenues,\"Chase \"\"Refund\"\"\",") && csv.contains("Waste,\"Bin, New\","))
        // Sorted by (line, reason) in byte order.
        let codes = f.analyse().reasons.map(\.code)
        #expect(codes == codes.sorted())
    }

    @Test(arguments: [("7d", 604_800, "7d"), ("48h", 172_800, "48h"), ("3600s", 3600, "3600s"), ("07d", 604_800, "7d"), ("7", 604_800, "7d"), ("48", 4_147_200, "48d")] as [(String, Int64, String)])
    func parsesWindows(text: String, seconds: Int64, label: String) throws {
        let w = try RepeatWindow.parse(text)
        #expect(w.seconds == seconds && w.label == label)
    }

    @Test func markdownShowsAssumptionsAndMethod() throws {
        var report = AvoidableReport.build(ContactFixture.random(count: 300, seed: 4).analyse(), windowLabel: "7d",
                                                 threshold: 10, taxonomyFile: nil)
        report.assumptions = [AssumptionUse(key: "shrinkage", display: "30%", unit: "%", source: "default: typical 30–35%")]
        let md = try ReportRenderer.render(report, as: .md)
        #expect(md.contains("| shrinkage | 30% | % | default: typical 30–35% |"))
        #expect(md.components(separatedBy: "### Method").count == 2)
        #expect(md.contains("### Method\n\n- Repeat contact"))
        #expect(md.contains("No taxonomy was given"))
    }

    @Test func durationsReadAsWords() {
        #expect(AvoidableReport.windowWords(604_800) == "7 days" && AvoidableReport.windowWords(86_400) == "1 day")
        #expect(AvoidableReport.windowWords(7_200) == "2 hours" && AvoidableReport.windowWords(300) == "5 minutes")
        #expect(AvoidableReport.windowWords(90) == "90 seconds" && AvoidableReport.windowWords(0) == "0")
        #expect(AvoidableReport.approximate(seconds: 705) == "11.8 min" && AvoidableReport.approximate(seconds: 45) == "45 s")
    }

    @Test(arguments: ["", "d", "-1d", "-1", "7w", "1.5d", "99999d", "７d"])
    func rejectsBadWindows(text: String) {
        #expect(throws: ToolError.self) { try RepeatWindow.parse(text) }
    }
}

/// The command end to end: reads an export and an assumptions file, shows each assumption used.
struct AvoidableCommandTests {
    static let export = """
        contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email
        C000000001,2022-07-04 09:00:00,web_form,Waste,Missed Collection,handled,0,120,K00000001,Y
        C000000002,2022-07-04 09:30:00,phone,Waste,Missed Collection,answered,40,600,K00000001,Y
        C000000003,2022-07-05 10:00:00,phone,Waste,Missed Collection,abandoned,200,,K00000002,N
        C000000004,2022-07-05 10:12:00,phone,Waste,Missed Collection,answered,30,300,K00000002,N
        C000000005,2022-07-06 11:00:00,phone,"Roads, Pavements",Potholes,answered,10,240,,

        """

    @Test func readsAssumptionsAndShowsThem() throws {
        let data = TestFiles.write(Self.export)
        let dir = (data as NSString).deletingLastPathComponent
        try "shrinkage = 35%   # council HR 2022\ncost_per_contact.phone = £4.10 per contact   # own full cost 2022/23\n"
            .write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        let out = runTool(["avoidable", "--quiet", "--suppress", "0", "--assumptions", "a.txt", "data.csv"], cwd: dir)
        #expect(out.status == .ok, "\(out.stderr)")
        #expect(out.stdout.contains("| shrinkage | 35% | % | council HR 2022"))
        #expect(out.stdout.contains("| occupancy | 85% | % | sustainable occupancy 85–90% (default)"))
        // One failure phone call (after the web form, same reason), answered: 1 × £4.10. The recall after the
        // abandon is the work, not a repeat.
        #expect(out.stdout.contains("about £4 at the assumed cost per contact"), "\(out.stdout.prefix(900))")
        #expect(out.stdout.contains("1 of 1 reason accounts for 80% of the failure demand"))
        #expect(out.stdout.contains("1 contact (20.0%) had no caller key"))
        #expect(!out.stdout.contains("K0000000"))
        let csv = runTool(["avoidable", "--quiet", "--format", "csv", "--table", "repeats", "--suppress", "0", "data.csv"], cwd: dir)
        #expect(csv.stdout == "line,reason,keyed_contacts,followed_within_7d\nWaste,Missed Collection,4,2\n")
    }

    /// self_serve.partial_share comes from the assumptions, is listed with its source, and must be a share.
    @Test func partialShareIsAnAssumptionWithARange() throws {
        let export = "contact_id,started_at,channel,line,reason,outcome,wait_s,handle_s,caller_key,has_email\n"
            + (0..<40).map { "C\(100 + $0),2022-07-04 09:\(10 + $0 % 40):00,phone,Revenues,Moving Home,answered,10,300,,Y" }.joined(separator: "\n") + "\n"
        let data = TestFiles.write(export)
        let dir = (data as NSString).deletingLastPathComponent
        try "line,reason,demand_class,failure_type,self_serve,digital_route\nRevenues,Moving Home,value,none,partial,/move\n"
            .write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        try "self_serve.partial_share = 25%   # service estimate 2022\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        let out = runTool(["avoidable", "--quiet", "--suppress", "0", "--format", "json", "--taxonomy", "t.csv", "--assumptions", "a.txt", "data.csv"], cwd: dir)
        #expect(out.status == .ok, "\(out.stderr)")
        #expect(out.stdout.contains("\"self_serve_contacts\""))
        let md = runTool(["avoidable", "--quiet", "--suppress", "0", "--taxonomy", "t.csv", "--assumptions", "a.txt", "data.csv"], cwd: dir)
        // 40 phone contacts of a partial route × 25% = 10 could self-serve.
        #expect(md.stdout.contains("10 (25.0% of handled contacts) phone and face-to-face contacts were value demand that could have been done online"), "\(md.stdout.prefix(1200))")
        #expect(md.stdout.contains("| self_serve.partial_share | 25% | % | service estimate 2022"))
        try "self_serve.partial_share = 150%\n".write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        let bad = runTool(["avoidable", "--quiet", "--taxonomy", "t.csv", "--assumptions", "b.txt", "data.csv"], cwd: dir)
        #expect(bad.status == .dataError)
        #expect(bad.stderr.contains("self_serve.partial_share"))
    }
}
