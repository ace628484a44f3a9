// `channelshift avoidable`: avoidable demand per call reason, measured from the contacts, as a report.
import ChannelShiftKit

public enum AvoidableCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "avoidable",
        summary: "avoidable demand per call reason: failure demand at source, abandoned calls, follow-ons, could self-serve, assisted digital",
        usage: "channelshift avoidable [options] FILE...",
        discussion: """
        Measures, per service line and reason, failure demand removable at source in handled contacts (same-reason
        repeats from the same caller within the window, phone calls after a digital attempt for the same reason,
        reasons the taxonomy classes as failure demand), abandoned calls (no handle time), follow-on contacts for
        another reason, value demand that could self-serve (partial routes × self_serve.partial_share) and
        assisted-digital contacts. Each contact counts once. Values handle time in FTE and contacts in money.
        """,
        options: CommonOptions.dataInput + CommonOptions.assumptions + [
            OptionSpec(.repeatWindow, value: "N[d|h|s]", help: "a contact is followed when the caller's next contact is within this; a bare number is days (default 7d)"),
            OptionSpec(.memory, value: "SIZE", help: "keep repeat tuples within SIZE (e.g. 1G; default a quarter of physical memory), spilling sorted runs to TMPDIR past it; same results"),
        ],
        positionals: "FILE...",
        example: "channelshift avoidable --taxonomy Models/wrap-codes.csv --charts Reports/avoidable data/sample-contacts.csv")

    /// Face to face is the one channel cost the scenario does not read.
    static let faceToFaceCostKey = AssumptionKey(
        "cost_per_contact.face_to_face", AssumptionUnit(.pounds, per: ["contact"]), default: 8.62,
        source: "Socitm Insight 2012 (old; methods varied)", "cost of a face-to-face contact")
    /// The same keys, units and defaults as `project` and `check`, so one notebook's figures agree across commands.
    public static var assumptionKeys: [AssumptionKey] {
        [.paidHours, .shrinkage, .occupancy, .productiveHours, .costPerContactPhone, .costPerContactWebForm, .costPerContactEmail,
         .costPerContactWebchat, faceToFaceCostKey, AvoidableOptions.partialShareKey]
    }

    /// Typed settings for one run, resolved once from options, assumptions and defaults.
    struct Settings {
        var options = AvoidableOptions()
        var windowLabel = "7d"
        var threshold = 10
        var assumptionsUsed: [AssumptionUse] = []
    }

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let s = try settings(args, assumptions: context.assumptions)
        // The repeat tuples within --memory (default a quarter of physical memory), spilled to TMPDIR past it.
        let budget = try MemoryBudget.resolve(args.value(.memory))
        let directory = MemoryBudget.spillDirectory()
        let perWorker = max(1, budget / max(1, context.threads))
        var (sink, ingest, taxonomy) = try ContactData.read(args, context: context) {
            SpillingAnalysisSink(budgetBytes: perWorker, directory: directory, heldBytes: budget)
        }
        defer { sink.repeats.removeRuns() }
        try ContactData.finishCube(&sink.cube, ingest, taxonomy, args: args)
        let result = try Avoidable.analyse(cube: sink.cube, spilled: &sink.repeats, wraps: ingest.wraps,
                                           taxonomy: taxonomy, options: s.options)
        var report = AvoidableReport.build(result, windowLabel: s.windowLabel, threshold: s.threshold, taxonomyFile: taxonomy?.file)
        report.assumptions = s.assumptionsUsed
        if ingest.rowsRejected > 0 {
            report.method.append("\(Format.count(ingest.rowsRejected)) rows were rejected on reading and are not in any figure (see the provenance appendix).")
        }
        return report
    }

    static func settings(_ args: ParsedArguments, assumptions set: AssumptionSet) throws(ToolError) -> Settings {
        let window = try RepeatWindow.parse(args.value(.repeatWindow) ?? "7d")
        let threshold = try CommonOptions.suppression(args)
        var options = AvoidableOptions()
        options.windowSeconds = window.seconds
        options.productiveHours = try Scenario.hours(set)
        var used: [AssumptionUse] = []
        for key in assumptionKeys {
            if let a = set[key.name] {
                used.append(a.use)
            } else if let use = key.defaultUse {
                used.append(use)
            }
        }
        for ch in Channel.allCases {
            let key = "cost_per_contact.\(ch.name)"
            options.costPerContact[Int(ch.rawValue)] = try set.value(key, .pounds)?.central
                ?? assumptionKeys.first { $0.name == key }?.defaultValue
        }
        if let p = try set.value(AvoidableOptions.partialShareKey) { options.partialShare = p.central }
        return Settings(options: options, windowLabel: window.label, threshold: threshold, assumptionsUsed: used)
    }
}
