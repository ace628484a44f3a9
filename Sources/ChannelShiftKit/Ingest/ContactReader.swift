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
    var mapWindowBytes: Int? = 8 << 20          // a plain file's bytes mapped at once per worker; nil: read() (tests vary it)
    public var profile: PlatformProfile?        // --profile: the platform's export layout (default: detected)
    public var clock: ExportClock?              // --timezone: the IANA zone a UTC platform's times are shown in
    public var intervalLayout: IntervalLayout?  // --profile naming an interval-summary layout
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
    public var intervalSummary: String?              // the interval-summary layout's name, when the file is one
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
    /// The interval summaries read, when the input was summaries rather than contacts (IntervalSummaryReader).
    public var intervalSummaries: [IntervalSummary] = []

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsAccepted: Int { files.reduce(0) { $0 + $1.rowsAccepted } }
    public var rowsRejected: Int { files.reduce(0) { $0 + $1.rowsRejected } }
    public var provenance: [InputProvenance] { files.map(\.provenance) }

    public var rejections: [String: Int] {
        files.reduce(into: [:]) { acc, f in for (k, v) in f.rejections { acc[k, default: 0] += v } }
    }
}
