// The record scanner's view of a buffer as a structural index: 64 bytes at a time, a bitmask of the bytes that can
// end or mark a field (delimiter, LF, quote, NUL, >= 0x80; CStructuralMask computes it with SSE2), so finding the
// next such byte is a shift and a trailing-zero count, not a test of every byte in between.
import CStructuralMask

struct StructuralCursor {
    let bytes: UnsafePointer<UInt8>
    let lim: Int
    let delimiter: UInt8
    /// Bytes >= 0x80 are text to the plain splitter (text the reader converted itself: well-formed UTF-8).
    let highIsText: Bool
    /// Offset of the byte that `mask`'s bit 0 stands for (cfs_split_plain moves both).
    var blockStart: Int
    var mask: UInt64 = 0

    init(_ bytes: UnsafePointer<UInt8>, lim: Int, delimiter: UInt8, highIsText: Bool = false) {
        self.bytes = bytes
        self.lim = lim
        self.delimiter = delimiter
        self.highIsText = highIsText
        blockStart = Int.min / 2        // no block yet: the first call computes one
    }

    /// The offset of the first structural byte at or after `q` (0 <= q <= lim), or `lim` when bytes[q..<lim] hold
    /// none. Reads no byte outside bytes[0..<lim]. Cheapest when each q is at or after the one asked before.
    @inline(__always)
    mutating func next(_ q: Int) -> Int {
        let rel = q &- blockStart
        let inBlock = UInt(bitPattern: rel) < 64
        if inBlock {
            let m = mask &>> UInt64(truncatingIfNeeded: rel)
            if m != 0 { return q &+ m.trailingZeroBitCount }
        }
        // The rest of this block has none (or q lies outside it): on to the next block that has one.
        let from = inBlock ? blockStart &+ 64 : q
        var m: UInt64 = 0
        let s = from < lim ? cfs_next_block(bytes, from, lim, delimiter, &m) : lim
        blockStart = s
        mask = m
        return m != 0 ? s &+ m.trailingZeroBitCount : lim
    }
}

extension StructuralCursor {
    /// Tests turn the C splitter off to compare it with the general loop of scanRecords, its reference.
    nonisolated(unsafe) static var plainSplitEnabled = true

    /// Whether Swift lays out FieldSlice as C's cfs_field (cfs_split_plain writes FieldSlices through it).
    static let fieldLayoutMatchesC: Bool =
        MemoryLayout<FieldSlice>.stride == MemoryLayout<cfs_field>.stride
        && MemoryLayout<FieldSlice>.offset(of: \FieldSlice.start) == MemoryLayout<cfs_field>.offset(of: \cfs_field.start)
        && MemoryLayout<FieldSlice>.offset(of: \FieldSlice.end) == MemoryLayout<cfs_field>.offset(of: \cfs_field.end)
        && MemoryLayout<FieldSlice>.offset(of: \FieldSlice.escaped) == MemoryLayout<cfs_field>.offset(of: \cfs_field.escaped)
        && MemoryLayout<Bool>.size == 1

    /// Splits the plain record at `start` (see cfs_split_plain): its field count, written to `fields`, and the offset
    /// after its LF; count 0 when it is not plain, and then nothing has changed.
    @inline(__always)
    mutating func splitPlain(from start: Int, fields: UnsafeMutableBufferPointer<FieldSlice>) -> (count: Int, end: Int) {
        var end = 0
        let n = cfs_split_plain(bytes, start, lim, delimiter, UnsafeMutableRawPointer(fields.baseAddress!), fields.count,
                                &blockStart, &mask, &end, highIsText ? 1 : 0)
        return (n, end)
    }
}
