// The business case computed: the scenario's inputs, the staffing position, low/central/high projections, options,
// the full tornado and Monte Carlo.

/// Everything the project report shows, computed once from the baseline and the assumptions.
public struct ProjectAnalysis: Sendable {
    public var baseline: [WrapBaseline]
    /// The base scenario (every line except `option.*`), and every line as written.
    public var assumptions: AssumptionSet
    public var allAssumptions: AssumptionSet
    public var ceiling: CeilingTable?
    public var queue: QueueCurve?
    public var inputs: ProjectionInputs
    /// Low, central and high, in ProjectionCase order; low and high take every ranged assumption to its worse or
    /// better end together.
    public var results: [ProjectionResult]
    public var tornado: [TornadoBar]
    public var monteCarlo: MonteCarloSummary?
    /// Do nothing, the proposal and each `option.<name>`: unranked, in that order.
    public var options: [AppraisedOption]
    public var preferred: (option: AppraisedOption, why: String)?
    public var target: Double?

    public static func analyse(baseline: [WrapBaseline], assumptions fullSet: AssumptionSet, ceiling: CeilingTable? = nil,
                               queue: QueueCurve?, options: ProjectOptions) throws(ToolError) -> ProjectAnalysis {
        let (set, optionSets) = Scenario.options(fullSet)
        let inputsFor = { (s: AssumptionSet) throws(ToolError) -> ProjectionInputs in
            try Scenario.inputs(s, baseline: baseline, ceiling: ceiling, queue: queue, asOfDay: options.asOfDay, service: options.service)
        }
        let inputs = try inputsFor(set)
        guard inputs.shares.contains(where: { !$0.isEmpty }) || inputs.demandReduction.high > 0 || inputs.reductionByRow.contains(where: { ($0?.high ?? 0) > 0 }) else {
            throw .data("the scenario shifts nothing: no shift.* assumption and no demand_reduction",
                        hint: "add e.g. 'shift.recycling_and_waste.web_form = 40% (25%–60%)  # source'")
        }
        let evaluate: (AssumptionSet) throws(ToolError) -> Double = { s throws(ToolError) in
            Projection.run(try inputsFor(s), case: .central, serviceLevels: false).npv
        }
        // Every assumption with a range is in the tornado, and the low and high cases take each to its worse or
        // better end together.
        let bars = try Sensitivity.tornado(set, limit: options.tornadoLimit, evaluate: evaluate)
        let extremes = Sensitivity.extremeCases(set, bars: bars)
        let central = Projection.run(inputs, case: .central)
        var low = Projection.run(try inputsFor(extremes.low), case: .central, serviceLevels: false)
        var high = Projection.run(try inputsFor(extremes.high), case: .central, serviceLevels: false)
        low.projectionCase = .low
        high.projectionCase = .high
        let results = [low, central, high]
        let mc = options.simulations > 0 ? try Sensitivity.monteCarlo(set, draws: options.simulations, seed: options.seed, evaluate: evaluate) : nil
        // Options: business as usual, this proposal, and every option the notebook names.
        // Every option, do nothing included, is judged in the final appraisal year on that year's workload: the
        // year the gap is stated for.
        var appraised = [OptionsAppraisal.doNothing(serviceLevelToday: central.serviceLevelFinalUnchanged ?? central.serviceLevelToday,
                                                    risks: doNothingRisks(central, inputs: inputs),
                                                    shortfallFTE: central.gapFinalBeforeRecruitment)]
        appraised.append(appraise("proposal", title: "The proposal in this paper", central, low: low, inputs: inputs))
        for o in optionSets {
            let oi = try inputsFor(o.set)
            let r = Projection.run(oi, case: .central)
            let oLow = Projection.run(try inputsFor(Sensitivity.extremeCases(o.set, bars: bars).low), case: .central, serviceLevels: false)
            appraised.append(appraise(o.name, title: Scenario.optionTitle(o.name), r, low: oLow, inputs: oi))
        }
        let target = options.service?.target
        let preferred = OptionsAppraisal.preferred(appraised, target: target, when: ProjectReport.finalYearPhrase(inputs, baseline: baseline, short: true))

        return ProjectAnalysis(baseline: baseline, assumptions: set, allAssumptions: fullSet, ceiling: ceiling, queue: queue, inputs: inputs,
                               results: results, tornado: bars, monteCarlo: mc, options: appraised, preferred: preferred, target: target)
    }
}

extension ProjectAnalysis {
    static func appraise(_ name: String, title: String, _ r: ProjectionResult, low: ProjectionResult, inputs: ProjectionInputs) -> AppraisedOption {
        ProjectReport.appraise(name, title: title, r, low: low, inputs: inputs)
    }

    static func doNothingRisks(_ r: ProjectionResult, inputs: ProjectionInputs) -> [String] {
        ProjectReport.doNothingRisks(r, inputs: inputs)
    }
}
