// Digital-exclusion proxies per reason: no-email shares with Wilson intervals, flags against the overall
// rate, never-digital callers, area deciles, and the shiftable ceiling a channel-shift plan must not exceed.

/// Counts for one wrap code, from row-level data or from a published aggregate table.
public struct ExclusionCounts: Sendable, Equatable {
    public var code: WrapCode
    public var contacts: Int          // every contact of the reason (calls, in an aggregate table)
    public var noEmail: Int
    public var known: Int             // contacts whose email status is known: the share's denominator
    /// Contacts a shift could move: phone and face to face, less assisted digital (all calls in an aggregate table).
    public var assisted: Int
    /// Base volume of the shiftable ceiling: `assisted` when the taxonomy marks the reason self-serve
    /// (full or partial) or failure demand, 0 when it does not, nil without a taxonomy.
    public var baseVolume: Int?
    public var neverDigital: Int?     // row-level only: contacts from callers with no digital contact in the period
    public var keyed: Int?            // row-level only: contacts with a caller key (never-digital's denominator)
    public var areaMatched: Int?      // with an area index: contacts whose area code is in it
    public var mostExcluded: Int?     // ... of which from the most excluded deciles
    /// Row-level only: the no-email share's per-caller sums, for its design effect.
    public var noEmailClusters: ClusterMoments?
    /// Row-level only: the included shares of the keyed phone and face-to-face contacts under the other proxies.
    public var proxies: ProxyMoments?
    /// With a taxonomy: whether the reason has an online route (self_serve full or partial).
    public var onlineRoute: Bool?

    public init(code: WrapCode, contacts: Int, noEmail: Int, known: Int, assisted: Int, baseVolume: Int? = nil,
                neverDigital: Int? = nil, keyed: Int? = nil, areaMatched: Int? = nil, mostExcluded: Int? = nil,
                noEmailClusters: ClusterMoments? = nil, proxies: ProxyMoments? = nil, onlineRoute: Bool? = nil) {
        self.code = code
        self.contacts = contacts
        self.noEmail = noEmail
        self.known = known
        self.assisted = assisted
        self.baseVolume = baseVolume
        self.neverDigital = neverDigital
        self.keyed = keyed
        self.areaMatched = areaMatched
        self.mostExcluded = mostExcluded
        self.noEmailClusters = noEmailClusters
        self.proxies = proxies
        self.onlineRoute = onlineRoute
    }
}

/// The digital-inclusion proxies a shiftable ceiling can rest on. Each says who is likely to manage online.
public enum CeilingProxy: String, Sendable, CaseIterable {
    /// Contacts from callers with an email address on file (1 − the no-email share, all contacts with a known status).
    case email = "email on file"
    /// Keyed phone and face-to-face contacts from callers who used a digital channel in the period.
    case usedDigital = "used a digital channel"
    /// Keyed phone and face-to-face contacts, with a known email status, from callers with both.
    case both = "email on file and used a digital channel"
}

/// Included contacts under the caller-level proxies, over the keyed phone and face-to-face contacts of a reason
/// (the contacts a shift would move), clustered by caller.
public struct ProxyMoments: Sendable, Equatable {
    public var usedDigital = ClusterMoments()   // x: from callers with a digital contact in the period
    public var both = ClusterMoments()          // over known email status; x: email on file and used digital

    public init() {}

    public mutating func merge(_ o: ProxyMoments) { usedDigital.merge(o.usedDigital); both.merge(o.both) }
}

/// Contacts by area decile when an area index is joined to the data.
public struct AreaBreakdown: Sendable, Equatable {
    public struct Unmatched: Sendable, Equatable {
        public var code: String
        public var contacts: Int
    }
    /// Deciles counted as "most excluded" (1 = most excluded, as in the IMD's deprivation deciles).
    public static let mostExcludedDeciles = 1...2

    public var contactsByDecile = [Int](repeating: 0, count: 10)
    public var unmatched: [Unmatched] = []      // codes not in the index, most contacts first, then by code
    public var noArea = 0                       // contacts with no area code at all
    public var indexFile: String
    public var basis: AreaIndex.Basis

    public var unmatchedContacts: Int { unmatched.reduce(0) { $0 + $1.contacts } }
    public var matchedContacts: Int { contactsByDecile.reduce(0, +) }
}

/// What the analysis reads: one entry per wrap code, in (line, reason) byte order.
public struct ExclusionInput: Sendable, Equatable {
    public var reasons: [ExclusionCounts]
    public var area: AreaBreakdown?
    public var hasTaxonomy: Bool
    public var notInTaxonomy: [WrapCode]
    /// First and last contact times (row-level only), so every figure can say which period it covers.
    public var period: ClosedRange<Int64>?
    /// Row-level only: the no-email share's per-caller sums for each service line and for all reasons (a caller
    /// with contacts in two reasons is one cluster of the line and of the total, not two).
    public var lineClusters: [String: ClusterMoments]
    public var overallClusters: ClusterMoments?
    /// Row-level only: assisted-digital contacts (an adviser completed an online transaction for the caller).
    public var assisted: AssistedDigital?
    /// ... of which by phone (what the projection's phone baseline keeps out of the shift).
    public var assistedPhone: AssistedDigital?

    public init(reasons: [ExclusionCounts], area: AreaBreakdown? = nil, hasTaxonomy: Bool, notInTaxonomy: [WrapCode] = [],
                period: ClosedRange<Int64>? = nil, lineClusters: [String: ClusterMoments] = [:], overallClusters: ClusterMoments? = nil) {
        self.reasons = reasons.sorted { $0.code < $1.code }
        self.area = area
        self.period = period
        self.lineClusters = lineClusters
        self.overallClusters = overallClusters
        self.hasTaxonomy = hasTaxonomy
        self.notInTaxonomy = notInTaxonomy.sorted()
    }
}

/// Contacts where an adviser completed an online transaction for the caller, in full or in part: the support
/// people who cannot self-serve still need, counted apart from avoidable and shiftable demand.
public struct AssistedDigital: Sendable, Equatable {
    public var full = 0
    public var part = 0
    public var handleSeconds = 0
    public var contacts: Int { full + part }

    public init(full: Int = 0, part: Int = 0, handleSeconds: Int = 0) {
        self.full = full
        self.part = part
        self.handleSeconds = handleSeconds
    }
}

/// A share with its denominator and 95% Wilson interval (nil when the denominator is 0).
/// When the share's unit is the caller, `designEffect` widens the interval (Wilson on n ÷ d); nil when the
/// contacts cannot be linked to callers (a published table) or the design effect is undefined.
public struct Share: Sendable, Equatable {
    public var count: Int
    public var denominator: Int
    public var designEffect: Double?
    public var interval: WilsonInterval?

    public init(_ count: Int, of denominator: Int, designEffect: Double? = nil) {
        self.count = count
        self.denominator = denominator
        self.designEffect = designEffect
        self.interval = Wilson.interval(successes: count, trials: denominator, designEffect: designEffect ?? 1)
    }

    /// The share of `m`, with the design effect of its clusters when they describe the same contacts.
    public init(_ m: ClusterMoments) {
        self.init(m.successes, of: m.contacts, designEffect: m.designEffect)
    }

    /// The complement (1 − share) with the same design effect: e.g. email on file from no email.
    public var complement: Share { Share(denominator - count, of: denominator, designEffect: designEffect) }

    public var value: Double? { denominator > 0 ? Double(count) / Double(denominator) : nil }
}

public enum ExclusionFlag: String, Sendable, Equatable {
    case above = "above overall"
    case below = "below overall"
    case none = ""

    static func of(_ s: Share, against overall: Double?) -> ExclusionFlag {
        guard let overall, let w = s.interval else { return .none }
        return w.isAbove(overall) ? .above : w.isBelow(overall) ? .below : .none
    }
}

/// The most a channel shift can move for one reason: low / central / high contacts.
public struct Ceiling: Sendable, Equatable {
    public var low: Double
    public var central: Double
    public var high: Double

    public init(low: Double, central: Double, high: Double) {
        self.low = low
        self.central = central
        self.high = high
    }

    public static func + (a: Ceiling, b: Ceiling) -> Ceiling {
        Ceiling(low: a.low + b.low, central: a.central + b.central, high: a.high + b.high)
    }
}

public enum ShiftableCeiling {
    /// Base volume × digitally-included share, where the included share is 1 − the no-email share.
    /// Central uses the observed share; low uses the Wilson interval's upper no-email bound (most excluded),
    /// high its lower bound. With no known email status (known = 0) nothing is counted on: low and central
    /// are 0 and high is the whole base, so a projection cannot borrow certainty the data does not have.
    /// The projection calls this with the avoidable analysis's volumes in place of the taxonomy's base.
    public static func compute(baseVolume: Double, noEmail: Int, known: Int, designEffect: Double = 1) -> (low: Double, central: Double, high: Double) {
        let base = max(baseVolume, 0)
        guard let w = Wilson.interval(successes: noEmail, trials: known, designEffect: designEffect) else { return (0, 0, base) }
        return (base * (1 - w.high), base * (1 - w.estimate), base * (1 - w.low))
    }

    /// Base volume × an included share (`included` counts the contacts likely to manage online), with the share's
    /// interval for low and high; nothing counted on without a denominator, as above.
    public static func compute(baseVolume: Double, included s: Share) -> Ceiling {
        let base = max(baseVolume, 0)
        guard let w = s.interval else { return Ceiling(low: 0, central: 0, high: base) }
        return Ceiling(low: base * w.low, central: base * w.estimate, high: base * w.high)
    }
}

public struct ExclusionResult: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var line: String
        public var reason: String?              // nil for a service-line row
        public var contacts: Int
        public var noEmail: Share               // denominator: contacts with known email status
        public var flag: ExclusionFlag
        public var neverDigital: Share?
        public var mostExcluded: Share?
        public var baseVolume: Int?
        /// The ceiling used downstream: per reason, the lowest low and central of the proxies (the most
        /// conservative, for the cashable case) and the highest high (the broadest, the high case); summed over
        /// a group's reasons.
        public var ceiling: Ceiling?
        /// The ceiling under each proxy on its own (only email on file without row-level data).
        public var ceilings: [CeilingProxy: Ceiling] = [:]
        /// Row-level only: of the keyed phone and face-to-face contacts, the share from callers who used a digital
        /// channel in the period, and (of those with a known email status) from callers with both.
        public var usedDigital: Share?
        public var both: Share?
        /// With a taxonomy, for a reason row: whether it has an online route (self_serve full or partial).
        public var onlineRoute: Bool?

        public var unknown: Int { contacts - noEmail.denominator }
        public var label: String { reason.map { line + " / " + $0 } ?? line }
    }

    public var reasons: [Row]
    public var lines: [Row]
    public var overall: Row
    public var area: AreaBreakdown?
    public var hasTaxonomy: Bool
    public var notInTaxonomy: [WrapCode]
    public var period: ClosedRange<Int64>?
    public var assisted: AssistedDigital?
    public var assistedPhone: AssistedDigital? = nil

    /// Calendar days from the first to the last contact, inclusive (row-level data only).
    public var periodDays: Int? {
        period.map { Int(CivilTime.floorDiv($0.upperBound, 86_400) - CivilTime.floorDiv($0.lowerBound, 86_400)) + 1 }
    }

    /// Reasons a shift proposal would touch: those with an online route and phone or face-to-face contacts in the
    /// shiftable base. An equality note recommends safeguards for these, not for reasons no proposal moves (a
    /// failure-demand reason with no online route is fixed at source, not shifted).
    public func isShiftable(_ row: Row) -> Bool { (row.baseVolume ?? 0) > 0 && row.onlineRoute == true }

    /// Reasons whose no-email share is significantly above the overall rate, highest lower bound first.
    public var highRisk: [Row] {
        reasons.filter { $0.flag == .above }.sorted { a, b in
            let la = a.noEmail.interval?.low ?? 0, lb = b.noEmail.interval?.low ?? 0
            return la != lb ? la > lb : a.label < b.label
        }
    }

    /// The reason we can be most confident has a high no-email share: the highest Wilson lower bound
    /// (a small reason with a high observed share has a wide interval and does not win on noise).
    /// `include` lets a report leave out reasons whose figures it suppresses.
    public func highestRisk(where include: (Row) -> Bool = { _ in true }) -> Row? {
        reasons.filter { $0.noEmail.interval != nil && include($0) }.max { a, b in
            let la = a.noEmail.interval!.low, lb = b.noEmail.interval!.low
            return la != lb ? la < lb : a.label > b.label
        }
    }
}

public enum Exclusion {
    /// The analysis: pure, counts in, shares, flags and ceilings out.
    public static func analyse(_ input: ExclusionInput) -> ExclusionResult {
        let total = sum(input.reasons, line: "All reasons", reason: nil, clusters: input.overallClusters)
        let overallRate = total.noEmail.value
        func flagged(_ r: ExclusionResult.Row) -> ExclusionResult.Row {
            var r = r
            r.flag = ExclusionFlag.of(r.noEmail, against: overallRate)
            return r
        }
        let reasons = input.reasons.map { c -> ExclusionResult.Row in
            var row = flagged(sum([c], line: c.code.line, reason: c.code.reason, clusters: c.noEmailClusters))
            row.onlineRoute = c.onlineRoute
            return row
        }
        var lines: [ExclusionResult.Row] = []
        var start = 0
        while start < input.reasons.count {
            var end = start
            while end < input.reasons.count && input.reasons[end].code.line == input.reasons[start].code.line { end += 1 }
            let line = input.reasons[start].code.line
            lines.append(flagged(sum(Array(input.reasons[start..<end]), line: line, reason: nil, clusters: input.lineClusters[line])))
            start = end
        }
        var result = ExclusionResult(reasons: reasons, lines: lines, overall: total, area: input.area,
                                     hasTaxonomy: input.hasTaxonomy, notInTaxonomy: input.notInTaxonomy, period: input.period,
                                     assisted: input.assisted)
        result.assistedPhone = input.assistedPhone
        return result
    }

    /// One row over a group of reasons. A group's ceiling is the sum of its reasons' ceilings (each from its
    /// own share): the sum of bounds is wider than a joint interval, which errs on the side of caution.
    /// `clusters` are the no-email share's per-caller sums over the same contacts (row-level data).
    static func sum(_ group: [ExclusionCounts], line: String, reason: String?, clusters: ClusterMoments?) -> ExclusionResult.Row {
        let contacts = group.reduce(0) { $0 + $1.contacts }
        let x = group.reduce(0) { $0 + $1.noEmail }, n = group.reduce(0) { $0 + $1.known }
        let deff = clusters.flatMap { $0.contacts == n && $0.successes == x ? $0.designEffect : nil }
        let noEmail = Share(x, of: n, designEffect: deff)
        func optionalShare(_ num: KeyPath<ExclusionCounts, Int?>, _ den: KeyPath<ExclusionCounts, Int?>) -> Share? {
            guard !group.isEmpty, group.allSatisfy({ $0[keyPath: num] != nil && $0[keyPath: den] != nil }) else { return nil }
            return Share(group.reduce(0) { $0 + $1[keyPath: num]! }, of: group.reduce(0) { $0 + $1[keyPath: den]! })
        }
        var proxies: ProxyMoments?
        if !group.isEmpty, group.allSatisfy({ $0.proxies != nil }) {
            proxies = group.reduce(into: ProxyMoments()) { $0.merge($1.proxies!) }
        }
        var base: Int?, ceiling: Ceiling?, byProxy: [CeilingProxy: Ceiling] = [:]
        if !group.isEmpty, group.allSatisfy({ $0.baseVolume != nil }) {
            base = group.reduce(0) { $0 + $1.baseVolume! }
            var combined = Ceiling(low: 0, central: 0, high: 0)
            for c in group {
                let each = reasonCeilings(c)
                for (k, v) in each { byProxy[k] = (byProxy[k] ?? Ceiling(low: 0, central: 0, high: 0)) + v }
                let all = Array(each.values)
                combined = combined + Ceiling(low: all.map(\.low).min() ?? 0, central: all.map(\.central).min() ?? 0,
                                              high: all.map(\.high).max() ?? 0)
            }
            ceiling = combined
        }
        var row = ExclusionResult.Row(line: line, reason: reason, contacts: contacts, noEmail: noEmail, flag: .none,
                                      neverDigital: optionalShare(\.neverDigital, \.keyed),
                                      mostExcluded: optionalShare(\.mostExcluded, \.areaMatched),
                                      baseVolume: base, ceiling: ceiling)
        row.ceilings = byProxy
        row.usedDigital = proxies.map { Share($0.usedDigital) }
        row.both = proxies.map { Share($0.both) }
        return row
    }

    /// One reason's ceiling under each proxy it has data for: email on file always (with the clustered design
    /// effect when known), the caller-level proxies with row-level data.
    static func reasonCeilings(_ c: ExclusionCounts) -> [CeilingProxy: Ceiling] {
        guard let b = c.baseVolume else { return [:] }
        let base = Double(b)
        let deff = c.noEmailClusters.flatMap { $0.contacts == c.known && $0.successes == c.noEmail ? $0.designEffect : nil }
        let e = ShiftableCeiling.compute(baseVolume: base, noEmail: c.noEmail, known: c.known, designEffect: deff ?? 1)
        var out: [CeilingProxy: Ceiling] = [.email: Ceiling(low: e.low, central: e.central, high: e.high)]
        if let p = c.proxies {
            out[.usedDigital] = ShiftableCeiling.compute(baseVolume: base, included: Share(p.usedDigital))
            out[.both] = ShiftableCeiling.compute(baseVolume: base, included: Share(p.both))
        }
        return out
    }

    /// Whether a taxonomy entry puts the reason in the ceiling's base: self-serve (full or partial) or failure demand.
    public static func inBase(_ e: TaxonomyEntry) -> Bool { e.selfServe != .none || e.demandClass == .failure }

    static func base(_ code: WrapCode, assisted: Int, taxonomy: Taxonomy?, missing: inout [WrapCode]) -> Int? {
        guard let taxonomy else { return nil }
        guard let e = taxonomy.entry(code) else { missing.append(code); return 0 }
        return inBase(e) ? assisted : 0
    }

    /// Row-level input: per wrap code from the cube; never-digital callers from the sorted keyed contacts;
    /// area deciles from the cube's area × wrap sums joined to `areaIndex`.
    public static func input(cube: ContactCube, wraps: WrapDictionary, repeats: RepeatTracker?, taxonomy: Taxonomy?,
                             areaIndex: AreaIndex?) -> ExclusionInput {
        var never: [Int] = [], keyed: [Int] = []
        // Per-caller sums: no-email per reason, per line and overall; the caller-level proxies per reason.
        var reasonClusters: [ClusterMoments] = [], proxyMoments: [ProxyMoments] = []
        var lineClusters: [String: ClusterMoments] = [:]
        var overall: ClusterMoments?
        if var r = repeats {
            r.sort()
            let nw = wraps.count
            never = [Int](repeating: 0, count: nw)
            keyed = never
            reasonClusters = [ClusterMoments](repeating: ClusterMoments(), count: nw)
            proxyMoments = [ProxyMoments](repeating: ProxyMoments(), count: nw)
            var lineOf = [Int](repeating: 0, count: nw), lineNames: [String] = []
            var lineIndex: [String: Int] = [:]
            for id in 0..<nw {
                let l = wraps.code(Int32(id)).line
                if lineIndex[l] == nil { lineIndex[l] = lineNames.count; lineNames.append(l) }
                lineOf[id] = lineIndex[l]!
            }
            var lineMoments = [ClusterMoments](repeating: ClusterMoments(), count: lineNames.count)
            var total = ClusterMoments()
            // Scratch per caller, reset through the touched lists.
            var known = [Int](repeating: 0, count: nw), no = known, base = known, baseKnown = known, baseEmail = known
            var lineKnown = [Int](repeating: 0, count: lineNames.count), lineNo = lineKnown
            var touched: [Int] = [], touchedLines: [Int] = []
            var keyedKnown = [Int](repeating: 0, count: nw), keyedNo = keyedKnown
            let e = r.entries
            var i = 0
            while i < e.count {
                var j = i, digital = false
                while j < e.count && e[j].caller == e[i].caller {
                    if e[j].channel.isDigital { digital = true }
                    j += 1
                }
                var callerKnown = 0, callerNo = 0
                for k in i..<j where Int(e[k].wrap) < nw {
                    let w = Int(e[k].wrap), l = lineOf[w]
                    keyed[w] += 1
                    if !digital { never[w] += 1 }
                    if known[w] == 0 && no[w] == 0 && base[w] == 0 { touched.append(w) }
                    if lineKnown[l] == 0 { touchedLines.append(l) }
                    let status = e[k].hasEmail
                    if status != .unknown {
                        known[w] += 1; lineKnown[l] += 1; callerKnown += 1
                        if status == .no { no[w] += 1; lineNo[l] += 1; callerNo += 1 }
                    }
                    // The shiftable base: phone and face-to-face contacts, less assisted digital (kept, never moved).
                    if (e[k].channel == .phone || e[k].channel == .faceToFace) && !e[k].outcome.isAssisted {
                        base[w] += 1
                        if status != .unknown {
                            baseKnown[w] += 1
                            if status == .yes { baseEmail[w] += 1 }
                        }
                    }
                }
                for w in touched {
                    reasonClusters[w].addCluster(m: known[w], y: no[w])
                    keyedKnown[w] += known[w]; keyedNo[w] += no[w]
                    proxyMoments[w].usedDigital.addCluster(m: base[w], y: digital ? base[w] : 0)
                    proxyMoments[w].both.addCluster(m: baseKnown[w], y: digital ? baseEmail[w] : 0)
                    known[w] = 0; no[w] = 0; base[w] = 0; baseKnown[w] = 0; baseEmail[w] = 0
                }
                for l in touchedLines {
                    lineMoments[l].addCluster(m: lineKnown[l], y: lineNo[l])
                    lineKnown[l] = 0; lineNo[l] = 0
                }
                total.addCluster(m: callerKnown, y: callerNo)
                touched.removeAll(keepingCapacity: true); touchedLines.removeAll(keepingCapacity: true)
                i = j
            }
            // Contacts without a caller key cannot be linked: each is a cluster of one.
            for id in 0..<nw {
                let s = cube.stats(wrap: Int32(id))
                let uKnown = s.emailKnown - keyedKnown[id], uNo = s.emailNo - keyedNo[id]
                reasonClusters[id].addSingletons(n: uKnown, x: uNo)
                lineMoments[lineOf[id]].addSingletons(n: uKnown, x: uNo)
                total.addSingletons(n: uKnown, x: uNo)
            }
            for (k, name) in lineNames.enumerated() { lineClusters[name] = lineMoments[k] }
            overall = total
        }
        var area: AreaBreakdown?
        var matched: [Int] = [], most: [Int] = []
        if let areaIndex {
            var a = AreaBreakdown(indexFile: areaIndex.file, basis: areaIndex.basis)
            matched = [Int](repeating: 0, count: wraps.count)
            most = matched
            var unmatched: [String: Int] = [:]
            var withArea = 0
            for (key, s) in cube.byAreaWrap {
                let wrap = Int(key & 0xFFFF_FFFF), code = wraps.area(Int32(key >> 32))
                withArea += s.contacts
                if let d = areaIndex.decile(of: code) {
                    a.contactsByDecile[d - 1] += s.contacts
                    if wrap < matched.count {
                        matched[wrap] += s.contacts
                        if AreaBreakdown.mostExcludedDeciles.contains(d) { most[wrap] += s.contacts }
                    }
                } else {
                    unmatched[code, default: 0] += s.contacts
                }
            }
            a.unmatched = unmatched.map { AreaBreakdown.Unmatched(code: $0.key, contacts: $0.value) }
                .sorted { $0.contacts != $1.contacts ? $0.contacts > $1.contacts : Array($0.code.utf8).lexicographicallyPrecedes(Array($1.code.utf8)) }
            a.noArea = cube.total.contacts - withArea
            area = a
        }
        var missing: [WrapCode] = []
        var rows: [ExclusionCounts] = []
        for id in wraps.sortedIDs {
            let s = cube.stats(wrap: id)
            guard s.contacts > 0 else { continue }
            let code = wraps.code(id), w = Int(id)
            // Phone and face-to-face contacts other than assisted digital (an adviser completed the online
            // transaction for the caller): those are the support that stays, never in the shiftable base.
            let phone = cube.stats(wrap: id, channel: .phone), f2f = cube.stats(wrap: id, channel: .faceToFace)
            let assisted = phone.contacts - phone.assisted + f2f.contacts - f2f.assisted
            rows.append(ExclusionCounts(code: code, contacts: s.contacts, noEmail: s.emailNo, known: s.emailKnown,
                                        assisted: assisted,
                                        baseVolume: base(code, assisted: assisted, taxonomy: taxonomy, missing: &missing),
                                        neverDigital: never.isEmpty ? nil : never[w], keyed: keyed.isEmpty ? nil : keyed[w],
                                        areaMatched: matched.isEmpty ? nil : matched[w], mostExcluded: most.isEmpty ? nil : most[w],
                                        noEmailClusters: reasonClusters.isEmpty ? nil : reasonClusters[w],
                                        proxies: proxyMoments.isEmpty ? nil : proxyMoments[w],
                                        onlineRoute: taxonomy.map { ($0.entry(code)?.selfServe ?? .none) != .none }))
        }
        var input = ExclusionInput(reasons: rows, area: area, hasTaxonomy: taxonomy != nil, notInTaxonomy: missing,
                                   period: cube.firstStart <= cube.lastStart ? cube.firstStart...cube.lastStart : nil,
                                   lineClusters: lineClusters, overallClusters: overall)
        let t = cube.total
        input.assisted = AssistedDigital(full: t.assistedFull, part: t.assistedPart, handleSeconds: t.assistedHandleSum)
        let p = cube.stats(channel: .phone)
        input.assistedPhone = AssistedDigital(full: p.assistedFull, part: p.assistedPart, handleSeconds: p.assistedHandleSum)
        return input
    }

    /// Aggregate input: a published table's calls are all assisted contacts, and its email status is known
    /// for every call except those in the optional `unknown` column.
    public static func input(aggregate: [AggregateExclusionTable.Row], taxonomy: Taxonomy?) -> ExclusionInput {
        var missing: [WrapCode] = []
        let rows = aggregate.map { r in
            ExclusionCounts(code: r.code, contacts: r.calls, noEmail: r.noEmail, known: r.calls - r.unknown, assisted: r.calls,
                            baseVolume: base(r.code, assisted: r.calls, taxonomy: taxonomy, missing: &missing),
                            onlineRoute: taxonomy.map { ($0.entry(r.code)?.selfServe ?? .none) != .none })
        }
        return ExclusionInput(reasons: rows, hasTaxonomy: taxonomy != nil, notInTaxonomy: missing)
    }
}
