// Reads a channel-shift scenario out of assumptions (keys, units, defaults with sources) into ProjectionInputs.

/// The scenario's assumption keys. `shift.*` keys name where the shift happens:
/// `shift.<line>.<channel>` for every reason of a service line, `shift.<line>.<reason>.<channel>` for one reason
/// (a reason's own key wins over its line's). <line> and <reason> are slugs: lowercase, every run of other
/// characters as one '_' ("Recycling and Waste" → recycling_and_waste); <channel> is email, webchat or web_form.
public enum Scenario {
    public static let keys: [AssumptionKey] = [
        AssumptionKey("shift.*", AssumptionUnit(.fraction), source: "",
                      "share of phone contacts moved to a digital channel: shift.<line>.<channel> or shift.<line>.<reason>.<channel>"),
        AssumptionKey("demand_reduction", AssumptionUnit(.fraction), default: 0, source: "none assumed",
                      "avoidable phone demand removed at source (fixing the failure), before any shift"),
        AssumptionKey("takeup.ramp_years", AssumptionUnit(.years), default: 3, source: "illustrative: set from the digital project plan",
                      "years for a linear take-up ramp to reach the full shift"),
        AssumptionKey("takeup.midpoint_year", AssumptionUnit(.years), source: "",
                      "when given, take-up follows an S-curve (logistic) reaching half the shift in this year"),
        AssumptionKey("takeup.steepness", AssumptionUnit(.number), default: 1.5, source: "illustrative",
                      "steepness of the S-curve per year (higher: a sharper switch)"),
        AssumptionKey("cost_per_contact.phone", AssumptionUnit(.pounds, per: ["contact"]), default: 2.83,
                      source: "Socitm Insight 2012 (old; methods varied)", "phone cost per contact, for the per-contact cross-check only"),
        AssumptionKey("cost_per_contact.web_form", AssumptionUnit(.pounds, per: ["contact"]), default: 0.15,
                      source: "Socitm Insight 2012 'web' (old; methods varied)", "running cost of a contact made by web form"),
        AssumptionKey("cost_per_contact.email", AssumptionUnit(.pounds, per: ["contact"]), source: "",
                      "running cost of a contact handled by email (required when shifting to email)"),
        AssumptionKey("cost_per_contact.webchat", AssumptionUnit(.pounds, per: ["contact"]), source: "",
                      "running cost of a webchat contact (required when shifting to webchat)"),
        AssumptionKey("salary", AssumptionUnit(.pounds, per: ["fte", "year"]), default: 24_000,
                      source: "illustrative: the £24,000 average in the sample claim; use the grade's midpoint", "salary of an adviser post, released or added"),
        AssumptionKey("ni.rate", AssumptionUnit(.fraction), source: "",
                      "employer National Insurance rate above the secondary threshold (default: HMRC's rate in force at the as-of date for each year)"),
        AssumptionKey("ni.threshold", AssumptionUnit(.pounds, per: ["year"]), source: "",
                      "employer NI secondary threshold (default: HMRC's threshold in force at the as-of date for each year)"),
        AssumptionKey("pension.rate", AssumptionUnit(.fraction), default: 0.19,
                      source: "illustrative LGPS employer rate (funds vary, often 15–25%)", "employer pension contribution"),
        AssumptionKey("paid_hours", AssumptionUnit(.seconds, per: ["fte", "year"]), default: 1_924 * 3600,
                      source: "37 hours × 52 weeks", "paid hours of one FTE"),
        AssumptionKey("shrinkage", AssumptionUnit(.fraction), default: 0.33, source: "typical contact-centre shrinkage 30–35%",
                      "paid time not available for contacts (leave, sickness, training, breaks)"),
        AssumptionKey("occupancy", AssumptionUnit(.fraction), default: 0.85, source: "sustainable occupancy 85–90%",
                      "share of available time spent handling contacts (linear method only)"),
        AssumptionKey("productive_hours", AssumptionUnit(.seconds, per: ["fte", "year"]), source: "",
                      "the council's own productive hours per FTE; overrides paid hours × (1 − shrinkage) × occupancy"),
        AssumptionKey("vacancy_rate", AssumptionUnit(.fraction), default: 0.05, source: "illustrative: set from HR establishment data",
                      "share of posts vacant now, which can be deleted in year 1"),
        AssumptionKey("turnover_rate", AssumptionUnit(.fraction), default: 0.12, source: "illustrative: set from HR leaver data",
                      "share of posts whose holders leave each year, so the post can be deleted"),
        AssumptionKey("establishment_fte", AssumptionUnit(.fte), source: "",
                      "budgeted posts (in post and vacant) on the phones: required by project, from the HR establishment report"),
        AssumptionKey("investment.capital.*", AssumptionUnit(.pounds), source: "",
                      "one-off capital cost in a year: investment.capital.year0, investment.capital.year1, ..."),
        AssumptionKey("running_cost", AssumptionUnit(.pounds, per: ["year"]), default: 0, source: "none assumed",
                      "revenue running cost of the digital service each year from year 1 (licences, support)"),
        AssumptionKey("discount_rate", AssumptionUnit(.fraction), default: Appraisal.greenBookRate,
                      source: "HM Treasury Green Book social time preference rate", "real discount rate"),
        AssumptionKey("appraisal_years", AssumptionUnit(.years), default: 5, source: "illustrative: match the system's expected life",
                      "years of benefits appraised after the investment year (year 0)"),
        AssumptionKey("optimism_bias.capital", AssumptionUnit(.fraction), default: 2.0,
                      source: "Green Book supplementary guidance (Mott MacDonald 2002), equipment/development upper bound",
                      "uplift on capital costs; reduce it only with evidence of mitigation"),
        AssumptionKey("optimism_bias.running", AssumptionUnit(.fraction), default: 0.41,
                      source: "Green Book supplementary guidance (Mott MacDonald 2002), outsourcing operating-cost upper bound",
                      "uplift on running and channel costs"),
        AssumptionKey("optimism_bias.benefits", AssumptionUnit(.fraction), default: 0, source: "no published bound: set locally",
                      "share taken off cashable benefits"),
        AssumptionKey("service_budget", AssumptionUnit(.pounds, per: ["year"]), source: "",
                      "the contact centre's annual budget, for savings as a share of it"),
        AssumptionKey("service_level", AssumptionUnit(.fraction), default: 0.9, source: "council practice: 90% answered within 3 minutes",
                      "share of calls to answer within the service-level time (queue-aware method)"),
        AssumptionKey("service_level_seconds", AssumptionUnit(.seconds), default: 180, source: "council practice: 90% answered within 3 minutes",
                      "answer time of the service-level target"),
        AssumptionKey("opening_hours", AssumptionUnit(.seconds, per: ["week"]), default: 40 * 3600,
                      source: "illustrative: 8 hours × 5 days; set to the line's opening hours",
                      "used only when the data has no times of day: calls are spread evenly over these hours"),
    ]

    /// "Recycling and Waste" → "recycling_and_waste".
    public static func slug(_ s: String) -> String {
        var out = ""
        var pendingUnderscore = false
        for ch in s.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                if pendingUnderscore && !out.isEmpty { out.append("_") }
                pendingUnderscore = false
                out.append(ch)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }


    /// Typed inputs for the projection. Every `shift.*` key must name a line (and reason) in the baseline and a
    /// digital channel; problems are reported together at the assumption's file:line:column.
    public static func inputs(_ set: AssumptionSet, baseline: [WrapBaseline], ceiling: CeilingTable? = nil,
                              queue: QueueCurve? = nil, asOfDay: Int? = nil, service: ServiceForecast? = nil) throws(ToolError) -> ProjectionInputs {
        var problems = DiagnosticCollector()
        var lineShares: [String: [Channel: Ranged]] = [:]
        var reasonShares: [String: [Channel: Ranged]] = [:]
        let lineSlugs = Set(baseline.map { slug($0.code.line) })
        let reasonSlugs = Set(baseline.map { slug($0.code.line) + "." + slug($0.code.reason) })
        for a in set.items where a.key.hasPrefix("shift.") {
            let parts = a.key.split(separator: ".").map(String.init)
            guard parts.count == 3 || parts.count == 4, let name = parts.last, let ch = Channel(name: name), ch.isDigital else {
                problems.add(Diagnostic("'\(a.key)' does not end in a digital channel", at: a.location,
                                        hint: "write shift.<line>.<channel> or shift.<line>.<reason>.<channel> with channel email, webchat or web_form"))
                continue
            }
            if a.low < 0 || a.high > 1 {
                problems.add(Diagnostic("'\(a.key)' must be between 0% and 100%", at: a.location, hint: "a share of phone contacts"))
                continue
            }
            let scope = parts.dropFirst().dropLast().joined(separator: ".")
            if parts.count == 3 {
                guard lineSlugs.contains(scope) else {
                    problems.add(Diagnostic("no service line '\(scope)' in the contact data", at: a.location,
                                            hint: Spelling.nearest(scope, among: lineSlugs.sorted()).map { "did you mean '\($0)'?" }
                                                ?? "lines in the data: " + lineSlugs.sorted().joined(separator: ", ")))
                    continue
                }
                lineShares[scope, default: [:]][ch] = Ranged(a)
            } else {
                guard reasonSlugs.contains(scope) else {
                    problems.add(Diagnostic("no reason '\(scope)' in the contact data", at: a.location,
                                            hint: Spelling.nearest(scope, among: reasonSlugs.sorted()).map { "did you mean '\($0)'?" }
                                                ?? "write <line>.<reason> as slugs, e.g. recycling_and_waste.missed_collection"))
                    continue
                }
                reasonShares[scope, default: [:]][ch] = Ranged(a)
            }
        }
        var costs: [Channel: Double] = [:]
        for ch in Channel.allCases where ch.isDigital {
            let key = "cost_per_contact." + ch.name
            let used = set.items.contains { $0.key.hasPrefix("shift.") && $0.key.hasSuffix("." + ch.name) }
            if let a = try set.value(key, .pounds) { costs[ch] = a.central } else if let d = keys.first(where: { $0.name == key })?.defaultValue {
                costs[ch] = d
            } else if used, let first = set.items.first(where: { $0.key.hasPrefix("shift.") && $0.key.hasSuffix("." + ch.name) }) {
                problems.add(Diagnostic("shifting to \(ch.name) needs '\(key)'", at: first.location,
                                        hint: "add '\(key) = £<amount> per contact  # source' (full cost ÷ volume, GDS guidance)"))
            }
        }
        for a in set.items where [AssumptionKey.shrinkage, .occupancy, .vacancyRate, .turnoverRate, .demandReduction, .optimismBiasBenefits].contains(where: { $0.name == a.key })
            && (a.low < 0 || a.high > 1 || a.central < 0 || a.central > 1) {
            problems.add(Diagnostic("'\(a.key)' must be between 0% and 100%", at: a.location, hint: "a share of time, posts or contacts"))
        }
        try problems.throwIfAny()

        var shares: [[Channel: Ranged]] = []
        for b in baseline {
            var s = lineShares[slug(b.code.line)] ?? [:]
            if let own = reasonShares[slug(b.code.line) + "." + slug(b.code.reason)] { s = own }
            shares.append(s)
        }
        var capital: [Double] = []
        for a in set.items where a.key.hasPrefix("investment.capital.") {
            let member = a.key.dropFirst("investment.capital.".count)
            guard member.hasPrefix("year"), let y = Int(member.dropFirst(4)), y >= 0, y <= 60 else {
                throw .data("'\(a.key)' should name a year: investment.capital.year0, investment.capital.year1, ...", at: a.location,
                            hint: "year0 is the investment year before any benefit")
            }
            if capital.count <= y { capital += [Double](repeating: 0, count: y + 1 - capital.count) }
            capital[y] += a.central
        }
        let takeUp: TakeUpCurve
        if let m = try set.value(.takeupMidpointYear) {
            takeUp = .logistic(midpointYear: m.central, steepness: try central(set, .takeupSteepness))
        } else {
            takeUp = .linear(rampYears: try central(set, .takeupRampYears))
        }
        let years = try central(set, .appraisalYears)
        guard years >= 1, years <= 60, years.rounded() == years else {
            throw .data("appraisal_years must be a whole number of years from 1 to 60", at: set[.appraisalYears]?.location,
                        hint: "the Green Book discount rate of 3.5% applies to the first 30 years")
        }
        var p = ProjectionInputs(
            baseline: baseline, shares: shares, ceilings: baseline.map { ceiling?.ceiling(for: $0.code) },
            demandReduction: set[.demandReduction].map(Ranged.init) ?? Ranged(0), takeUp: takeUp,
            salary: try central(set, .salary),
            onCosts: try onCosts(set), hours: try hours(set),
            costPerContact: costs, phoneCostPerContact: try central(set, .costPerContactPhone),
            vacancyRate: try central(set, .vacancyRate), turnoverRate: try central(set, .turnoverRate),
            establishmentFTE: try set.value(.establishmentFTE)?.central, capitalByYear: capital,
            runningCostPerYear: try central(set, .runningCost), discountRate: try central(set, .discountRate),
            years: Int(years),
            optimism: OptimismBias(capitalUplift: try central(set, .optimismBiasCapital),
                                   runningUplift: try central(set, .optimismBiasRunning),
                                   benefitReduction: try central(set, .optimismBiasBenefits)),
            serviceBudget: try set.value(.serviceBudget)?.central, queue: queue)
        p.service = service
        try addBusinessCase(set, to: &p, asOfDay: asOfDay)
        return p
    }

    /// Employer on-costs from `ni.rate`, `ni.threshold` and `pension.rate` (central values); NI not given is
    /// HMRC's rule in force on `asOfDay` (the latest rule when no date is known).
    public static func onCosts(_ set: AssumptionSet, asOfDay: Int? = nil) throws(ToolError) -> OnCosts {
        let dated = asOfDay.flatMap(EmployerNI.rule(on:)) ?? EmployerNI.rules[EmployerNI.rules.count - 1]
        return OnCosts(niRate: try set.value(.niRate)?.central ?? dated.rate,
                       niThresholdPounds: try set.value(.niThreshold)?.central ?? dated.thresholdPounds,
                       pensionRate: try central(set, .pensionRate))
    }

    /// Productive hours from `paid_hours`, `shrinkage`, `occupancy`, or the stated `productive_hours`.
    public static func hours(_ set: AssumptionSet) throws(ToolError) -> ProductiveHours {
        ProductiveHours(paidHours: try central(set, .paidHours) / 3600, shrinkage: try central(set, .shrinkage),
                        occupancy: try central(set, .occupancy),
                        stated: try set.value(.productiveHours).map { $0.central / 3600 })
    }

    /// The assumptions appendix: every key the scenario reads, as given or as defaulted (with the default's source).
    public static func uses(_ set: AssumptionSet) -> [AssumptionUse] {
        var out: [AssumptionUse] = []
        let all = keys + businessCaseKeys
        for a in set.items.sorted(by: { $0.key < $1.key }) where all.contains(where: { $0.matches(optionKey(a.key)?.key ?? a.key) }) { out.append(a.use) }
        let sCurve = set[.takeupMidpointYear] != nil
        for k in all where !k.name.hasSuffix(".*") && set[k.name] == nil {
            guard let use = k.defaultUse else { continue }
            // Only the take-up curve in use is listed.
            if k.name == (sCurve ? AssumptionKey.takeupRampYears : .takeupSteepness).name { continue }
            out.append(use)
        }
        return out
    }

    public static func display(_ v: Double, _ unit: AssumptionUnit) -> String {
        switch unit.base {
        case .pounds: return Format.money(v, decimals: v.rounded() == v ? 0 : 2)
        case .fraction: return Format.percent(v, decimals: abs((v * 100).rounded() - v * 100) < 1e-9 ? 0 : 1)
        case .seconds: return v >= 3600 ? Format.number(v / 3600, decimals: 0) + " h" : Format.number(v, decimals: 0) + " s"
        default: return Format.number(v, decimals: v.rounded() == v ? 0 : 2)
        }
    }
}
