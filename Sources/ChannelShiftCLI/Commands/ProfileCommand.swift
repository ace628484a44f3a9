// `channelshift profile FILE...`: data-quality profile of contact exports.
import ChannelShiftKit

public enum ProfileCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "profile",
        summary: "data-quality profile of contact exports: rows read, accepted, rejected by reason, coverage",
        usage: "channelshift profile [options] FILE...",
        discussion: "Reads each export once (streamed, on all cores) and reports what was read, what was rejected and why,\nthe date range, contacts by channel, line and reason, field completeness, unmapped reasons, duplicates and outliers.",
        options: CommonOptions.dataInput + [OptionSpec(.listProfiles, help: "list the platform profiles --profile accepts, and stop")],
        positionals: "FILE...",
        example: "channelshift profile --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        if args.flag(.listProfiles) { return Profile.platformProfiles() }
        let suppress = try CommonOptions.suppression(args)
        let (sink, ingest, taxonomy) = try ContactData.read(args, context: context, intervalSummaries: true) { ProfileSink() }
        if !ingest.intervalSummaries.isEmpty { return Profile.intervalSummaries(ingest.intervalSummaries, suppress: suppress) }
        let result = Profile.analyse(sink, ingest: ingest, taxonomy: taxonomy)
        let cube = result.cube
        ingest.wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { cube.stats(wrap: $0).contacts }, threshold: suppress)
        return ProfileReport.build(result, suppress: suppress)
    }
}
