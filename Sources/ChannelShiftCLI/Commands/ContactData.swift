// Loading contact data from the common data options: --data and positionals, --mapping, --strict, --taxonomy.
import ChannelShiftKit

extension IngestOptions {
    /// Options from the common data flags (--mapping, --strict) and the run's context.
    public init(_ args: ParsedArguments, context: CommandContext) throws(ToolError) {
        self.init(strict: args.flag(.strict), threads: context.threads, showProgress: context.showProgress, log: context.log)
        if let m = args.value(.mapping) {
            mappingPath = try context.resolve(m, argument: "--mapping")
            mappingDisplay = context.display(mappingPath!)
        }
        if let e = args.value(.encoding) {
            guard let enc = TextEncoding(name: e) else {
                throw .usage("--encoding must be one of " + TextEncoding.allCases.map(\.rawValue).joined(separator: ", ") + ", got '\(e)'",
                             hint: "Excel's 'CSV (Comma delimited)' on Windows is windows-1252; 'Unicode text' is utf-16le")
            }
            encoding = enc
        }
        if let p = args.value(.profile) {
            guard mappingPath == nil else { throw .usage("--profile and --mapping both describe the columns", hint: "give one of them") }
            if let layout = IntervalLayout.named(p) {
                intervalLayout = layout
            } else if let profile = PlatformProfile.named(p) {
                self.profile = profile
            } else {
                throw .usage("unknown --profile '\(p)'", hint: "profiles: " + (PlatformProfile.all.map(\.name) + IntervalLayout.all.map(\.name)).joined(separator: ", ") +
                             " ('channelshift profile --list-profiles' describes them)")
            }
        }
        if let tz = args.value(.timezone) {
            guard let named = ExportClock.named(tz) else {
                throw .usage("--timezone '\(tz)' is not a time zone", hint: "give an IANA zone name such as Europe/London (the default: GMT and BST), UTC or America/New_York")
            }
            clock = named
        }
        if let d = args.value(.dateOrder) {
            guard let order = DateOrder(rawValue: d.lowercased()) else {
                throw .usage("--date-order must be dmy or mdy, got '\(d)'", hint: "dmy: 01/07/2022 is 1 July (UK); mdy: it is 7 January (US)")
            }
            dateOrder = order
        }
        if args.value(.skipRows) != nil { skipRows = try args.int(.skipRows, default: 0, range: 0...1000) }
    }
}

extension ContactData {
    /// Export paths from --data and positional arguments, resolved; at least one is required.
    public static func dataPaths(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> [String] {
        let given = args.all(.data) + args.positionals
        guard !given.isEmpty else {
            throw .usage("no contact data given", hint: "pass an export with --data FILE (or as an argument), e.g. data/sample-contacts.csv")
        }
        var paths: [String] = []
        for p in given {
            if p == "-" {
                // stdin: not from a notebook cell, and once only.
                guard context.projectRoot == nil else { throw .usage("'-' (stdin) cannot be read from a notebook cell", hint: "name the export file") }
                guard !paths.contains("-") else { throw .usage("'-' (stdin) is given twice", hint: "stdin can be read once") }
                paths.append(p)
                continue
            }
            paths.append(try context.resolve(p, argument: "--data"))
        }
        return paths
    }

    /// The --taxonomy file, if given, recorded in the input log.
    public static func loadTaxonomy(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> Taxonomy? {
        guard let t = args.value(.taxonomy) else { return nil }
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

    /// `intervalSummaries`: the command works on interval aggregates, so an interval summary may stand in
    /// for contacts (demand, capacity); every other command is refused one by the reader.
    public static func load(_ args: ParsedArguments, context: CommandContext, trackRepeats: Bool,
                            intervalSummaries: Bool = false) throws(ToolError) -> ContactData {
        let (sink, result, taxonomy) = try read(args, context: context, intervalSummaries: intervalSummaries) { ContactAnalysisSink(trackRepeats: trackRepeats) }
        return try finish(sink, result, taxonomy, args: args, context: context)
    }

    /// What every command does once the pass is over, in one place: refuse data with no contacts or an absurd
    /// span, withhold unsafe or suppressed labels (#16), and sort the repeat tuples.
    public static func finish(_ sink: ContactAnalysisSink, _ result: IngestResult, _ taxonomy: Taxonomy?,
                              args: ParsedArguments, context: CommandContext) throws(ToolError) -> ContactData {
        var sink = sink
        try finishCube(&sink.cube, result, taxonomy, args: args)
        if sink.trackRepeats { try sink.repeats.sortChecked(threads: context.threads) }
        return ContactData(sink: sink, ingest: result, taxonomy: taxonomy)
    }

    /// The checks and label withholding of `finish`, for a sink of another kind (the repeat tuples apart).
    public static func finishCube(_ cube: inout ContactCube, _ result: IngestResult, _ taxonomy: Taxonomy?,
                                  args: ParsedArguments) throws(ToolError) {
        try DataChecks.requireContacts(result)
        cube.finish()
        try DataChecks.requirePlausibleSpan(cube, result)
        let finished = cube
        result.wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { finished.stats(wrap: $0).contacts },
                                          threshold: try CommonOptions.suppression(args))
    }

    /// Streams the exports into a sink of the caller's choice and records every file read in the input log: the
    /// exports first, then the taxonomy (read first, so a bad one fails before the long pass).
    public static func read<S: ContactSink>(_ args: ParsedArguments, context: CommandContext, intervalSummaries: Bool = false,
                                            makeSink: @escaping @Sendable () -> S) throws(ToolError) -> (S, IngestResult, Taxonomy?) {
        let paths = try dataPaths(args, context: context)
        let options = try IngestOptions(args, context: context)
        let taxonomyLog = InputLog()
        var taxonomyContext = context
        taxonomyContext.inputLog = taxonomyLog
        let taxonomy = try loadTaxonomy(args, context: taxonomyContext)
        let sink: S, result: IngestResult
        var layouts: [IntervalLayout?] = []
        if intervalSummaries {
            for p in paths { layouts.append(try IntervalSummaryReader.sniff(path: p, shown: context.display(p), options: options)) }
            if let s = layouts.firstIndex(where: { $0 != nil }), let c = layouts.firstIndex(where: { $0 == nil }) {
                throw .data("\(context.display(paths[s])) is an interval summary but \(context.display(paths[c])) is not",
                            at: SourceLocation(file: context.display(paths[s]), line: 1, column: 1),
                            hint: "interval summaries and contact exports cannot be mixed in one run; give files of one kind")
            }
        }
        if let first = layouts.first, let layout = first {
            (sink, result, _) = try IntervalSummaryReader.read(paths: paths, display: paths.map(context.display), layout: layout,
                                                               options: options, makeSink: makeSink)
        } else {
            (sink, result) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options, makeSink: makeSink)
        }
        context.inputLog.record(result.provenance)
        context.inputLog.record(taxonomyLog.entries)
        return (sink, result, taxonomy)
    }
}

extension ContactData {
    /// An interval summary's intervals are the finest grain it has: a shorter `--interval` would invent the
    /// shape within them.
    public static func requireIntervalAtLeast(_ minutes: Int, _ ingest: IngestResult) throws(ToolError) {
        guard let s = ingest.intervalSummaries.first(where: { $0.intervalMinutes > minutes }) else { return }
        throw .usage("--interval \(minutes) is shorter than the \(s.intervalMinutes)-minute intervals of \(s.file)",
                     hint: "give --interval \(s.intervalMinutes) (or longer): a summary cannot show the calls within its intervals")
    }
}
