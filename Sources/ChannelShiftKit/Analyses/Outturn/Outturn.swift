// `outturn`: benefits realisation. After go-live, compare actual contacts with the counterfactual forecast fitted
// on the data before go-live, per reason and channel and per claimed benefit, year by year.
//
// Why forecast-versus-actual rather than segmented regression: the counterfactual is fitted only on data the
// change cannot have touched, so a gradual take-up (not a step) cannot leak into the baseline, and it is the
// same model, backtested, that `forecast` reports; segmented regression would need the shape of the effect
// (step, ramp) chosen in advance. The interval of the realised change combines the forecast's own uncertainty
// (delta method) with the overdispersed Poisson noise of the actual contacts, on the log of actual ÷ forecast.
import Foundation

/// One expected change from the business case: contacts of a line (one reason, or `*` for all) on a channel.
public struct BenefitClaim: Sendable, Equatable {
    public var benefit: String
    public var line: String
    public var reason: String            // "*" = every reason of the line
    public var channel: Channel
    public var expectedChange: Double    // signed fraction: -0.2 = 20% fewer contacts
    public var year: Int?                // nil: the same expectation every year
    public var location: SourceLocation

    public static let columns = ["benefit", "line", "reason", "channel", "expected_change"]

    /// CSV `benefit,line,reason,channel,expected_change[,year]`; changes as -20% or -0.2.
    public static func parse(_ t: CSVTable) throws(ToolError) -> [BenefitClaim] {
        let cols = try t.requireColumns(columns)
        let yearCol = t.column("year")
        var out: [BenefitClaim] = []
        var problems = DiagnosticCollector()
        for row in t.rows {
            do { try t.checkWidth(row) } catch { for d in error.diagnostics { problems.add(d) }; continue }
            func field(_ i: Int) -> String { row.fields[i].trimmingCharacters(in: .whitespaces) }
            func at(_ i: Int) -> SourceLocation { SourceLocation(file: t.file, line: row.line, column: row.columns[i]) }
            guard let channel = Channel(name: field(cols[3])) else {
                problems.add(Diagnostic("unknown channel '\(field(cols[3]))'", at: at(cols[3]), hint: "channels: " + Channel.allCases.map(\.name).joined(separator: ", ")))
                continue
            }
            var raw = field(cols[4])
            let percent = raw.hasSuffix("%")
            if percent { raw.removeLast() }
            guard let v = Double(raw), v.isFinite, (percent ? v / 100 : v) >= -1 else {
                problems.add(Diagnostic("expected_change '\(field(cols[4]))' is not a change", at: at(cols[4]), hint: "write a signed percentage, e.g. -20% for 20% fewer contacts"))
                continue
            }
            var year: Int?
            if let yc = yearCol, !field(yc).isEmpty {
                guard let y = Int(field(yc)), (1...30).contains(y) else {
                    problems.add(Diagnostic("year '\(field(yc))' is not a year after go-live", at: at(yc), hint: "1 is the first year after go-live; leave empty for every year"))
                    continue
                }
                year = y
            }
            guard !field(cols[0]).isEmpty, !field(cols[1]).isEmpty, !field(cols[2]).isEmpty else {
                problems.add(Diagnostic("benefit, line and reason must not be empty", at: at(cols[0]), hint: "use * as the reason for every reason of the line"))
                continue
            }
            out.append(BenefitClaim(benefit: field(cols[0]), line: field(cols[1]), reason: field(cols[2]), channel: channel,
                                    expectedChange: percent ? v / 100 : v, year: year, location: at(cols[0])))
        }
        try problems.throwIfAny()
        if out.isEmpty { throw .data("\(t.file) lists no benefits", at: SourceLocation(file: t.file), hint: "one row per expected change: " + columns.joined(separator: ",")) }
        return out
    }
}

/// Actual against counterfactual over one year after go-live.
public struct RealisedChange: Sendable, Equatable {
    public var year: Int
    public var firstDay: Int
    public var lastDay: Int
    public var actual: Double
    public var counterfactual: PeriodForecast
    public var change: Double            // actual ÷ counterfactual − 1
    public var low: Double               // interval of the change at the result's level
    public var high: Double

    public var days: Int { lastDay - firstDay + 1 }
    public var isFullYear: Bool { days >= 365 }
}

public enum BenefitVerdict: String, Sendable {
    case onTrack = "on track"
    case behind = "behind"
    case notEvidenced = "not evidenced"
}

public struct BenefitYear: Sendable, Equatable {
    public var claim: BenefitClaim
    public var realised: RealisedChange
    public var verdict: BenefitVerdict
    public var handleSeconds: Double?
    /// Contacts fewer than the counterfactual (positive = fewer): projected by the claim, realised (with range).
    public var projectedReduction: Double { -claim.expectedChange * realised.counterfactual.mean }
    public var realisedReduction: Double { realised.counterfactual.mean - realised.actual }
    public var realisedReductionRange: (low: Double, high: Double) {
        (-realised.high * realised.counterfactual.mean, -realised.low * realised.counterfactual.mean)
    }
}

public struct OutturnCell: Sendable, Equatable {
    public var line: String
    public var reason: String
    public var channel: Channel
    public var preContacts: Int
    public var years: [RealisedChange]
}

public struct OutturnOptions: Sendable, Equatable {
    public var settings: ForecastSettings
    public var goLive: Int               // day number
    public var level = 0.95
    /// Reason × channel cells with fewer contacts than this before go-live are not tested one by one.
    public var minimumCellContacts = 1_000

    public init(settings: ForecastSettings, goLive: Int) {
        self.settings = settings
        self.goLive = goLive
    }
}

public struct OutturnResult: Sendable, Equatable {
    public var options: OutturnOptions
    public var firstDay: Int
    public var lastDay: Int
    public var benefits: [BenefitYear]
    public var cells: [OutturnCell]
    public var unmatched: [BenefitClaim]          // claims naming no contacts in the data
}

public enum Outturn {
    /// Year k after go-live runs from the k-th anniversary to the day before the next (cut at the data's end).
    static func years(goLive: Int, lastDay: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        let g = CivilTime.civil(days: goLive)
        var k = 0
        while true {
            let a = CivilDate(year: g.year + k, month: g.month, day: min(g.day, 28)).dayNumber + max(0, g.day - 28)
            let b = CivilDate(year: g.year + k + 1, month: g.month, day: min(g.day, 28)).dayNumber + max(0, g.day - 28) - 1
            guard a <= lastDay else { break }
            // A stub of under four weeks says nothing about a year.
            if min(b, lastDay) - a + 1 >= 28 { out.append((a, min(b, lastDay))) }
            k += 1
        }
        return out
    }

    /// The realised change of one daily series (`y` from `firstDay`), year by year after `goLive`.
    public static func realised(_ y: [Double], firstDay: Int, options: OutturnOptions) throws(ToolError) -> [RealisedChange] {
        let lastDay = firstDay + y.count - 1
        guard options.goLive > firstDay, options.goLive <= lastDay else {
            throw .usage("--go-live \(CivilTime.formatDate(days: options.goLive)) is outside the data (\(CivilTime.formatDate(days: firstDay)) to \(CivilTime.formatDate(days: lastDay)))",
                         hint: "outturn needs data before and after go-live")
        }
        let model = try DayRegression.fit(Array(y[0..<(options.goLive - firstDay)]), firstDay: firstDay, settings: options.settings)
        let z = normalQuantile(0.5 + options.level / 2)
        var out: [RealisedChange] = []
        for (k, (a, b)) in years(goLive: options.goLive, lastDay: lastDay).enumerated() {
            let actual = y[(a - firstDay)...(b - firstDay)].reduce(0, +)
            let f = DayRegression.predict(model, from: a, through: b)
            guard f.mean > 0 else { continue }
            // log(actual ÷ forecast): variance φ/actual (the actual's own noise) + parameter variance ÷ forecast².
            let ratio = max(actual, 0.5) / f.mean
            let sd = (model.phi / max(actual, 1) + f.parameterVariance / (f.mean * f.mean)).squareRoot()
            out.append(RealisedChange(year: k + 1, firstDay: a, lastDay: b, actual: actual, counterfactual: f, change: ratio - 1,
                                      low: ratio * exp(-z * sd) - 1, high: ratio * exp(z * sd) - 1))
        }
        return out
    }

    /// On track: the interval reaches the expected change (or beyond); behind: it excludes no change but falls
    /// short of the expectation, or moved the wrong way; not evidenced: the interval includes no change.
    public static func verdict(expected e: Double, _ r: RealisedChange) -> BenefitVerdict {
        if e < 0 {
            if r.high < 0 { return r.low <= e ? .onTrack : .behind }
            return r.low > 0 ? .behind : .notEvidenced
        }
        if r.low > 0 { return r.high >= e ? .onTrack : .behind }
        return r.high < 0 ? .behind : .notEvidenced
    }

    /// Growth is a property of the area (households), not of one reason: unless it is assumed, it is estimated
    /// once on all contacts before go-live and fixed in every series, its uncertainty carried into the intervals.
    /// (Fitted per reason, two years of a strongly seasonal series pin the trend down poorly.)
    public static func pooledOptions(_ daily: DailyCounts, options: OutturnOptions) throws(ToolError) -> OutturnOptions {
        guard options.settings.growthPerYear == nil, let first = daily.firstDay, options.goLive > first else { return options }
        let total = daily.series(from: first, through: options.goLive - 1) { _, _ in true }
        let model = try DayRegression.fit(total, firstDay: first, settings: options.settings)
        var o = options
        o.settings.pooledTrend = PooledTrend.from(model, source: "all contacts before go-live")
        return o
    }

    public static func analyse(_ daily: DailyCounts, wraps: WrapDictionary, claims: [BenefitClaim], options given: OutturnOptions) throws(ToolError) -> OutturnResult {
        guard let first = daily.firstDay, let last = daily.lastDayNumber else {
            throw .data("the contact data has no contacts", hint: "check the file and the column mapping")
        }
        let options = try pooledOptions(daily, options: given)
        var result = OutturnResult(options: options, firstDay: first, lastDay: last, benefits: [], cells: [], unmatched: [])
        let ids = wraps.sortedIDs
        for claim in claims {
            let wrapSet = Set(ids.filter { id in
                let c = wraps.code(id)
                return Scenario.slug(c.line) == Scenario.slug(claim.line) && (claim.reason == "*" || Scenario.slug(c.reason) == Scenario.slug(claim.reason))
            }.map(Int.init))
            let channel = Int(claim.channel.rawValue)
            let y = daily.series(from: first, through: last) { w, c in c == channel && wrapSet.contains(w) }
            guard !wrapSet.isEmpty, y.reduce(0, +) > 0 else { result.unmatched.append(claim); continue }
            var hs = 0.0, hc = 0.0
            for w in wrapSet {
                let cell = w * Channel.count + channel
                if cell < daily.handleCount.count { hs += Double(daily.handleSum[cell]); hc += Double(daily.handleCount[cell]) }
            }
            for r in try realised(y, firstDay: first, options: options) where claim.year == nil || claim.year == r.year {
                result.benefits.append(BenefitYear(claim: claim, realised: r, verdict: verdict(expected: claim.expectedChange, r),
                                                   handleSeconds: hc > 0 ? hs / hc : nil))
            }
        }
        // Every reason × channel of the lines the claims name, with enough contacts before go-live.
        let lines = Set(claims.map { Scenario.slug($0.line) })
        let totals = daily.totals()
        for id in ids where lines.contains(Scenario.slug(wraps.code(id).line)) {
            let code = wraps.code(id)
            for ch in Channel.allCases {
                let cell = Int(id) * Channel.count + Int(ch.rawValue)
                guard cell < totals.count, totals[cell] > 0 else { continue }
                let y = daily.series(from: first, through: last) { w, c in w == Int(id) && c == Int(ch.rawValue) }
                let pre = Int(y[0..<max(0, min(y.count, options.goLive - first))].reduce(0, +))
                guard pre >= options.minimumCellContacts else { continue }
                result.cells.append(OutturnCell(line: code.line, reason: code.reason, channel: ch, preContacts: pre,
                                                years: try realised(y, firstDay: first, options: options)))
            }
        }
        return result
    }
}
