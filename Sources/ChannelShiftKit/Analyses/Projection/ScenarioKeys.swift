// Assumption names as constants: code reads `.shrinkage`, never "shrinkage", so a misspelt name is a compile
// error, not a silent nil. Each constant is the declaration in Scenario.keys (a test checks every one resolves).

extension AssumptionKey {
    public static var shrinkage: AssumptionKey { Scenario.declared("shrinkage") }
    public static var occupancy: AssumptionKey { Scenario.declared("occupancy") }
    public static var paidHours: AssumptionKey { Scenario.declared("paid_hours") }
    public static var productiveHours: AssumptionKey { Scenario.declared("productive_hours") }
    public static var serviceLevel: AssumptionKey { Scenario.declared("service_level") }
    public static var serviceLevelSeconds: AssumptionKey { Scenario.declared("service_level_seconds") }
    public static var openingHours: AssumptionKey { Scenario.declared("opening_hours") }
    public static var vacancyRate: AssumptionKey { Scenario.declared("vacancy_rate") }
    public static var turnoverRate: AssumptionKey { Scenario.declared("turnover_rate") }
    public static var establishmentFTE: AssumptionKey { Scenario.declared("establishment_fte") }
    public static var niRate: AssumptionKey { Scenario.declared("ni.rate") }
    public static var niThreshold: AssumptionKey { Scenario.declared("ni.threshold") }
    public static var pensionRate: AssumptionKey { Scenario.declared("pension.rate") }
    public static var salary: AssumptionKey { Scenario.declared("salary") }
    public static var costPerContactPhone: AssumptionKey { Scenario.declared("cost_per_contact.phone") }
    public static var costPerContactWebForm: AssumptionKey { Scenario.declared("cost_per_contact.web_form") }
    public static var costPerContactEmail: AssumptionKey { Scenario.declared("cost_per_contact.email") }
    public static var costPerContactWebchat: AssumptionKey { Scenario.declared("cost_per_contact.webchat") }
    public static var additionalFTE: AssumptionKey { Scenario.declared("additional_fte") }
    public static var recruitment: AssumptionKey { Scenario.declared("recruitment") }
    public static var afterCallWork: AssumptionKey { Scenario.declared("after_call_work") }
    public static var appraisalYears: AssumptionKey { Scenario.declared("appraisal_years") }
    public static var demandReduction: AssumptionKey { Scenario.declared("demand_reduction") }
    public static var digitalHandlingTime: AssumptionKey { Scenario.declared("digital_handling_time") }
    public static var discountRate: AssumptionKey { Scenario.declared("discount_rate") }
    public static var exitCostPerFTE: AssumptionKey { Scenario.declared("exit_cost_per_fte") }
    public static var inflation: AssumptionKey { Scenario.declared("inflation") }
    public static var leakageRate: AssumptionKey { Scenario.declared("leakage_rate") }
    public static var optimismBiasBenefits: AssumptionKey { Scenario.declared("optimism_bias.benefits") }
    public static var optimismBiasCapital: AssumptionKey { Scenario.declared("optimism_bias.capital") }
    public static var optimismBiasRunning: AssumptionKey { Scenario.declared("optimism_bias.running") }
    public static var payAward: AssumptionKey { Scenario.declared("pay_award") }
    public static var releasedCapacityPolicy: AssumptionKey { Scenario.declared("released_capacity_policy") }
    public static var runningCost: AssumptionKey { Scenario.declared("running_cost") }
    public static var serviceBudget: AssumptionKey { Scenario.declared("service_budget") }
    public static var startFinancialYear: AssumptionKey { Scenario.declared("start_financial_year") }
    public static var takeupMidpointYear: AssumptionKey { Scenario.declared("takeup.midpoint_year") }
    public static var takeupRampYears: AssumptionKey { Scenario.declared("takeup.ramp_years") }
    public static var takeupSteepness: AssumptionKey { Scenario.declared("takeup.steepness") }

    /// Every constant above, for the test that each resolves to its declaration.
    public static var scenarioConstants: [AssumptionKey] {
        [.shrinkage, .occupancy, .paidHours, .productiveHours, .serviceLevel, .serviceLevelSeconds, .openingHours, .vacancyRate,
         .turnoverRate, .establishmentFTE, .niRate, .niThreshold, .pensionRate, .salary, .costPerContactPhone,
         .costPerContactWebForm, .costPerContactEmail, .costPerContactWebchat,
         .additionalFTE, .recruitment, .afterCallWork, .appraisalYears, .demandReduction, .digitalHandlingTime, .discountRate, .exitCostPerFTE, .inflation, .leakageRate, .optimismBiasBenefits, .optimismBiasCapital, .optimismBiasRunning, .payAward, .releasedCapacityPolicy, .runningCost, .serviceBudget, .startFinancialYear, .takeupMidpointYear, .takeupRampYears, .takeupSteepness]
    }
}

extension Scenario {
    /// The declared key named `name`; a name not in `keys` is a programming error caught by the constants test.
    static func declared(_ name: String) -> AssumptionKey {
        guard let k = (keys + businessCaseKeys).first(where: { $0.name == name }) else { preconditionFailure("assumption key '\(name)' is not declared") }
        return k
    }

    /// The central value of `key` from the set (checked against the key's rule), else its declared default.
    public static func central(_ set: AssumptionSet, _ key: AssumptionKey) throws(ToolError) -> Double {
        if let a = try set.value(key) { return a.central }
        return key.defaultValue ?? 0
    }
}

extension AssumptionSet {
    /// The assumption for `key` in the key's base unit, checked against its plausibility rule (AssumptionRules).
    public func value(_ key: AssumptionKey) throws(ToolError) -> Assumption? {
        guard let a = try value(key.name, key.unit.base) else { return nil }
        try AssumptionRules.check(key.name, a.central, at: a.location)
        return a
    }

    /// The assumption given for `key`, if any (no unit or rule check: for presence and position).
    public subscript(key: AssumptionKey) -> Assumption? { self[key.name] }
}

extension AssumptionKey {
    /// The one default display: the declared default as an Assumptions-appendix row, its source marked
    /// "(default)"; a duration of an hour or more is shown in hours. Nil when the key has no default.
    public var defaultUse: AssumptionUse? {
        guard let d = defaultValue else { return nil }
        var unitShown = unit.display
        if unit.base == .seconds && d >= 3600 { unitShown = "h" + unitShown.dropFirst() }
        let shown = choices.isEmpty ? Scenario.display(d, unit) : choices[min(max(Int(d), 0), choices.count - 1)]
        return AssumptionUse(key: name, display: shown, unit: choices.isEmpty ? unitShown : "", source: defaultSource + " (default)")
    }
}

extension AssumptionSet {
    /// The one assumption resolver: the central value given for `key` (unit and rule checked) with its use, else
    /// the declared default with its use; nil when neither.
    public func resolve(_ key: AssumptionKey) throws(ToolError) -> (value: Double, use: AssumptionUse)? {
        if let a = try value(key) { return (a.central, a.use) }
        guard let d = key.defaultValue, let use = key.defaultUse else { return nil }
        return (d, use)
    }
}
