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
            OptionSpec(.period, value: "month|week", help: "period for the KPI table (default month)", allowed: ["month", "week"]),
            OptionSpec(.interval, value: "MINUTES", help: "interval of the weekday profile: 15, 30 or 60 (default 30)"),
            OptionSpec(.kpiTable, value: "FILE", help: "a published KPI table to re-check instead of contact data"),
        ],
        positionals: "FILE...",
        example: "channelshift demand --period month --interval 30 data/sample-contacts.csv")

    static let targetAnsweredKey = AssumptionKey(
        "target_answered", AssumptionUnit(.fraction), default: 0.9, source: "illustrative council target: set from the council's own standard",
        "share of offered calls that should be answered")
    static let targetAbandonedKey = AssumptionKey(
        "target_abandoned", AssumptionUnit(.fraction), default: 0.1, source: "illustrative council target: set from the council's own standard",
        "most offered calls that may be abandoned")
    static let targetWaitKey = AssumptionKey(
        "target_wait", AssumptionUnit(.seconds), default: 180, source: "illustrative council target: 3-minute average wait",
        "longest acceptable average wait")

    public static var assumptionKeys: [AssumptionKey] { [targetAnsweredKey, targetAbandonedKey, targetWaitKey] }

    /// Typed settings for one run, resolved once from options, assumptions and defaults before any work.
    struct Settings {
        var threshold = 10
        var targets = DemandTargets()
        var assumptionsUsed: [AssumptionUse] = []
        /// A published KPI table to re-check instead of contact data.
        var kpiTable: String?
        var weekly = false
        /// The weekday profile's interval (contact data only).
        var intervalMinutes: Int?
    }

    static func settings(_ args: ParsedArguments, assumptions set: AssumptionSet) throws(ToolError) -> Settings {
        var s = Settings()
        s.threshold = try CommonOptions.suppression(args)
        let targets: [(AssumptionKey, WritableKeyPath<DemandTargets, Double>)] = [
            (targetAnsweredKey, \.answered), (targetAbandonedKey, \.abandoned), (targetWaitKey, \.waitSeconds)]
        for (key, field) in targets {
            guard let (value, use) = try set.resolve(key) else { continue }
            s.assumptionsUsed.append(use)
            s.targets[keyPath: field] = value
        }
        if let file = args.value(.kpiTable) {
            guard args.all(.data).isEmpty && args.positionals.isEmpty else {
                throw .usage("give contact data or --kpi-table, not both", hint: "the KPI table already holds the counts")
            }
            s.kpiTable = file
            return s
        }
        s.intervalMinutes = try QueueOptions.intervalMinutes(args)
        s.weekly = args.value(.period) == "week"
        return s
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let s = try settings(args, assumptions: context.assumptions)
        if let file = s.kpiTable {
            let published = try context.readSideFile(file, argument: "--kpi-table", parse: PublishedKPI.parse, accepted: \.rows.count)
            var report = DemandReport.published(published, targets: s.targets, threshold: s.threshold, assumptions: s.assumptionsUsed)
            report.summary += Plausibility.notes(Plausibility.warnings(context.assumptions, keys: assumptionKeys.map(\.name)))
            return report
        }
        let interval = s.intervalMinutes ?? 30
        let data = try ContactData.load(args, context: context, trackRepeats: false, intervalSummaries: true)
        try ContactData.requireIntervalAtLeast(interval, data.ingest)
        let periods = s.weekly ? Demand.weeks(data.cube) : Demand.months(data.cube)
        var report = DemandReport.build(periods: periods, weekly: s.weekly, profile: Demand.profile(data.cube, intervalMinutes: interval),
                                        intervalMinutes: interval, targets: s.targets, threshold: s.threshold, assumptions: s.assumptionsUsed)
        report.method += data.ingest.intervalSummaries.flatMap(\.basis)
        // Targets pass the plausibility table where they are read (impossible: an error at file:line:col);
        // implausible ones are used as given, on stderr (Tool) and here in the output.
        report.summary += Plausibility.notes(Plausibility.warnings(context.assumptions, keys: assumptionKeys.map(\.name)))
        return report
    }
}
