// The business case computed: the scenario's inputs, the low/central/high projections, sensitivity and Monte Carlo.

/// Everything the project report shows, computed once from the baseline and the assumptions.
public struct ProjectAnalysis: Sendable {
    public var baseline: [WrapBaseline]
    public var assumptions: AssumptionSet
    public var ceiling: CeilingTable?
    public var queue: QueueCurve?
    public var inputs: ProjectionInputs
    /// Low, central and high, in ProjectionCase order.
    public var results: [ProjectionResult]
    public var tornado: [TornadoBar]
    public var monteCarlo: MonteCarloSummary?

    public static func analyse(baseline: [WrapBaseline], assumptions set: AssumptionSet, ceiling: CeilingTable? = nil,
                               queue: QueueCurve?, options: ProjectOptions) throws(ToolError) -> ProjectAnalysis {
        let inputs = try Scenario.inputs(set, baseline: baseline, ceiling: ceiling, queue: queue)
        guard inputs.shares.contains(where: { !$0.isEmpty }) || inputs.demandReduction.high > 0 else {
            throw .data("the scenario shifts nothing: no shift.* assumption and no demand_reduction",
                        hint: "add e.g. 'shift.recycling_and_waste.web_form = 40% (25%–60%)  # source'")
        }
        let results = ProjectionCase.allCases.map { Projection.run(inputs, case: $0) }
        let evaluate: (AssumptionSet) throws(ToolError) -> Double = { s throws(ToolError) in
            Projection.run(try Scenario.inputs(s, baseline: baseline, ceiling: ceiling, queue: queue), case: .central).npv
        }
        let bars = try Sensitivity.tornado(set, limit: options.tornadoLimit, evaluate: evaluate)
        let mc = options.simulations > 0 ? try Sensitivity.monteCarlo(set, draws: options.simulations, seed: options.seed, evaluate: evaluate) : nil
        return ProjectAnalysis(baseline: baseline, assumptions: set, ceiling: ceiling, queue: queue, inputs: inputs,
                               results: results, tornado: bars, monteCarlo: mc)
    }
}
