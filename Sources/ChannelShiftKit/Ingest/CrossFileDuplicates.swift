// Contact ids already read from an earlier input: August exported in two overlapping monthly files
// must not double demand or look like repeat contact. Only used when several files are given.

/// Hashes (64-bit, of the whole trimmed id) of the ids accepted from earlier files. Read-only while a
/// file is parsed; extended between files.
final class EarlierContactIDs: @unchecked Sendable {
    var hashes = Set<UInt64>()
}

extension IngestResult {
    /// One sentence per file that lost rows to ids seen in an earlier file, for every report's output.
    public var crossFileWarnings: [String] {
        files.compactMap { f in
            guard let n = f.rejections[RejectionReason.duplicateFromEarlierFile.rawValue], n > 0 else { return nil }
            return "Warning: \(n) rows of \(f.path) repeat contact ids already read from an earlier file and were dropped (not counted twice)."
        }
    }
}

extension AnalysisReport {
    /// Ingest warnings every output carries: rows dropped because an earlier input already held them.
    public var inputWarnings: [String] {
        inputs.compactMap { i in
            guard let n = i.rejectionsByReason.first(where: { $0.0 == RejectionReason.duplicateFromEarlierFile.rawValue })?.1, n > 0 else { return nil }
            return "Warning: \(n) rows of \(i.path) repeat contact ids already read from an earlier file and were dropped (not counted twice)."
        }
    }
}
