// Streaming ingest of contact exports: bytes -> column mapping -> validated records + counted rejections.
import Foundation

public struct IngestOptions: Sendable {
    public var mappingPath: String?
    public var mappingDisplay: String?
    public var strict: Bool
    public var hash = true                 // SHA-256 of each input for the provenance appendix
    public var threads: Int
    public var showProgress: Bool
    public var encoding: TextEncoding?          // --encoding: overrides detection
    public var skipRows: Int?                   // --skip-rows: lines above the header
    public var dateOrder: DateOrder?            // --date-order: how slash dates are read (default: from the file)
    var earlierIDs: EarlierContactIDs?          // set by the reader when several files are read
    var decodedChunkBytes = 4 << 20             // decoded text per parallel work item (tests make it small)
    public var profile: PlatformProfile?        // --profile: the platform's export layout (default: detected)
    public var clock: ExportClock?              // --timezone: Europe/London or UTC for a UTC platform's times
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
    public var reading = InputReading()              // encoding, compression, delimiter, header line
    public var dateEvidence = DateOrderEvidence()    // slash dates by which part is above 12
    public var legsRead = 0                          // accepted rows that were legs of journeys (0: no journey key)
    public var contactsFormed = 0                    // contacts after legs sharing a journey key were collapsed
    var acceptedIDs: [UInt64] = []                   // id hashes, only while several files are read

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
        if let e = args.value("encoding") {
            guard let enc = TextEncoding(name: e) else {
                throw .usage("--encoding must be one of " + TextEncoding.allCases.map(\.rawValue).joined(separator: ", ") + ", got '\(e)'",
                             hint: "Excel's 'CSV (Comma delimited)' on Windows is windows-1252; 'Unicode text' is utf-16le")
            }
            encoding = enc
        }
        if let p = args.value("profile") {
            guard let profile = PlatformProfile.named(p) else {
                throw .usage("unknown --profile '\(p)'", hint: "profiles: " + PlatformProfile.all.map(\.name).joined(separator: ", ") +
                             " ('channelshift profile --list-profiles' describes them)")
            }
            guard mappingPath == nil else { throw .usage("--profile and --mapping both describe the columns", hint: "give one of them") }
            self.profile = profile
        }
        if let tz = args.value("timezone") {
            switch tz.lowercased() {
            case "europe/london", "uk", "gb": clock = .utcToLondon
            case "utc", "gmt", "etc/utc": clock = .utc
            default: throw .usage("--timezone must be Europe/London or UTC, got '\(tz)'", hint: "councils report in UK time: Europe/London (GMT and BST)")
            }
        }
        if let d = args.value("date-order") {
            guard let order = DateOrder(rawValue: d.lowercased()) else {
                throw .usage("--date-order must be dmy or mdy, got '\(d)'", hint: "dmy: 01/07/2022 is 1 July (UK); mdy: it is 7 January (US)")
            }
            dateOrder = order
        }
        if args.value("skip-rows") != nil { skipRows = try args.int("skip-rows", default: 0, range: 0...1000) }
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
        var s = sink
        s.cube.finish()
        if trackRepeats { s.repeats.sort(threads: context.threads) }
        return ContactData(sink: s, ingest: result, taxonomy: taxonomy)
    }
}
