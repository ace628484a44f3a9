// Streaming ingest of contact exports: bytes -> column mapping -> validated records + counted rejections.
import Foundation

public struct IngestOptions: Sendable {
    public var mappingPath: String?
    public var mappingDisplay: String?
    public var strict: Bool
    public var hash = true                 // SHA-256 of each input for the provenance appendix
    public var threads: Int
    public var showProgress: Bool
    public var log: @Sendable (String) -> Void

    public init(mappingPath: String? = nil, strict: Bool = false, threads: Int = 2, showProgress: Bool = false,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.mappingPath = mappingPath
        self.strict = strict
        self.threads = threads
        self.showProgress = showProgress
        self.log = log
    }
}

/// What happened to one input file.
public struct FileIngestResult: Sendable {
    public var path: String                    // as shown in reports (project-relative)
    public var sha256: String
    public var bytes: Int
    public var rowsRead = 0                    // data rows (records after the header; blank lines are not rows)
    public var rowsAccepted = 0
    public var rejections: [String: Int] = [:]       // reason -> count
    public var examples: [String] = []               // first examples, "file:line: reason"
    public var emptyFields: [String: Int] = [:]      // canonical field -> accepted rows where it was empty
    public var mappedColumns: [String: String] = [:] // canonical field -> header used
    public var blankLines = 0                        // blank lines skipped (not rows)
    public var rereadInOneRange = false              // a parallel split fell inside a quoted field

    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }

    public var rowsRejected: Int { rejections.values.reduce(0, +) }

    public var provenance: InputProvenance {
        InputProvenance(path: path, sha256: sha256, bytes: bytes, rowsRead: rowsRead, rowsAccepted: rowsAccepted,
                        rowsRejected: rowsRejected,
                        rejectionsByReason: rejections.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}

public struct IngestResult: Sendable {
    public var files: [FileIngestResult]
    public var wraps: WrapDictionary

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsAccepted: Int { files.reduce(0) { $0 + $1.rowsAccepted } }
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rowsRejected } }
    public var provenance: [InputProvenance] { files.map(\.provenance) }

    public var rejections: [String: Int] {
        files.reduce(into: [:]) { acc, f in for (k, v) in f.rejections { acc[k, default: 0] += v } }
    }
}

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

    /// An analysis of no contacts is not a result: "0 contacts, 0.0% avoidable, 0.0 FTE" would reach a committee
    /// as if it were one. Every analysis (and so every notebook cell) stops here instead; `profile` does not,
    /// because showing why rows were rejected is its job.
    public static func requireContacts(_ result: IngestResult) throws(ToolError) {
        guard result.rowsAccepted == 0 else { return }
        let names = result.files.map(\.path)
        let shown = names.count == 1 ? names[0] : "the \(names.count) files"
        let location = names.count == 1 ? SourceLocation(file: names[0]) : nil
        let profile = "channelshift profile " + names.joined(separator: " ")
        if result.rowsRead == 0 {
            throw .data("\(shown) \(names.count == 1 ? "has" : "have") a header but no rows: no contacts to analyse", at: location,
                        hint: "check that the export finished and is the right file")
        }
        let reasons = result.rejections.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \(Format.count($0.value))" }.joined(separator: ", ")
        throw .data("all \(Format.count(result.rowsRead)) rows of \(shown) were rejected (\(reasons)): no contacts to analyse", at: location,
                    hint: "run '\(profile)' to see examples; fix the export or describe it with --mapping FILE")
    }

    /// Months a stray date may lie from the bulk of the data before the span is refused.
    public static let plausibleSpanMarginMonths = 12

    /// A few rows dated far from the rest (1900-01-01 from an empty date cell, 2099-12-31 as "no end") stretch
    /// the period every annual and per-day figure divides by: two such rows turn six months into 200 years and
    /// every FTE into 0.0. The bulk is the months holding all but the earliest and latest 1% of contacts; a
    /// contact more than a year outside it makes the span implausible, and the analysis stops rather than
    /// publish diluted figures.
    public static func requirePlausibleSpan(_ cube: ContactCube, _ result: IngestResult) throws(ToolError) {
        let months = cube.byMonth.map { (month: $0.key, contacts: $0.value.reduce(0) { $0 + $1.contacts }) }.sorted { $0.month < $1.month }
        let total = months.reduce(0) { $0 + $1.contacts }
        guard let first = months.first?.month, let last = months.last?.month, total > 0 else { return }
        let trim = total / 100
        var seen = 0, low = first, high = last
        for m in months { seen += m.contacts; if seen > trim { low = m.month; break } }
        seen = 0
        for m in months.reversed() { seen += m.contacts; if seen > trim { high = m.month; break } }
        let margin = plausibleSpanMarginMonths
        guard first < low - margin || last > high + margin else { return }
        let outside = months.filter { $0.month < low - margin || $0.month > high + margin }.reduce(0) { $0 + $1.contacts }
        let names = result.files.map(\.path)
        throw .data("dates run from \(CivilTime.formatMonth(first)) to \(CivilTime.formatMonth(last)), but all but the earliest and latest 1% of contacts fall in "
                    + "\(CivilTime.formatMonth(low)) to \(CivilTime.formatMonth(high)); \(Format.count(outside)) contact\(outside == 1 ? "" : "s") lie more "
                    + "than a year outside it and would spread every yearly and per-day figure over the whole span",
                    at: names.count == 1 ? SourceLocation(file: names[0]) : nil,
                    hint: "run 'channelshift profile \(names.joined(separator: " "))' to find the stray dates (placeholders such as 1900-01-01 or 2099-12-31), then fix or remove those rows")
    }

    /// The --taxonomy file, if given.
    public static func loadTaxonomy(_ args: ParsedArguments, context: CommandContext) throws(ToolError) -> Taxonomy? {
        guard let t = args.value("taxonomy") else { return nil }
        let path = try context.resolve(t, argument: "--taxonomy")
        return try Taxonomy.load(path, display: context.display(path))
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
        let paths = try dataPaths(args, context: context)
        let options = try IngestOptions(args, context: context)
        let taxonomy = try loadTaxonomy(args, context: context)
        let (sink, result) = try ContactReader.read(paths: paths, display: paths.map(context.display), options: options) {
            ContactAnalysisSink(trackRepeats: trackRepeats)
        }
        try requireContacts(result)
        var s = sink
        s.cube.finish()
        try requirePlausibleSpan(s.cube, result)
        let cube = s.cube
        result.wraps.withholdUnsafeLabels(taxonomy: taxonomy, contacts: { cube.stats(wrap: $0).contacts },
                                          threshold: try CommonOptions.suppression(args))
        if trackRepeats { s.repeats.sort(threads: context.threads) }
        return ContactData(sink: s, ingest: result, taxonomy: taxonomy)
    }
}
