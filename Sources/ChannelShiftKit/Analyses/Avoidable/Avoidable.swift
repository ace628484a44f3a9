// Avoidable demand per call reason: failure demand removable at source (measured same-reason repeats and
// failed digital, classified failure), abandoned calls, follow-on contacts, could self-serve and assisted digital,
// each contact in at most one tier, valued in handled contacts, hours, FTE and money.

/// What the analysis needs besides the data: the window and the value assumptions (already in base units).
public struct AvoidableOptions: Sendable {
    /// A contact is followed when the caller's next contact starts at most this many seconds later.
    public var windowSeconds: Int64 = 604_800
    /// Productive hours per FTE per year: paid hours × (1 − shrinkage) × occupancy (DOMAIN primer, "Money").
    public var productiveHours = ProductiveHours()
    /// Pounds per contact by channel (`Channel.rawValue`); nil where no cost is assumed.
    public var costPerContact: [Double?] = [2.83, nil, nil, 0.15, 8.62]
    /// Share (0–1) of a partial-route reason's phone and face-to-face contacts that the online route could serve
    /// (assumption `self_serve.partial_share`): a partial route serves some of the reason's requests, not all.
    public var partialShare = 0.5
    /// How many (reason → reason) repeat pairs to list.
    public var topPairs = 10

    public init() {}
}

extension AvoidableOptions {
    /// How much of a partial online route's phone and face-to-face demand counts as "could self-serve".
    public static let partialShareKey = AssumptionKey(
        "self_serve.partial_share", AssumptionUnit(.fraction), default: 0.5,
        source: "illustrative: half of a partial route's requests can be completed online; set from the service's own split",
        "share of a partial online route's phone and face-to-face contacts the route could serve")
}

/// Where each contact falls, at most once, in this precedence: abandoned, assisted digital, the measured
/// failure tiers, classified failure, follow-on, could self-serve. A contact in none of them is value demand
/// handled where it should be.
public enum AvoidableTier: Int, Sendable, CaseIterable {
    /// A handled phone call whose caller's previous handled contact, for the same reason and within the window,
    /// was digital (webchat, email, web form): the online route failed them. Failure demand.
    case failedDigital = 0
    /// A handled contact whose caller's previous handled contact within the window was for the same reason:
    /// the same need raised again. Failure demand.
    case sameReasonRepeat
    /// Any other handled contact of a reason the taxonomy classes as failure demand (progress chasing, error
    /// correction, information). Failure demand.
    case classifiedFailure
    /// A handled contact whose caller's previous handled contact within the window was for a different reason,
    /// in a reason not classed as failure: often the next step of a value request. Reported, not failure.
    case followOn
    /// A handled phone or face-to-face contact of a value reason with an online route: full routes in full,
    /// partial routes × `partialShare` (the contacts are counted whole in `contacts`, weighted in `estimate`).
    case selfServe
    /// An adviser completed an online transaction for the caller (outcome assisted_full / assisted_part):
    /// the support people who cannot self-serve still need. Neither avoidable nor shiftable.
    case assisted
    /// An abandoned call: lost demand with no handle time. The caller's next contact is the work, counted once.
    case abandoned

    /// The tiers that are failure demand removable at source: the strict avoidable total.
    public static let failureTiers: [AvoidableTier] = [.failedDigital, .sameReasonRepeat, .classifiedFailure]

    public var id: String {
        switch self {
        case .failedDigital: return "failed_digital"
        case .sameReasonRepeat: return "same_reason_repeat"
        case .classifiedFailure: return "classified_failure"
        case .followOn: return "follow_on"
        case .selfServe: return "self_serve"
        case .assisted: return "assisted_digital"
        case .abandoned: return "abandoned"
        }
    }

    public var title: String {
        switch self {
        case .failedDigital: return "Phone after digital, same reason"
        case .sameReasonRepeat: return "Same-reason repeat"
        case .classifiedFailure: return "Classified failure"
        case .followOn: return "Follow-on (other reason)"
        case .selfServe: return "Could self-serve"
        case .assisted: return "Assisted digital"
        case .abandoned: return "Abandoned calls"
        }
    }
}

/// Counts of contacts in one (reason, channel) cell, or summed over cells.
public struct AvoidableCounts: Sendable, Equatable {
    static let n = AvoidableTier.allCases.count
    /// Contacts per tier (index `AvoidableTier.rawValue`), each contact in at most one tier.
    public var tiers = [Int](repeating: 0, count: n)
    /// Contacts per tier as counted in the totals: the same as `tiers`, except that could-self-serve contacts of
    /// partial routes count × the partial share.
    public var estimate = [Double](repeating: 0, count: n)
    /// Of the could-self-serve contacts, those of partial routes (counted × the partial share in `estimate`).
    public var selfServePartial = 0
    /// Handle seconds per tier: the cell's mean handle time × `estimate` (assisted: their own handle time;
    /// abandoned calls: none).
    public var tierHandleSeconds = [Double](repeating: 0, count: n)
    /// Pounds per tier: `estimate` × the cost per contact of the channel (abandoned calls: none).
    public var tierCost = [Double](repeating: 0, count: n)

    public init() {}

    public subscript(_ t: AvoidableTier) -> Int { tiers[t.rawValue] }

    /// Failure demand removable at source, in handled contacts: the strict avoidable total.
    public var failure: Int { AvoidableTier.failureTiers.reduce(0) { $0 + tiers[$1.rawValue] } }
    public var failureHandleSeconds: Double { AvoidableTier.failureTiers.reduce(0) { $0 + tierHandleSeconds[$1.rawValue] } }
    public var failureCost: Double { AvoidableTier.failureTiers.reduce(0) { $0 + tierCost[$1.rawValue] } }
    /// The broad total: failure demand plus follow-on contacts, as if every repeat were failure.
    public var broad: Int { failure + self[.followOn] }
    public var broadHandleSeconds: Double { failureHandleSeconds + tierHandleSeconds[AvoidableTier.followOn.rawValue] }
    public var broadCost: Double { failureCost + tierCost[AvoidableTier.followOn.rawValue] }
    /// Could self-serve, with partial routes × the partial share.
    public var selfServeEstimate: Double { estimate[AvoidableTier.selfServe.rawValue] }

    mutating func add(_ o: AvoidableCounts) {
        for i in 0..<Self.n {
            tiers[i] += o.tiers[i]; estimate[i] += o.estimate[i]
            tierHandleSeconds[i] += o.tierHandleSeconds[i]; tierCost[i] += o.tierCost[i]
        }
        selfServePartial += o.selfServePartial
    }
}

/// Measured signals for one reason (or a channel, or everything).
public struct RepeatSignals: Sendable, Equatable {
    public var keyed = 0                  // contacts with a caller key
    public var followed = 0               // keyed contacts whose caller's next contact is within the window (query b)
    public var followedSameReason = 0     // ... and that next contact has the same reason
    public var abandonedKeyed = 0         // abandoned calls with a caller key
    public var abandonedRecalled = 0      // ... followed within the window
    public var digitalKeyed = 0           // webchat, email, web form contacts with a caller key
    public var digitalThenPhone = 0       // ... whose caller's next contact is a phone call within the window

    public init() {}

    mutating func add(_ o: RepeatSignals) {
        keyed += o.keyed; followed += o.followed; followedSameReason += o.followedSameReason
        abandonedKeyed += o.abandonedKeyed; abandonedRecalled += o.abandonedRecalled
        digitalKeyed += o.digitalKeyed; digitalThenPhone += o.digitalThenPhone
    }
}

public struct AvoidableResult: Sendable {
    public struct ReasonRow: Sendable {
        public var wrap: Int32
        public var code: WrapCode
        public var entry: TaxonomyEntry?
        public var stats: CellStats               // all channels
        public var signals: RepeatSignals
        public var avoidable: AvoidableCounts
        public var byChannel: [AvoidableCounts]   // index Channel.rawValue

        public var unkeyed: Int { stats.contacts - stats.keyed }
        public var handledContacts: Int { stats.contacts - stats.abandoned }
        public var handleSeconds: Int { stats.handleSum }
    }

    public struct ChannelRow: Sendable {
        public var channel: Channel
        public var stats: CellStats
        public var signals: RepeatSignals         // by the channel of the earlier contact
        public var avoidable: AvoidableCounts     // by the channel of the avoidable contact
    }

    public struct Pair: Sendable, Equatable {
        public var from: WrapCode
        public var to: WrapCode
        public var count: Int
    }

    /// Time from an abandoned call to the caller's next contact, in buckets ending at `upperSeconds` (inclusive).
    public struct RecallBucket: Sendable, Equatable {
        public var lowerSeconds: Int64            // exclusive, except 0
        public var upperSeconds: Int64
        public var count: Int
    }

    public var options: AvoidableOptions
    public var reasons: [ReasonRow]               // by (line, reason) byte order
    public var channels: [ChannelRow]             // by channel order
    public var total: CellStats
    public var signals: RepeatSignals
    public var avoidable: AvoidableCounts
    public var pairs: [Pair]                      // the most common, count desc then names
    public var pairCount: Int                     // distinct (reason → reason) pairs
    public var recallBuckets: [RecallBucket]
    public var medianRecallSeconds: Double?
    public var hasTaxonomy: Bool
    public var missingFromTaxonomy: [WrapCode]    // reasons seen in the data but not in the taxonomy
    public var periodDays: Int                    // calendar days from the first to the last contact, inclusive

    /// Reasons with failure demand removable at source, most first (ties by name), and the cumulative share
    /// of the failure total.
    public var pareto: [(row: ReasonRow, cumulativeShare: Double)] {
        let ranked = reasons.filter { $0.avoidable.failure > 0 }.sorted {
            $0.avoidable.failure != $1.avoidable.failure ? $0.avoidable.failure > $1.avoidable.failure : $0.code < $1.code
        }
        let total = Double(avoidable.failure)
        var cum = 0
        return ranked.map { r in
            cum += r.avoidable.failure
            return (r, total > 0 ? Double(cum) / total : 0)
        }
    }

    /// Contacts that reached an adviser or a back office: every contact except abandoned calls.
    public var handledContacts: Int { total.contacts - total.abandoned }

    /// How many reasons (from the top of the Pareto list) it takes to cover 80% of the failure demand.
    public var pareto80Count: Int {
        let p = pareto
        return (p.firstIndex { $0.cumulativeShare >= 0.8 - 1e-12 }.map { $0 + 1 }) ?? p.count
    }

    /// FTE the avoidable handle time represents over the period: hours ÷ (productive hours per FTE × period in years).
    public func fte(handleSeconds: Double) -> Double {
        let years = Double(max(periodDays, 1)) / 365.0
        let capacity = options.productiveHours.perFTE * 3600 * years
        return capacity > 0 ? handleSeconds / capacity : 0
    }
}

public enum Avoidable {
    /// Recall-time bucket bounds in seconds (5 min, 1 h, 4 h, 1 day); the window closes the last bucket.
    static let recallBounds: [Int64] = [300, 3600, 14_400, 86_400]

    /// The analysis. `repeats` should be sorted (the loader does it); an unsorted tracker is sorted in a copy.
    public static func analyse(cube: ContactCube, repeats trackerIn: RepeatTracker, wraps: WrapDictionary,
                               taxonomy: Taxonomy?, options: AvoidableOptions = AvoidableOptions()) -> AvoidableResult {
        var tracker = trackerIn
        tracker.sort()
        return analyse(cube: cube, wraps: wraps, taxonomy: taxonomy, options: options) { body in tracker.forEachWithSuccessor(body) }
    }

    /// The same analysis over repeat tuples held within a memory budget (spilled runs merged back in): the same
    /// result, since both walks visit each caller's contacts in the same order.
    public static func analyse(cube: ContactCube, spilled repeats: inout SpillingRepeats, wraps: WrapDictionary,
                               taxonomy: Taxonomy?, options: AvoidableOptions = AvoidableOptions()) throws(ToolError) -> AvoidableResult {
        try analyse(cube: cube, wraps: wraps, taxonomy: taxonomy, options: options) { body throws(ToolError) in
            try repeats.forEachWithSuccessor(body)
        }
    }

    /// The analysis over one walk of the keyed contacts, caller by caller, each with the caller's next contact.
    static func analyse<E: Error>(cube: ContactCube, wraps: WrapDictionary, taxonomy: Taxonomy?, options: AvoidableOptions,
                                  walk: ((RepeatTracker.Entry, RepeatTracker.Entry?) -> Void) throws(E) -> Void) throws(E) -> AvoidableResult {
        let nWraps = max(wraps.count, cube.wrapCount)
        let window = options.windowSeconds
        var signals = [RepeatSignals](repeating: RepeatSignals(), count: nWraps)
        var channelSignals = [RepeatSignals](repeating: RepeatSignals(), count: Channel.count)
        var pairCounts: [Int64: Int] = [:]
        var recallGaps: [Int64] = []

        // Measured signals on the earlier contact of each (contact, caller's next contact) pair: query b.
        var marker = RepeatMarker(window: window, wraps: nWraps)
        try walk { e, next in
            marker.visit(e, next)
            let w = Int(e.wrap), c = Int(e.channel.rawValue)
            var s = RepeatSignals()
            s.keyed = 1
            if e.outcome == .abandoned { s.abandonedKeyed = 1 }
            if e.channel.isDigital { s.digitalKeyed = 1 }
            if let n = next, n.startedAt - e.startedAt <= window {
                s.followed = 1
                if n.wrap == e.wrap { s.followedSameReason = 1 }
                if e.outcome == .abandoned {
                    s.abandonedRecalled = 1
                    recallGaps.append(n.startedAt - e.startedAt)
                }
                if e.channel.isDigital && n.channel == .phone { s.digitalThenPhone = 1 }
                pairCounts[Int64(e.wrap) << 32 | Int64(n.wrap), default: 0] += 1
            }
            signals[w].add(s)
            channelSignals[c].add(s)
        }

        // Tiers are marked on the later contact of a pair, and only between handled contacts: an abandoned call
        // is lost demand with no handle time, so the caller's next contact after it is compared with the last
        // contact that was handled (if any, within the window), and a recall after an abandon counts once.
        // Assisted-digital contacts are counted apart, but they are handled work, so they start a pair.
        let marks = marker.marks

        var missing: [WrapCode] = []
        var rows: [AvoidableResult.ReasonRow] = []
        var total = CellStats(), totalSignals = RepeatSignals(), totalAvoidable = AvoidableCounts()
        var channelStats = [CellStats](repeating: CellStats(), count: Channel.count)
        var channelAvoidable = [AvoidableCounts](repeating: AvoidableCounts(), count: Channel.count)
        let share = min(max(options.partialShare, 0), 1)
        for id in wraps.sortedIDs where Int(id) < nWraps {
            let code = wraps.code(id)
            let entry = taxonomy?.entry(code)
            let stats = cube.stats(wrap: id)
            if stats.contacts == 0 && signals[Int(id)].keyed == 0 { continue }
            if taxonomy != nil && entry == nil { missing.append(code) }
            let classified = entry?.demandClass == .failure
            let route = entry?.selfServe ?? .none
            var byChannel = [AvoidableCounts](repeating: AvoidableCounts(), count: Channel.count)
            var rowAvoidable = AvoidableCounts()
            for ch in Channel.allCases {
                let cell = cube.stats(wrap: id, channel: ch)
                let m = marks[Int(id) * Channel.count + Int(ch.rawValue)]
                var a = AvoidableCounts()
                a.tiers[AvoidableTier.abandoned.rawValue] = cell.abandoned
                a.tiers[AvoidableTier.assisted.rawValue] = cell.assisted
                a.tiers[AvoidableTier.failedDigital.rawValue] = m.failedDigital
                a.tiers[AvoidableTier.sameReasonRepeat.rawValue] = m.sameReason
                // Every other handled contact falls to the reason's classification.
                let rest = max(0, cell.contacts - cell.abandoned - cell.assisted - m.failedDigital - m.sameReason)
                if classified {
                    a.tiers[AvoidableTier.classifiedFailure.rawValue] = rest
                } else {
                    let followOn = min(m.otherReason, rest)
                    a.tiers[AvoidableTier.followOn.rawValue] = followOn
                    if route != .none && !ch.isDigital {
                        a.tiers[AvoidableTier.selfServe.rawValue] = rest - followOn
                        if route == .partial { a.selfServePartial = rest - followOn }
                    }
                }
                for t in AvoidableTier.allCases { a.estimate[t.rawValue] = Double(a.tiers[t.rawValue]) }
                if route == .partial && !classified {
                    a.estimate[AvoidableTier.selfServe.rawValue] = Double(a.selfServePartial) * share
                }
                a.estimate[AvoidableTier.abandoned.rawValue] = Double(cell.abandoned)
                // Mean handle time of the cell's handled contacts other than assisted ones, which are costed
                // on their own (they are usually longer: the adviser fills in the form).
                let otherCount = cell.handleCount - cell.assistedHandleCount
                let meanHandle = otherCount > 0 ? Double(cell.handleSum - cell.assistedHandleSum) / Double(otherCount) : 0
                let unitCost = options.costPerContact.indices.contains(Int(ch.rawValue)) ? options.costPerContact[Int(ch.rawValue)] ?? 0 : 0
                for t in AvoidableTier.allCases where t != .abandoned {
                    a.tierHandleSeconds[t.rawValue] = t == .assisted ? Double(cell.assistedHandleSum)
                        : a.estimate[t.rawValue] * meanHandle
                    a.tierCost[t.rawValue] = a.estimate[t.rawValue] * unitCost
                }
                byChannel[Int(ch.rawValue)] = a
                rowAvoidable.add(a)
                channelAvoidable[Int(ch.rawValue)].add(a)
                channelStats[Int(ch.rawValue)].merge(cell)
            }
            rows.append(.init(wrap: id, code: code, entry: entry, stats: stats, signals: signals[Int(id)],
                              avoidable: rowAvoidable, byChannel: byChannel))
            total.merge(stats)
            totalSignals.add(signals[Int(id)])
            totalAvoidable.add(rowAvoidable)
        }

        var pairs = pairCounts.map { k, v in
            AvoidableResult.Pair(from: wraps.code(Int32(truncatingIfNeeded: k >> 32)), to: wraps.code(Int32(truncatingIfNeeded: k & 0xFFFF_FFFF)), count: v)
        }
        pairs.sort { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.from != b.from { return a.from < b.from }
            return a.to < b.to
        }

        recallGaps.sort()
        var buckets: [AvoidableResult.RecallBucket] = []
        var lower: Int64 = 0
        for upper in recallBounds.filter({ $0 < window }) + [window] {
            let lo = lower
            let n = recallGaps.count(where: { $0 <= upper && ($0 > lo || lo == 0) })
            buckets.append(.init(lowerSeconds: lo, upperSeconds: upper, count: n))
            lower = upper
        }

        let firstDay = cube.firstStart == .max ? 0 : CivilTime.floorDiv(cube.firstStart, 86400)
        let lastDay = cube.lastStart == .min ? 0 : CivilTime.floorDiv(cube.lastStart, 86400)
        return AvoidableResult(
            options: options, reasons: rows,
            channels: Channel.allCases.map { .init(channel: $0, stats: channelStats[Int($0.rawValue)],
                                                   signals: channelSignals[Int($0.rawValue)],
                                                   avoidable: channelAvoidable[Int($0.rawValue)]) },
            total: total, signals: totalSignals, avoidable: totalAvoidable,
            pairs: Array(pairs.prefix(max(0, options.topPairs))), pairCount: pairs.count,
            recallBuckets: buckets, medianRecallSeconds: median(recallGaps),
            hasTaxonomy: taxonomy != nil, missingFromTaxonomy: missing,
            periodDays: Int(lastDay - firstDay) + 1)
    }

    /// Measured repeats per (reason, channel) cell of the later contact, between handled contacts only.
    struct RepeatMarks {
        var failedDigital = 0, sameReason = 0, otherReason = 0
    }

    /// Walks each caller's contacts in order, remembering the last handled one (abandoned calls are skipped:
    /// they carry no work, so an abandon-then-recall is one piece of work). A handled contact within the window
    /// of the last handled one is a same-reason repeat (a failed-digital one when a digital contact was followed
    /// by a phone call) or, for a different reason, a candidate follow-on. Assisted contacts are never marked:
    /// they are counted apart whatever came before. Fed one contact at a time (with the caller's next, nil at the
    /// caller's last), so it needs no more than the walk gives.
    struct RepeatMarker {
        let window: Int64
        let nWraps: Int
        var marks: [RepeatMarks]
        var last: RepeatTracker.Entry?
        var atCallerStart = true

        init(window: Int64, wraps nWraps: Int) {
            self.window = window
            self.nWraps = nWraps
            marks = [RepeatMarks](repeating: RepeatMarks(), count: nWraps * Channel.count)
        }

        @inline(__always)
        mutating func visit(_ x: RepeatTracker.Entry, _ next: RepeatTracker.Entry?) {
            if atCallerStart { last = nil }
            atCallerStart = next == nil
            guard x.outcome != .abandoned else { return }
            if let l = last, !x.outcome.isAssisted, x.startedAt - l.startedAt <= window, Int(x.wrap) < nWraps {
                let k = Int(x.wrap) * Channel.count + Int(x.channel.rawValue)
                if l.wrap != x.wrap {
                    marks[k].otherReason += 1
                } else if l.channel.isDigital && x.channel == .phone {
                    marks[k].failedDigital += 1
                } else {
                    marks[k].sameReason += 1
                }
            }
            last = x
        }
    }

    /// Median of sorted values: the middle one, or the mean of the two middle ones.
    static func median(_ sorted: [Int64]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[m]) : (Double(sorted[m - 1]) + Double(sorted[m])) / 2
    }
}
