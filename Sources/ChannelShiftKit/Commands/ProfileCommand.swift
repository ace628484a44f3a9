// `channelshift profile FILE...`: data-quality profile of contact exports.

public enum ProfileCommand: AnalysisCommand {
    public static let spec = CommandSpec(
        name: "profile",
        summary: "data-quality profile of contact exports: rows read, accepted, rejected by reason, coverage",
        usage: "channelshift profile [options] FILE...",
        discussion: "Reads each export once (streamed, on all cores) and reports what was read, what was rejected and why,\nthe date range, contacts by channel, line and reason, field completeness, unmapped reasons, duplicates and outliers.",
        options: CommonOptions.dataInput,
        positionals: "FILE...",
        example: "channelshift profile --taxonomy Models/wrap-codes.csv data/sample-contacts.csv")

    public static func report(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> AnalysisReport {
        let suppress = try CommonOptions.suppression(args)
        let paths = try ContactData.dataPaths(args, context: context)
        let options = try IngestOptions(args, context: context)
        let taxonomy = try ContactData.loadTaxonomy(args, context: context)
        var (sink, ingest) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options) { ProfileSink() }
        sink.cube.finish()
        let cube = sink.cube
        ingest.wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { cube.stats(wrap: $0).contacts }, threshold: suppress)
        return Profile.report(cube: sink.cube, ingest: ingest, taxonomy: taxonomy, duplicates: sink.duplicateIDs(), suppress: suppress)
    }
}
