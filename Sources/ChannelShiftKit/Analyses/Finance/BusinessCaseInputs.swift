// The assumptions a Section 151 review adds to a scenario (establishment, policy, leakage, dated on-costs,
// financial years, options) and how they are read into ProjectionInputs.

extension Scenario {
    public static let businessCaseKeys: [AssumptionKey] = [
        AssumptionKey("released_capacity_policy", AssumptionUnit(.number), default: 0, source: "capacity before cash (DOMAIN primer)",
                      "what released capacity is used for first: service_first (default: it closes the gap to the service target first, only the rest is cashable) or cash_first",
                      choices: ReleasedCapacityPolicy.allCases.map(\.rawValue)),
        AssumptionKey("demand_reduction.*", AssumptionUnit(.fraction), source: "",
                      "failure demand removed at source for one line or reason: demand_reduction.<line>[.<reason>]"),
        AssumptionKey("leakage_rate", AssumptionUnit(.fraction), source: "",
                      "share of contacts moved online that come back by phone (default: measured per reason from the data)"),
        AssumptionKey("digital_handling_time", AssumptionUnit(.seconds, per: ["contact"]), default: 60,
                      source: "illustrative: one minute of back-office checking per online request; measure it",
                      "back-office staff time a contact moved online still takes, costed at the full cost of a productive hour"),
        AssumptionKey("after_call_work", AssumptionUnit(.seconds, per: ["call"]), default: 0,
                      source: "the export's handle time includes after-call work", "wrap-up time a handled call carries beyond the export's handle time"),
        AssumptionKey("pay_award", AssumptionUnit(.fraction), default: 0.02, source: "illustrative: pay rising with inflation",
                      "nominal pay award a year"),
        AssumptionKey("inflation", AssumptionUnit(.fraction), default: 0.02, source: "Bank of England 2% target (GDP deflator)",
                      "general inflation a year: cash flows are in real terms, consistent with the real discount rate"),
        AssumptionKey("start_financial_year", AssumptionUnit(.number), source: "",
                      "financial year of appraisal year 0, by its first calendar year (2023 = 2023/24; default: the one after the as-of date)"),
        AssumptionKey("additional_fte", AssumptionUnit(.fte), default: 0, source: "none assumed",
                      "posts added from year 1 (e.g. recruiting to the service-level target), at the full cost per FTE"),
        AssumptionKey("recruitment", AssumptionUnit(.number), default: 0, source: "the posts additional_fte states",
                      "how many posts are added from year 1: as_stated (additional_fte) or to_target (what the final appraisal year's forecast workload needs to meet the service-level target, after the capacity released)",
                      choices: ["as_stated", "to_target"]),
        AssumptionKey("exit_cost_per_fte", AssumptionUnit(.pounds, per: ["fte"]), default: 0,
                      source: "posts go through vacancies and turnover: no redundancy", "one-off cost of each post removed (redundancy, pension strain)"),
    ]

    /// Options from `option.<name>.<key>` lines: the base scenario (every other line) with the option's lines
    /// put in place of the base's. Names in order of first appearance.
    public static func options(_ set: AssumptionSet) -> (base: AssumptionSet, options: [(name: String, set: AssumptionSet)]) {
        var base = AssumptionSet()
        var names: [String] = []
        for a in set.items {
            guard let (name, _) = optionKey(a.key) else { base.add(a); continue }
            if !names.contains(name) { names.append(name) }
        }
        let options = names.map { name -> (name: String, set: AssumptionSet) in
            var s = base
            for a in set.items {
                guard let (n, key) = optionKey(a.key), n == name else { continue }
                var b = a
                b.key = key
                s.add(b)
            }
            return (name, s)
        }
        return (base, options)
    }

    /// "option.fix_first.shift.x.web_form" → ("fix_first", "shift.x.web_form").
    public static func optionKey(_ key: String) -> (name: String, key: String)? {
        let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "option" else { return nil }
        return (parts[1], parts[2])
    }

    /// "fix_first" → "Fix first".
    public static func optionTitle(_ name: String) -> String {
        let words = name.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The first day of appraisal year 0: 1 April of `start_financial_year`, or the 1 April after the as-of day.
    public static func startDay(_ set: AssumptionSet, asOfDay: Int) throws(ToolError) -> Int {
        if let a = try set.value(.startFinancialYear) {
            guard a.central.rounded() == a.central, a.central >= 2000, a.central <= 2100 else {
                throw .data("start_financial_year must be a year such as 2023 (for 2023/24)", at: a.location, hint: "write e.g. 'start_financial_year = 2023'")
            }
            return FinancialYear(startYear: Int(a.central)).firstDay
        }
        return FinancialYears.nextFirstApril(onOrAfter: asOfDay + 1)
    }

    /// The dated on-cost schedule: `ni.rate` and `ni.threshold` when given, else HMRC's rule for each year.
    public static func onCostSchedule(_ set: AssumptionSet, asOfDay: Int) throws(ToolError) -> OnCostSchedule {
        let start = try startDay(set, asOfDay: asOfDay)
        let schedule = OnCostSchedule(pensionRate: try central(set, .pensionRate), asOfDay: asOfDay, startDay: start,
                                      niRateOverride: try set.value(.niRate)?.central,
                                      niThresholdOverride: try set.value(.niThreshold)?.central,
                                      priceBase: PriceBase(payAward: try central(set, .payAward),
                                                           inflation: try central(set, .inflation),
                                                           baseYearLabel: FinancialYear(containing: asOfDay).label))
        guard schedule.onCosts(year: 0) != nil else {
            throw .data("no employer NI rule is known for \(CivilTime.formatDate(days: asOfDay)) (the table starts on 6 April 2021)",
                        at: set[.niRate]?.location, hint: "give 'ni.rate' and 'ni.threshold' for the paper's date, with their HMRC source")
        }
        return schedule
    }

    /// The business-case fields of the inputs, read from the assumptions.
    static func addBusinessCase(_ set: AssumptionSet, to p: inout ProjectionInputs, asOfDay: Int?) throws(ToolError) {
        var problems = DiagnosticCollector()
        let lineSlugs = Set(p.baseline.map { slug($0.code.line) })
        let reasonSlugs = Set(p.baseline.map { slug($0.code.line) + "." + slug($0.code.reason) })
        var byLine: [String: Ranged] = [:], byReason: [String: Ranged] = [:]
        for a in set.items where a.key.hasPrefix("demand_reduction.") {
            let scope = String(a.key.dropFirst("demand_reduction.".count))
            if reasonSlugs.contains(scope) { byReason[scope] = Ranged(a) } else if lineSlugs.contains(scope) { byLine[scope] = Ranged(a) } else {
                problems.add(Diagnostic("no service line or reason '\(scope)' in the contact data", at: a.location,
                                        hint: Spelling.nearest(scope, among: (lineSlugs.union(reasonSlugs)).sorted()).map { "did you mean '\($0)'?" }
                                            ?? "write demand_reduction.<line> or demand_reduction.<line>.<reason> as slugs"))
            }
        }
        try problems.throwIfAny()
        p.reductionByRow = p.baseline.map { b in byReason[slug(b.code.line) + "." + slug(b.code.reason)] ?? byLine[slug(b.code.line)] }
        if let a = set[.releasedCapacityPolicy] {
            guard let policy = ReleasedCapacityPolicy(code: a.central) else {
                throw .data("released_capacity_policy must be service_first or cash_first", at: a.location, hint: "write 'released_capacity_policy = service_first'")
            }
            p.policy = policy
        }
        p.leakageOverride = try set.value(.leakageRate)?.central
        p.digitalHandlingSeconds = try central(set, .digitalHandlingTime)
        p.additionalFTE = try central(set, .additionalFTE)
        if let a = set[AssumptionKey.recruitment.name] {
            guard a.central == 0 || a.central == 1 else {
                throw .data("recruitment must be as_stated or to_target", at: a.location, hint: "write 'recruitment = to_target'")
            }
            p.recruitToTarget = a.central == 1
        }
        p.exitCostPerFTE = try central(set, .exitCostPerFTE)
        if let asOfDay { p.onCostSchedule = try onCostSchedule(set, asOfDay: asOfDay) }
    }
}
