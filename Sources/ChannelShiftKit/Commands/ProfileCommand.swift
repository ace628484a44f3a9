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
        let given = args.all("data") + args.positionals
        guard !given.isEmpty else { throw .usage("no contact data given", hint: "channelshift profile data/sample-contacts.csv") }
        var paths: [String] = []
        for p in given { paths.append(try context.resolve(p, argument: "FILE")) }
        var options = IngestOptions(strict: args.flag("strict"), threads: context.threads, showProgress: context.showProgress, log: context.log)
        if let m = args.value("mapping") {
            options.mappingPath = try context.resolve(m, argument: "--mapping")
            options.mappingDisplay = context.display(options.mappingPath!)
        }
        var taxonomy: Taxonomy?
        if let t = args.value("taxonomy") {
            let path = try context.resolve(t, argument: "--taxonomy")
            taxonomy = try Taxonomy.load(path, display: context.display(path))
        }
        var (sink, ingest) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options) { ProfileSink() }
        sink.cube.finish()
        return Profile.report(cube: sink.cube, ingest: ingest, taxonomy: taxonomy, duplicates: sink.duplicateIDs(), suppress: suppress)
    }
}
