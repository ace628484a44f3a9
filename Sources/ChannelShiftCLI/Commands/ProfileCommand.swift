// `channelshift profile FILE...`: data-quality profile of contact exports.
import ChannelShiftKit

public enum ProfileCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "profile",
        summary: "data-quality profile of contact exports: rows read, accepted, rejected by reason, coverage",
        usage: "channelshift profile [options] FILE...",
        discussion: "Reads each export once (streamed, on all cores) and reports what was read, what was rejected and why,\nthe date range, contacts by channel, line and reason, field completeness, unmapped reasons, duplicates and outliers.",
        options: CommonOptions.dataInput + [OptionSpec(.listProfiles, help: "list the platform profiles --profile accepts, and stop"),
                                            OptionSpec(.memory, value: "SIZE", help: "keep contact ids (for duplicates) within SIZE (e.g. 1G; default a quarter of physical memory), spilling sorted runs to TMPDIR past it; same results")],
        positionals: "FILE...",
        example: "channelshift profile --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        if args.flag(.listProfiles) { return Profile.platformProfiles() }
        let suppress = try CommonOptions.suppression(args)
        // Contact ids within --memory (default a quarter of physical memory), split between the reader's threads.
        let perWorker = max(1, try MemoryBudget.resolve(args.value(.memory)) / max(1, context.threads))
        let directory = MemoryBudget.spillDirectory()
        let (sink, ingest, taxonomy) = try ContactData.read(args, context: context, intervalSummaries: true) {
            ProfileSink(budgetBytes: perWorker, directory: directory)
        }
        defer { sink.removeRuns() }
        if !ingest.intervalSummaries.isEmpty { return Profile.intervalSummaries(ingest.intervalSummaries, suppress: suppress) }
        let result = try Profile.analyse(sink, ingest: ingest, taxonomy: taxonomy)
        let cube = result.cube
        ingest.wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { cube.stats(wrap: $0).contacts }, threshold: suppress)
        return ProfileReport.build(result, suppress: suppress)
    }
}
