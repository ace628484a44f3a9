// `channelshift project`: the business case for a channel-shift scenario against FTE and budget.
import ChannelShiftKit
import Foundation

public enum ProjectCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "project",
        summary: "project channel-shift savings: FTE released, cashable savings, NPV and payback",
        usage: "channelshift project --assumptions FILE [--ceiling FILE] [options] FILE...",
        discussion: """
        Reads the phone baseline per reason from the contact data and the scenario from assumptions
        (shift.<line>[.<reason>].<channel> shares, take-up, salary, on-costs, turnover, investment, discount rate).
        Reports each year for low, central and high cases: contacts shifted (capped by the shiftable ceiling),
        FTE released by the linear and the queue-aware method, cashable and non-cashable savings, NPV and payback,
        and the assumptions that move NPV most. See docs/commands/project.md.
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + [
            OptionSpec("ceiling", value: "FILE", help: "shiftable ceiling per reason: CSV line,reason,low,central,high (default: computed by the exclusion analysis from the same data and --taxonomy)"),
            OptionSpec("simulations", value: "N", help: "Monte Carlo draws over every ranged assumption (default 0: off)"),
        ],
        positionals: "FILE...",
        example: "channelshift project --assumptions Models/waste-channel-shift.md --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static var assumptionKeys: [AssumptionKey] { Scenario.keys + Scenario.businessCaseKeys }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let simulations = try args.int("simulations", default: 0, range: 0...100_000)
        var ceiling: CeilingTable?
        if let c = args.value("ceiling") {
            ceiling = try context.readSideFile(c, argument: "--ceiling", parse: ShiftCeiling.parse, accepted: { $0.shares.count + $0.hidden.count })
        }
        // Impossible assumptions were refused where they were read (AssumptionParser); implausible ones are noted.
        guard context.assumptions["establishment_fte"] != nil else {
            throw .data("project needs 'establishment_fte': the budgeted posts (in post and vacant) on the phones",
                        hint: "add 'establishment_fte = 30 FTE  # HR establishment report, <date>'; the tool no longer takes the modelled requirement as the establishment")
        }
        let data = try ContactData.load(args, context: context, trackRepeats: true)
        // Without a ceiling file, the ceiling comes from the exclusion analysis of the same data and taxonomy,
        // so the plan is capped by exactly the figures the equality section reports (its most cautious proxy).
        if ceiling == nil, data.taxonomy != nil {
            ceiling = ShiftCeiling.fromExclusion(Exclusion.analyse(Exclusion.input(cube: data.cube, wraps: data.wraps, repeats: data.sink.repeats,
                                                                                   taxonomy: data.taxonomy, areaIndex: nil)),
                                                 source: "exclusion analysis of the same data")
        }
        let acw = try Scenario.central(context.assumptions, "after_call_work", .seconds)
        var (baseline, note) = PhoneBaseline.fromCube(data.cube, wraps: data.wraps, afterCallWorkSeconds: acw)
        guard !baseline.isEmpty else {
            throw .data("the contact data has no phone contacts", hint: "project works from the phone baseline; check the channel column")
        }
        note += " " + PhoneBaseline.addLeakage(&baseline, cube: data.cube, repeats: data.sink.repeats, wraps: data.wraps, taxonomy: data.taxonomy)
        let service = try PhoneBaseline.serviceForecast(data.cube, assumptions: context.assumptions)
        let queue = try PhoneBaseline.queueCurve(data.cube, assumptions: context.assumptions, patienceSeconds: service?.patienceSeconds)
        // No wall clock: the as-of date is the notebook's (SOURCE_DATE_EPOCH); without one, the day after the data ends.
        let asOfDay = context.sourceDateEpoch.map { Int(CivilTime.floorDiv(Int64($0), 86400)) }
            ?? Int(CivilTime.floorDiv(data.cube.lastStart, 86400)) + 1
        let options = ProjectOptions(suppressBelow: try CommonOptions.suppression(args), simulations: simulations,
                                     seed: context.seed, baselineNote: note, asOfDay: asOfDay, service: service,
                                     notes: Plausibility.notes(context.assumptions.warnings))
        let analysis = try ProjectAnalysis.analyse(baseline: baseline, assumptions: context.assumptions, ceiling: ceiling,
                                                   queue: queue, options: options)
        var report = ProjectReport.build(analysis, options: options)
        let known = Set(baseline.map { CeilingTable.slug($0.code) })
        let unused = (ceiling?.shares.keys.filter { !known.contains(CeilingTable.slug($0)) } ?? []).sorted()
        if !unused.isEmpty {
            report.blocks.append(.paragraph("The ceiling file names \(unused.count) reason\(unused.count == 1 ? "" : "s") with no phone calls in the data, not used: " + unused.map { "\($0.line) / \($0.reason)" }.joined(separator: "; ") + "."))
        }
        return report
    }
}
