// Avoidable demand per call reason: measured repeats, abandon-and-recall, failed digital, classified
// failure and self-serve, combined once per contact by a fixed precedence, and valued in FTE and money.

/// What the analysis needs besides the data: the window and the value assumptions (already in base units).
public struct AvoidableOptions: Sendable {
    /// A contact is followed when the caller's next contact starts at most this many seconds later.
    public var windowSeconds: Int64 = 604_800
    /// Productive hours per FTE per year: paid hours × (1 − shrinkage) × occupancy (DOMAIN primer, "Money").
    public var productiveHours = ProductiveHours()
    /// Pounds per contact by channel (`Channel.rawValue`); nil where no cost is assumed.
    public var costPerContact: [Double?] = [2.83, nil, nil, 0.15, 8.62]
    /// How many (reason → reason) repeat pairs to list.
    public var topPairs = 10

    public init() {}
}

/// The four ways a contact can be avoidable, in precedence order: a contact counts in the first that applies.
public enum AvoidableTier: Int, Sendable, CaseIterable {
    case failedDigital = 0, repeatContact, classifiedFailure, selfServe

    public var id: String {
        switch self {
        case .failedDigital: return "failed_digital"
        case .repeatContact: return "repeat"
        case .classifiedFailure: return "classified_failure"
        case .selfServe: return "self_serve"
        }
    }

    public var title: String {
        switch self {
        case .failedDigital: return "Phone after digital"
        case .repeatContact: return "Other repeat"
        case .classifiedFailure: return "Classified failure"
        case .selfServe: return "Self-serve available"
        }
    }
}

/// Counts of contacts in one (reason, channel) cell, or summed over cells.
public struct AvoidableCounts: Sendable, Equatable {
    /// Contacts per tier (index `AvoidableTier.rawValue`).
    public var tiers = [Int](repeating: 0, count: 4)
    /// Contacts per tier that were not abandoned calls: the ones with handle time and a cost.
    public var handledTiers = [Int](repeating: 0, count: 4)
    /// Estimated per tier: handled contacts × the cell's mean handle time.
    public var tierHandleSeconds = [Double](repeating: 0, count: 4)
    /// Pounds per tier: handled contacts × the cost per contact of the channel.
    public var tierCost = [Double](repeating: 0, count: 4)

    public init() {}

    public var avoidable: Int { tiers.reduce(0, +) }
    /// Failure demand (removable at source): the first three tiers, without self-serve.
    public var failure: Int { tiers[0] + tiers[1] + tiers[2] }
    public var handleSeconds: Double { tierHandleSeconds.reduce(0, +) }
    public var cost: Double { tierCost.reduce(0, +) }
    public var failureHandleSeconds: Double { tierHandleSeconds[0] + tierHandleSeconds[1] + tierHandleSeconds[2] }
    public var failureCost: Double { tierCost[0] + tierCost[1] + tierCost[2] }

    mutating func add(_ o: AvoidableCounts) {
        for i in 0..<4 {
            tiers[i] += o.tiers[i]; handledTiers[i] += o.handledTiers[i]
            tierHandleSeconds[i] += o.tierHandleSeconds[i]; tierCost[i] += o.tierCost[i]
        }
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

    /// Reasons with avoidable contacts, most first (ties by name), and the cumulative share of the avoidable total.
    public var pareto: [(row: ReasonRow, cumulativeShare: Double)] {
        let ranked = reasons.filter { $0.avoidable.avoidable > 0 }.sorted {
            $0.avoidable.avoidable != $1.avoidable.avoidable ? $0.avoidable.avoidable > $1.avoidable.avoidable : $0.code < $1.code
        }
        let total = Double(avoidable.avoidable)
        var cum = 0
        return ranked.map { r in
            cum += r.avoidable.avoidable
            return (r, total > 0 ? Double(cum) / total : 0)
        }
    }

    /// How many reasons (from the top of the Pareto list) it takes to cover 80% of avoidable contacts.
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
        let nWraps = max(wraps.count, cube.wrapCount)
        let window = options.windowSeconds
        var signals = [RepeatSignals](repeating: RepeatSignals(), count: nWraps)
        var channelSignals = [RepeatSignals](repeating: RepeatSignals(), count: Channel.count)
        // Tiers 1 and 2 are marked on the later contact (the repeat), per its (reason, channel) and
        // whether it was an abandoned call (no handle time, no cost).
        var repeatTier = [Int](repeating: 0, count: nWraps * Channel.count * 4)   // [cell][tier 0/1][abandoned 0/1]
        var pairCounts: [Int64: Int] = [:]
        var recallGaps: [Int64] = []

        tracker.forEachWithSuccessor { e, next in
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
                let phoneAfterDigital = e.channel.isDigital && n.channel == .phone
                if phoneAfterDigital { s.digitalThenPhone = 1 }
                pairCounts[Int64(e.wrap) << 32 | Int64(n.wrap), default: 0] += 1
                let cell = Int(n.wrap) * Channel.count + Int(n.channel.rawValue)
                repeatTier[cell * 4 + (phoneAfterDigital ? 0 : 2) + (n.outcome == .abandoned ? 1 : 0)] += 1
            }
            signals[w].add(s)
            channelSignals[c].add(s)
        }

        var missing: [WrapCode] = []
        var rows: [AvoidableResult.ReasonRow] = []
        var total = CellStats(), totalSignals = RepeatSignals(), totalAvoidable = AvoidableCounts()
        var channelStats = [CellStats](repeating: CellStats(), count: Channel.count)
        var channelAvoidable = [AvoidableCounts](repeating: AvoidableCounts(), count: Channel.count)
        for id in wraps.sortedIDs where Int(id) < nWraps {
            let code = wraps.code(id)
            let entry = taxonomy?.entry(code)
            let stats = cube.stats(wrap: id)
            if stats.contacts == 0 && signals[Int(id)].keyed == 0 { continue }
            if taxonomy != nil && entry == nil { missing.append(code) }
            let classified = entry?.demandClass == .failure
            let selfServe = entry.map { $0.selfServe == .full || $0.selfServe == .partial } ?? false
            var byChannel = [AvoidableCounts](repeating: AvoidableCounts(), count: Channel.count)
            var rowAvoidable = AvoidableCounts()
            for ch in Channel.allCases {
                let cell = cube.stats(wrap: id, channel: ch)
                let k = (Int(id) * Channel.count + Int(ch.rawValue)) * 4
                var a = AvoidableCounts()
                for tier in 0..<2 {
                    let handled = repeatTier[k + tier * 2], abandoned = repeatTier[k + tier * 2 + 1]
                    a.tiers[tier] = handled + abandoned
                    a.handledTiers[tier] = handled
                }
                // Every contact of the cell not already a repeat falls to the reason's classification.
                let rest = max(0, cell.contacts - a.tiers[0] - a.tiers[1])
                let restHandled = max(0, cell.contacts - cell.abandoned - a.handledTiers[0] - a.handledTiers[1])
                if classified {
                    a.tiers[2] = rest; a.handledTiers[2] = restHandled
                } else if selfServe {
                    a.tiers[3] = rest; a.handledTiers[3] = restHandled
                }
                let meanHandle = cell.handleCount > 0 ? Double(cell.handleSum) / Double(cell.handleCount) : 0
                let unitCost = options.costPerContact.indices.contains(Int(ch.rawValue)) ? options.costPerContact[Int(ch.rawValue)] ?? 0 : 0
                for t in 0..<4 {
                    a.tierHandleSeconds[t] = Double(a.handledTiers[t]) * meanHandle
                    a.tierCost[t] = Double(a.handledTiers[t]) * unitCost
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

    /// Median of sorted values: the middle one, or the mean of the two middle ones.
    static func median(_ sorted: [Int64]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[m]) : (Double(sorted[m - 1]) + Double(sorted[m])) / 2
    }
}
