// `channelshift demand`: phone KPIs by month or week against targets, the interval profile, or a published KPI table re-checked.
import ChannelShiftKit
import Foundation

public enum DemandCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "demand",
        summary: "phone KPIs by month or week against targets (red/amber/green), interval profile; re-checks a published KPI table",
        usage: "channelshift demand [options] FILE...   or   channelshift demand --kpi-table FILE [options]",
        discussion: """
        Offered, answered and abandoned calls, % answered, % abandoned, average wait and AHT per period, with contacts
        by channel, each KPI rated against its target. With --kpi-table, an already-aggregated table (period, offered,
        answered, abandoned and optionally pct_answered, pct_abandoned, avg_wait_s): every ratio is recomputed from
        its counts and stated percentages the counts contradict are flagged.
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + [
            OptionSpec("period", value: "month|week", help: "period for the KPI table (default month)", allowed: ["month", "week"]),
            OptionSpec("interval", value: "MINUTES", help: "interval of the weekday profile: 15, 30 or 60 (default 30)"),
            OptionSpec("kpi-table", value: "FILE", help: "a published KPI table to re-check instead of contact data"),
        ],
        positionals: "FILE...",
        example: "channelshift demand --period month --interval 30 data/sample-contacts.csv")

    public static var assumptionKeys: [AssumptionKey] { [
        AssumptionKey("target_answered", AssumptionUnit(.fraction), default: 0.9, source: "illustrative council target: set from the council's own standard",
                      "share of offered calls that should be answered"),
        AssumptionKey("target_abandoned", AssumptionUnit(.fraction), default: 0.1, source: "illustrative council target: set from the council's own standard",
                      "most offered calls that may be abandoned"),
        AssumptionKey("target_wait", AssumptionUnit(.seconds), default: 180, source: "illustrative council target: 3-minute average wait",
                      "longest acceptable average wait"),
    ] }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let threshold = try CommonOptions.suppression(args)
        var targets = DemandTargets()
        var uses: [AssumptionUse] = []
        for key in assumptionKeys {
            let value: Double
            if let a = try context.assumptions.value(key.name, key.unit.base) { value = a.central; uses.append(a.use) } else {
                value = key.defaultValue ?? 0
                let shown = key.unit.base == .seconds ? Format.number(value) + " s" : Format.percent(value, decimals: 0)
                uses.append(AssumptionUse(key: key.name, display: shown, unit: key.unit.display, source: key.defaultSource + " (default)"))
            }
            switch key.name {
            case "target_answered": targets.answered = value
            case "target_abandoned": targets.abandoned = value
            default: targets.waitSeconds = value
            }
        }
        if let file = args.value("kpi-table") {
            guard args.all("data").isEmpty && args.positionals.isEmpty else {
                throw .usage("give contact data or --kpi-table, not both", hint: "the KPI table already holds the counts")
            }
            let published = try context.readSideFile(file, argument: "--kpi-table", parse: PublishedKPI.parse, accepted: \.rows.count)
            var report = DemandReport.published(published, targets: targets, threshold: threshold, assumptions: uses)
            report.summary += Plausibility.notes(Plausibility.warnings(context.assumptions, keys: assumptionKeys.map(\.name)))
            return report
        }
        let interval = try QueueOptions.intervalMinutes(args)
        let data = try ContactData.load(args, context: context, trackRepeats: false)
        let weekly = args.value("period") == "week"
        let periods = weekly ? Demand.weeks(data.cube) : Demand.months(data.cube)
        var report = DemandReport.build(periods: periods, weekly: weekly, profile: Demand.profile(data.cube, intervalMinutes: interval),
                                        intervalMinutes: interval, targets: targets, threshold: threshold, assumptions: uses)
        // Targets pass the plausibility table where they are read (impossible: an error at file:line:col);
        // implausible ones are used as given, on stderr (Tool) and here in the output.
        report.summary += Plausibility.notes(Plausibility.warnings(context.assumptions, keys: assumptionKeys.map(\.name)))
        return report
    }
}
