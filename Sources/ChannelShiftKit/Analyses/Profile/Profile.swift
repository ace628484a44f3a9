// Data-quality profile of contact exports: what was read, what was rejected and why, what the data covers.

/// Cube plus the contact ids (as sortable 16-byte prefixes) so duplicates can be counted after the pass. With a
/// budget, the ids past it are sorted and written as runs to a temporary directory, and merged back to count.
public struct ProfileSink: ContactSink {
    public var cube = ContactCube()
    public var ids: [ContactOrder] = []
    /// Ids one worker holds before a run is written (Int.max: never), and where runs go.
    let budgetIDs: Int
    let directory: String
    var runs: [String] = []
    var failure: String?

    /// `budgetBytes` for one worker's ids (nil: all in memory); runs under `directory` (created if needed).
    public init(budgetBytes: Int? = nil, directory: String? = nil) {
        budgetIDs = budgetBytes.map { max(1, $0 / MemoryLayout<ContactOrder>.stride) } ?? Int.max
        self.directory = directory ?? MemoryBudget.spillDirectory()
    }

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        cube.add(r)
        ids.append(r.order)
        if ids.count >= budgetIDs { spill() }
    }

    mutating func spill() {
        guard !ids.isEmpty, failure == nil else { ids.removeAll(keepingCapacity: true); return }
        ids.sort()
        let path = SortedRuns.newRunPath(in: directory)
        if let problem = SpillingRepeats.write(ids, to: path) { failure = problem } else { runs.append(path) }
        ids.removeAll(keepingCapacity: true)
    }

    public mutating func merge(_ o: ProfileSink) {
        cube.merge(o.cube)
        runs += o.runs
        if failure == nil { failure = o.failure }
        ids.append(contentsOf: o.ids)
        if ids.count >= budgetIDs { spill() }
    }

    /// Rows whose contact id repeats an earlier one (ids compared on their first 16 bytes).
    public func duplicateIDs() throws(ToolError) -> Int {
        if let failure {
            throw .data("could not spill contact ids to disk: \(failure)", at: SourceLocation(file: directory),
                        hint: "free disk space in the temporary directory (TMPDIR), or give more --memory")
        }
        var sorted = ids
        sorted.sort()
        var dups = 0
        var previous: ContactOrder?
        try SortedRuns.merge(runs: runs, memory: [sorted], bufferEntries: max(64, min(budgetIDs, 1 << 20) / (runs.count + 1)),
                             blank: ContactOrder(hi: 0, lo: 0), by: <) { id in
            if previous == id { dups += 1 }
            previous = id
        }
        return dups
    }

    /// Deletes the runs and their directory.
    public func removeRuns() {
        SortedRuns.remove(runs, directory: directory)
    }
}

/// What the profile found: the cube of accepted contacts, what the reader accepted and rejected, the taxonomy
/// the reasons are checked against, and the duplicate contact ids.
public struct ProfileResult: Sendable {
    public var cube: ContactCube
    public var ingest: IngestResult
    public var taxonomy: Taxonomy?
    public var duplicates: Int
}

public enum Profile {
    /// Finishes the sink's cube and counts duplicate ids: the whole analysis; the rest is formatting.
    public static func analyse(_ sink: ProfileSink, ingest: IngestResult, taxonomy: Taxonomy?) throws(ToolError) -> ProfileResult {
        var cube = sink.cube
        cube.finish()
        return ProfileResult(cube: cube, ingest: ingest, taxonomy: taxonomy, duplicates: try sink.duplicateIDs())
    }
}
