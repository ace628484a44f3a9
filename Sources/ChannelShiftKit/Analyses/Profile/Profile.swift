// Data-quality profile of contact exports: what was read, what was rejected and why, what the data covers.

/// Cube plus the contact ids (as sortable 16-byte prefixes) so duplicates can be counted after the pass.
public struct ProfileSink: ContactSink {
    public var cube = ContactCube()
    public var ids: [ContactOrder] = []

    public init() {}

    @inline(__always)
    public mutating func add(_ r: ContactRecord) {
        cube.add(r)
        ids.append(r.order)
    }

    public mutating func merge(_ o: ProfileSink) {
        cube.merge(o.cube)
        ids.append(contentsOf: o.ids)
    }

    /// Rows whose contact id repeats an earlier one (ids compared on their first 16 bytes).
    public func duplicateIDs() -> Int {
        var sorted = ids
        sorted.sort()
        var dups = 0
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { dups += 1 }
        return dups
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
    public static func analyse(_ sink: ProfileSink, ingest: IngestResult, taxonomy: Taxonomy?) -> ProfileResult {
        var cube = sink.cube
        cube.finish()
        return ProfileResult(cube: cube, ingest: ingest, taxonomy: taxonomy, duplicates: sink.duplicateIDs())
    }
}
