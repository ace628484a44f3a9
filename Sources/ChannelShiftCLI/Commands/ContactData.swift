// Loading contact data from the common data options: --data and positionals, --mapping, --strict, --taxonomy.
import ChannelShiftKit

extension IngestOptions {
    /// Options from the common data flags (--mapping, --strict) and the run's context.
    public init(_ args: ParsedArguments, context: CommandContext) throws(ToolError) {
        self.init(strict: args.flag("strict"), threads: context.threads, showProgress: context.showProgress, log: context.log)
        if let m = args.value("mapping") {
            mappingPath = try context.resolve(m, argument: "--mapping")
            mappingDisplay = context.display(mappingPath!)
        }
    }
}

extension ContactData {
    /// Export paths from --data and positional arguments, resolved; at least one is required.
    public static func dataPaths(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> [String] {
        let given = args.all("data") + args.positionals
        guard !given.isEmpty else {
            throw .usage("no contact data given", hint: "pass an export with --data FILE (or as an argument), e.g. data/sample-contacts.csv")
        }
        var paths: [String] = []
        for p in given { paths.append(try context.resolve(p, argument: "--data")) }
        return paths
    }

    /// The --taxonomy file, if given, recorded in the input log.
    public static func loadTaxonomy(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> Taxonomy? {
        guard let t = args.value("taxonomy") else { return nil }
        return try context.readSideFile(t, argument: "--taxonomy", parse: Taxonomy.parse, accepted: \.entries.count)
    }
}

/// The usual way a command loads contact data: paths from `--data` and positionals, the taxonomy if given.
public struct ContactData: Sendable {
    public var sink: ContactAnalysisSink
    public var ingest: IngestResult
    public var taxonomy: Taxonomy?

    public var cube: ContactCube { sink.cube }
    public var wraps: WrapDictionary { ingest.wraps }

    public static func load(_ args: ParsedArguments, context: CommandContext, trackRepeats: Bool) throws(ToolError) -> ContactData {
        var (sink, result, taxonomy) = try read(args, context: context) { ContactAnalysisSink(trackRepeats: trackRepeats) }
        try DataChecks.requireContacts(result)
        sink.cube.finish()
        try DataChecks.requirePlausibleSpan(sink.cube, result)
        let cube = sink.cube
        result.wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { cube.stats(wrap: $0).contacts },
                                          threshold: try CommonOptions.suppression(args))
        if trackRepeats { sink.repeats.sort(threads: context.threads) }
        return ContactData(sink: sink, ingest: result, taxonomy: taxonomy)
    }

    /// Streams the exports into a sink of the caller's choice and records every file read in the input log: the
    /// exports first, then the taxonomy (read first, so a bad one fails before the long pass).
    public static func read<S: ContactSink>(_ args: ParsedArguments, context: CommandContext,
                                            makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, IngestResult, Taxonomy?) {
        let paths = try dataPaths(args, context: context)
        let options = try IngestOptions(args, context: context)
        let taxonomyLog = InputLog()
        var taxonomyContext = context
        taxonomyContext.inputLog = taxonomyLog
        let taxonomy = try loadTaxonomy(args, context: taxonomyContext)
        let (sink, result) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options, makeSink: makeSink)
        context.inputLog.record(result.provenance)
        context.inputLog.record(taxonomyLog.entries)
        return (sink, result, taxonomy)
    }
}
