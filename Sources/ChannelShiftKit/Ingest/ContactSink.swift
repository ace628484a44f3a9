// The reader's output contract: each worker fills its own sink and the sinks are merged.

/// Where records go as they are read. Each worker owns one; `merge` adds another worker's.
public protocol ContactSink: Sendable {
    mutating func add(_ r: ContactRecord)
    mutating func merge(_ other: Self)
    /// A hint before reading: about how many rows this sink will see (an over-estimate). Sinks that keep
    /// per-row tuples reserve for them once; reserved but untouched memory is not resident.
    mutating func reserve(estimatedRows: Int)
}

extension ContactSink {
    public mutating func reserve(estimatedRows: Int) {}
}
