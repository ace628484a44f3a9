// Digital-exclusion proxies per reason: no-email shares with Wilson intervals, flags against the overall
// rate, never-digital callers, area deciles, and the shiftable ceiling a channel-shift plan must not exceed.

/// Counts for one wrap code, from row-level data or from a published aggregate table.
public struct ExclusionCounts: Sendable, Equatable {
    public var code: WrapCode
    public var contacts: Int          // every contact of the reason (calls, in an aggregate table)
    public var noEmail: Int
    public var known: Int             // contacts whose email status is known: the share's denominator
    /// Contacts a shift could move: phone and face to face (all calls in an aggregate table).
    public var assisted: Int
    /// Base volume of the shiftable ceiling: `assisted` when the taxonomy marks the reason self-serve
    /// (full or partial) or failure demand, 0 when it does not, nil without a taxonomy.
    public var baseVolume: Int?
    public var neverDigital: Int?     // row-level only: contacts from callers with no digital contact in the period
    public var keyed: Int?            // row-level only: contacts with a caller key (never-digital's denominator)
    public var areaMatched: Int?      // with an area index: contacts whose area code is in it
    public var mostExcluded: Int?     // ... of which from the most excluded deciles

    public init(code: WrapCode, contacts: Int, noEmail: Int, known: Int, assisted: Int, baseVolume: Int? = nil,
                neverDigital: Int? = nil, keyed: Int? = nil, areaMatched: Int? = nil, mostExcluded: Int? = nil) {
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
    }
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

    public init(reasons: [ExclusionCounts], area: AreaBreakdown? = nil, hasTaxonomy: Bool, notInTaxonomy: [WrapCode] = [],
                period: ClosedRange<Int64>? = nil) {
        self.reasons = reasons.sorted { $0.code < $1.code }
        self.area = area
        self.period = period
        self.hasTaxonomy = hasTaxonomy
        self.notInTaxonomy = notInTaxonomy.sorted()
    }
}

/// A share with its denominator and 95% Wilson interval (nil when the denominator is 0).
public struct Share: Sendable, Equatable {
    public var count: Int
    public var denominator: Int
    public var interval: WilsonInterval?

    public init(_ count: Int, of denominator: Int) {
        self.count = count
        self.denominator = denominator
        self.interval = Wilson.interval(successes: count, trials: denominator)
    }

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
    public static func compute(baseVolume: Double, noEmail: Int, known: Int) -> (low: Double, central: Double, high: Double) {
        let base = max(baseVolume, 0)
        guard let w = Wilson.interval(successes: noEmail, trials: known) else { return (0, 0, base) }
        return (base * (1 - w.high), base * (1 - w.estimate), base * (1 - w.low))
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
        public var ceiling: Ceiling?

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
        let total = sum(input.reasons, line: "All reasons", reason: nil)
        let overallRate = total.noEmail.value
        func flagged(_ r: ExclusionResult.Row) -> ExclusionResult.Row {
            var r = r
            r.flag = ExclusionFlag.of(r.noEmail, against: overallRate)
            return r
        }
        let reasons = input.reasons.map { flagged(sum([$0], line: $0.code.line, reason: $0.code.reason)) }
        var lines: [ExclusionResult.Row] = []
        var start = 0
        while start < input.reasons.count {
            var end = start
            while end < input.reasons.count && input.reasons[end].code.line == input.reasons[start].code.line { end += 1 }
            lines.append(flagged(sum(Array(input.reasons[start..<end]), line: input.reasons[start].code.line, reason: nil)))
            start = end
        }
        return ExclusionResult(reasons: reasons, lines: lines, overall: total, area: input.area,
                               hasTaxonomy: input.hasTaxonomy, notInTaxonomy: input.notInTaxonomy, period: input.period)
    }

    /// One row over a group of reasons. A group's ceiling is the sum of its reasons' ceilings (each from its
    /// own share): the sum of bounds is wider than a joint interval, which errs on the side of caution.
    static func sum(_ group: [ExclusionCounts], line: String, reason: String?) -> ExclusionResult.Row {
        let contacts = group.reduce(0) { $0 + $1.contacts }
        let noEmail = Share(group.reduce(0) { $0 + $1.noEmail }, of: group.reduce(0) { $0 + $1.known })
        func optionalShare(_ num: KeyPath<ExclusionCounts, Int?>, _ den: KeyPath<ExclusionCounts, Int?>) -> Share? {
            guard !group.isEmpty, group.allSatisfy({ $0[keyPath: num] != nil && $0[keyPath: den] != nil }) else { return nil }
            return Share(group.reduce(0) { $0 + $1[keyPath: num]! }, of: group.reduce(0) { $0 + $1[keyPath: den]! })
        }
        var base: Int?, ceiling: Ceiling?
        if !group.isEmpty, group.allSatisfy({ $0.baseVolume != nil }) {
            base = group.reduce(0) { $0 + $1.baseVolume! }
            ceiling = group.reduce(Ceiling(low: 0, central: 0, high: 0)) { acc, c in
                let v = ShiftableCeiling.compute(baseVolume: Double(c.baseVolume!), noEmail: c.noEmail, known: c.known)
                return acc + Ceiling(low: v.low, central: v.central, high: v.high)
            }
        }
        return ExclusionResult.Row(line: line, reason: reason, contacts: contacts, noEmail: noEmail, flag: .none,
                                   neverDigital: optionalShare(\.neverDigital, \.keyed),
                                   mostExcluded: optionalShare(\.mostExcluded, \.areaMatched),
                                   baseVolume: base, ceiling: ceiling)
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
        if var r = repeats {
            r.sort()
            never = [Int](repeating: 0, count: wraps.count)
            keyed = never
            let e = r.entries
            var i = 0
            while i < e.count {
                var j = i, digital = false
                while j < e.count && e[j].caller == e[i].caller {
                    if e[j].channel.isDigital { digital = true }
                    j += 1
                }
                for k in i..<j where Int(e[k].wrap) < keyed.count {
                    keyed[Int(e[k].wrap)] += 1
                    if !digital { never[Int(e[k].wrap)] += 1 }
                }
                i = j
            }
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
            let assisted = cube.stats(wrap: id, channel: .phone).contacts + cube.stats(wrap: id, channel: .faceToFace).contacts
            rows.append(ExclusionCounts(code: code, contacts: s.contacts, noEmail: s.emailNo, known: s.emailKnown,
                                        assisted: assisted,
                                        baseVolume: base(code, assisted: assisted, taxonomy: taxonomy, missing: &missing),
                                        neverDigital: never.isEmpty ? nil : never[w], keyed: keyed.isEmpty ? nil : keyed[w],
                                        areaMatched: matched.isEmpty ? nil : matched[w], mostExcluded: most.isEmpty ? nil : most[w]))
        }
        return ExclusionInput(reasons: rows, area: area, hasTaxonomy: taxonomy != nil, notInTaxonomy: missing,
                              period: cube.firstStart <= cube.lastStart ? cube.firstStart...cube.lastStart : nil)
    }

    /// Aggregate input: a published table's calls are all assisted contacts, and its email status is known
    /// for every call except those in the optional `unknown` column.
    public static func input(aggregate: [AggregateExclusionTable.Row], taxonomy: Taxonomy?) -> ExclusionInput {
        var missing: [WrapCode] = []
        let rows = aggregate.map { r in
            ExclusionCounts(code: r.code, contacts: r.calls, noEmail: r.noEmail, known: r.calls - r.unknown, assisted: r.calls,
                            baseVolume: base(r.code, assisted: r.calls, taxonomy: taxonomy, missing: &missing))
        }
        return ExclusionInput(reasons: rows, hasTaxonomy: taxonomy != nil, notInTaxonomy: missing)
    }
}
