// The plausibility table: per assumption key, values that are impossible (an error at the assumption's
// position) and the range outside which a value is implausible (a warning on stderr and a note in the report).

/// One key's rules. Values are in base units (fractions, seconds, pounds).
public struct PlausibilityRule: Sendable {
    public var key: String                            // exact key, or a family "cost_per_contact.*"
    public var impossible: @Sendable (Double) -> Bool
    public var impossibleMessage: String              // completes "'key' = value is impossible: ..."
    public var hint: String
    public var plausible: ClosedRange<Double>?
    public var plausibleSource: String                // why that range

    public init(_ key: String, impossible: @escaping @Sendable (Double) -> Bool, _ impossibleMessage: String, hint: String,
                plausible: ClosedRange<Double>? = nil, source: String = "") {
        self.key = key
        self.impossible = impossible
        self.impossibleMessage = impossibleMessage
        self.hint = hint
        self.plausible = plausible
        self.plausibleSource = source
    }

    public func matches(_ k: String) -> Bool { key.hasSuffix(".*") ? k.hasPrefix(String(key.dropLast(1))) : k == key }
}

/// What the table found in a set of assumptions (or flags).
public struct PlausibilityFindings: Sendable, Equatable {
    public var errors: [Diagnostic] = []
    public var warnings: [Diagnostic] = []

    public init() {}

    public func throwIfImpossible() throws(ToolError) {
        guard !errors.isEmpty else { return }
        throw ToolError(.dataError, errors)
    }

    public var renderedWarnings: [String] { Plausibility.rendered(warnings) }
    public var reportNotes: [String] { Plausibility.notes(warnings) }
}

public enum Plausibility {
    static let hoursInYear = 8_784.0 * 3600   // a leap year, in seconds

    public static let rules: [PlausibilityRule] = [
        PlausibilityRule("shrinkage", impossible: { $0 < 0 || $0 > 0.95 }, "shrinkage is a share of paid time from 0% to 95%; 100% or more leaves no time to answer calls",
                         hint: "typical contact-centre shrinkage is 30–35%", plausible: 0.15...0.5, source: "contact centres report 15–50%, typically 30–35%"),
        PlausibilityRule("occupancy", impossible: { $0 < 0.05 || $0 > 1 }, "occupancy must be from 5% to 100%: at 0% nobody handles a call",
                         hint: "sustainable occupancy is 85–90%", plausible: 0.5...0.92, source: "sustainable occupancy is at most 85–90%"),
        PlausibilityRule("paid_hours", impossible: { $0 <= 0 || $0 > hoursInYear }, "paid hours must be above zero and no more than the hours in a year",
                         hint: "37 hours × 52 weeks = 1,924 h per FTE per year", plausible: 1_500 * 3600...2_100 * 3600, source: "a full-time post is 35–40 hours a week"),
        PlausibilityRule("productive_hours", impossible: { $0 <= 0 || $0 > hoursInYear }, "productive hours must be above zero and no more than the hours in a year",
                         hint: "paid hours × (1 − shrinkage) × occupancy, about 1,000–1,200 h", plausible: 700 * 3600...1_700 * 3600, source: "1,924 h × (1 − 15–50%) × 60–92%"),
        PlausibilityRule("service_level", impossible: { $0 < 0.01 || $0 > 0.9999 }, "a service level is a share of calls from 1% to below 100%: when calls arrive at random no staffing answers every one in time, least of all within 0 s",
                         hint: "e.g. 90% answered within 3 minutes", plausible: 0.5...0.99, source: "targets in use run from 50% to 99%"),
        PlausibilityRule("patience", impossible: { $0 <= 0 }, "callers' mean patience must be above zero",
                         hint: "e.g. patience = 120 s, or leave it out to calibrate it from the data", plausible: 10...7_200, source: "seconds to a couple of hours"),
        PlausibilityRule("service_level_seconds", impossible: { $0 < 0 }, "the answer time of a service level cannot be negative",
                         hint: "e.g. 3 min", plausible: 5...900, source: "targets in use run from 20 s to a few minutes"),
        PlausibilityRule("discount_rate", impossible: { $0 <= -1 }, "a discount rate of −100% or less makes every discount factor infinite or negative",
                         hint: "the Green Book rate is 3.5% real", plausible: 0...0.1, source: "the Green Book uses 3.5% real (1.5% for health); 0–10% covers any rate in use"),
        PlausibilityRule("optimism_bias.*", impossible: { $0 < 0 }, "optimism bias is an uplift on costs or a cut in benefits, never negative",
                         hint: "0% removes the adjustment; the published upper bounds are 200% capital, 41% running", plausible: 0...2.0, source: "Mott MacDonald (2002) upper bounds: 200% capital, 54% duration, 41% operating"),
        PlausibilityRule("optimism_bias.benefits", impossible: { $0 < 0 || $0 > 1 }, "a cut in benefits is between 0% and 100%",
                         hint: "e.g. 15%", plausible: 0...0.5, source: "no published bound; more than half says the benefits are not understood"),
        PlausibilityRule("salary", impossible: { $0 <= 0 }, "a salary must be above zero",
                         hint: "use the grade's midpoint, e.g. £24,000 per FTE per year", plausible: 12_000...80_000, source: "contact-centre and back-office grades"),
        PlausibilityRule("pension.rate", impossible: { $0 < 0 || $0 >= 1 }, "an employer pension rate is from 0% to below 100% of salary",
                         hint: "LGPS employer rates are often 15–25%", plausible: 0.05...0.35, source: "LGPS fund employer rates"),
        PlausibilityRule("ni.rate", impossible: { $0 < 0 || $0 >= 1 }, "an employer NI rate is from 0% to below 100%",
                         hint: "13.8% (2021/22 and 6 Nov 2022 – 5 Apr 2025), 15.05% (Apr–Nov 2022), 15% (from 6 Apr 2025)", plausible: 0.1...0.2, source: "employer NI has been 13.8–15.05% since 2011"),
        PlausibilityRule("ni.threshold", impossible: { $0 < 0 }, "the NI secondary threshold cannot be negative",
                         hint: "£9,100 (2022/23 to 2024/25), £5,000 from 6 April 2025", plausible: 4_000...12_000, source: "secondary thresholds since 2011"),
        PlausibilityRule("vacancy_rate", impossible: { $0 < 0 || $0 > 1 }, "a vacancy rate is a share of posts from 0% to 100%",
                         hint: "from the HR establishment report", plausible: 0...0.25, source: "a quarter of posts vacant would be a service in crisis"),
        PlausibilityRule("turnover_rate", impossible: { $0 < 0 || $0 > 1 }, "a turnover rate is a share of posts from 0% to 100% a year",
                         hint: "from HR leaver data", plausible: 0...0.4, source: "contact-centre turnover is high but rarely above 40% a year"),
        PlausibilityRule("demand_reduction", impossible: { $0 < 0 || $0 > 1 }, "a demand reduction is a share of phone contacts from 0% to 100%",
                         hint: "e.g. 10% (5%–20%)"),
        PlausibilityRule("shift.*", impossible: { $0 < 0 || $0 > 1 }, "a shift is a share of phone contacts from 0% to 100%",
                         hint: "e.g. 40% (25%–60%)", plausible: 0...0.8, source: "even the best digital services keep a telephone route"),
        PlausibilityRule("cost_per_contact.*", impossible: { $0 < 0 }, "a cost per contact cannot be negative",
                         hint: "full cost ÷ volume (GDS guidance)", plausible: 0...20, source: "Socitm 2012: £0.15 web to £8.62 face to face"),
        PlausibilityRule("digital_handling_time", impossible: { $0 < 0 }, "a handling time cannot be negative",
                         hint: "e.g. 2 min per contact", plausible: 0...1_800, source: "back-office processing of one online request"),
        PlausibilityRule("after_call_work", impossible: { $0 < 0 }, "after-call work cannot be negative",
                         hint: "0 s when the export's handle time includes wrap", plausible: 0...900, source: "wrap-up of one call"),
        PlausibilityRule("establishment_fte", impossible: { $0 <= 0 }, "an establishment must have posts",
                         hint: "posts in post plus vacancies, from the HR establishment report", plausible: 1...2_000, source: "a council contact centre"),
        PlausibilityRule("running_cost", impossible: { $0 < 0 }, "a running cost cannot be negative (a saving belongs in the savings)",
                         hint: "e.g. £8,000 per year"),
        PlausibilityRule("investment.*", impossible: { $0 < 0 }, "an investment cost cannot be negative",
                         hint: "e.g. investment.capital.year0 = £60,000"),
        PlausibilityRule("exit_cost_per_fte", impossible: { $0 < 0 }, "an exit cost cannot be negative",
                         hint: "£0 when posts go through vacancies and turnover", plausible: 0...100_000, source: "statutory redundancy plus pension strain"),
        PlausibilityRule("pay_award", impossible: { $0 <= -1 }, "a pay award of −100% or less is not a pay award",
                         hint: "e.g. 3% a year", plausible: -0.05...0.1, source: "national pay awards"),
        PlausibilityRule("inflation", impossible: { $0 <= -1 }, "inflation of −100% or less is impossible",
                         hint: "e.g. 2% a year (the Bank of England target)", plausible: -0.02...0.1, source: "GDP deflator"),
        PlausibilityRule("target_answered", impossible: { $0 < 0 || $0 > 1 }, "a share of offered calls answered is from 0% to 100%",
                         hint: "e.g. target_answered = 90%", plausible: 0.5...0.99, source: "council answered-call targets run from 50% to 99%"),
        PlausibilityRule("target_abandoned", impossible: { $0 < 0 || $0 > 1 }, "a share of offered calls abandoned is from 0% to 100%",
                         hint: "e.g. target_abandoned = 10%", plausible: 0.01...0.3, source: "a queue always loses a few callers; targets run from 1% to 30%"),
        PlausibilityRule("target_wait", impossible: { $0 < 0 }, "an average wait cannot be negative",
                         hint: "e.g. target_wait = 3 min", plausible: 5...1_800, source: "average-wait targets run from seconds to half an hour"),
        PlausibilityRule("forecast.growth", impossible: { $0 <= -1 }, "contacts cannot fall by 100% or more in a year",
                         hint: "e.g. 2% a year, from the council's own contact history", plausible: -0.1...0.2, source: "contact volumes rarely move more than 10% down or 20% up a year"),
        PlausibilityRule("appraisal_years", impossible: { $0 < 1 }, "an appraisal needs at least one year after the investment year",
                         hint: "e.g. 5 years", plausible: 1...30, source: "the Green Book's 3.5% applies to the first 30 years"),
    ]

    /// Warnings as stderr lines: `file:line:column: warning: message`.
    public static func rendered(_ warnings: [Diagnostic]) -> [String] {
        warnings.map { d in (d.location.map { $0.description + ": " } ?? "") + "warning: " + d.message + (d.hint.map { "\n  hint: " + $0 } ?? "") }
    }

    /// Warnings as sentences for a report's notes.
    public static func notes(_ warnings: [Diagnostic]) -> [String] {
        warnings.map { d in "Check: " + d.message + (d.location.map { " (\($0.description))" } ?? "") + "." }
    }

    /// A value given on the command line: impossible is a usage error, implausible a warning line for stderr.
    public static func checkFlag(_ flag: String, key: String, value: Double, display: (Double) -> String) throws(ToolError) -> [String] {
        try checkedFlag(flag, key: key, value: value, display: display).map { "warning: --\(flag): " + $0.message }
    }

    /// The same check, keeping the warnings as diagnostics (for a report's notes as well as stderr).
    public static func checkedFlag(_ flag: String, key: String, value: Double, display: (Double) -> String) throws(ToolError) -> [Diagnostic] {
        var f = PlausibilityFindings()
        check(key: key, values: [value], location: nil, display: display, into: &f)
        if let e = f.errors.first { throw .usage("--\(flag): " + e.message, hint: e.hint) }
        return f.warnings
    }

    /// Warnings about the given keys only (a command notes the assumptions it uses, not every line of a notebook).
    public static func warnings(_ set: AssumptionSet, keys: [String]) -> [Diagnostic] {
        set.warnings.filter { d in keys.contains { k in d.message.hasPrefix("'\(k)' = ") } }
    }

    /// The most specific rule for a key: an exact key wins over a family.
    public static func rule(for key: String) -> PlausibilityRule? {
        rules.first { $0.key == key } ?? rules.first { $0.key.hasSuffix(".*") && $0.matches(key) }
    }

    /// Checks one value (and its range ends) against its key's rule. `display` writes a value for a message.
    public static func check(key: String, values: [Double], location: SourceLocation?, display: (Double) -> String,
                             into findings: inout PlausibilityFindings) {
        guard let r = rule(for: key) else { return }
        if let bad = values.first(where: { !$0.isFinite || r.impossible($0) }) {
            findings.errors.append(Diagnostic("'\(key)' = \(display(bad)) is impossible: \(r.impossibleMessage)", at: location, hint: r.hint))
            return
        }
        if let range = r.plausible, let odd = values.first(where: { !range.contains($0) }) {
            findings.warnings.append(Diagnostic("'\(key)' = \(display(odd)) is outside the usual \(display(range.lowerBound))–\(display(range.upperBound)) (\(r.plausibleSource))",
                                                at: location, hint: "check the value and its source; it is used as given"))
        }
    }

    /// Every assumption in a set.
    public static func check(_ set: AssumptionSet) -> PlausibilityFindings {
        var f = PlausibilityFindings()
        for a in set.items {
            check(key: a.key, values: [a.central, a.low, a.high], location: a.location, display: { Self.display($0, a.unit) }, into: &f)
        }
        // A 100% service level (within 0 s or any time) is refused by the service_level rule itself.
        return f
    }

    static func display(_ v: Double, _ unit: AssumptionUnit) -> String {
        switch unit.base {
        case .pounds: return Format.money(v, decimals: v.rounded() == v ? 0 : 2)
        case .fraction: return Format.percent(v, decimals: abs((v * 100).rounded() - v * 100) < 1e-9 ? 0 : 1)
        case .seconds: return v >= 3600 ? Format.number(v / 3600, decimals: 0) + " h" : Format.number(v, decimals: 0) + " s"
        default: return Format.number(v, decimals: v.rounded() == v ? 0 : 2)
        }
    }
}
