// The record scanner's view of a buffer as a structural index: 64 bytes at a time, a bitmask of the bytes that can
// end or mark a field (delimiter, LF, quote, NUL, >= 0x80; CStructuralMask computes it with SSE2), so finding the next
// such byte is a shift and a trailing-zero count, not a test of every byte in between.
import CStructuralMask

struct StructuralCursor {
    let bytes: UnsafePointer<UInt8>
    let lim: Int
    let delimiter: UInt8
    /// Offset of the byte that `mask`'s bit 0 stands for.
    private var blockStart: Int
    private var mask: UInt64 = 0

    init(_ bytes: UnsafePointer<UInt8>, lim: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.lim = lim
        self.delimiter = delimiter
        blockStart = Int.min / 2        // no block yet: the first call computes one
    }

    /// The offset of the first structural byte at or after `q` (q >= the offset asked before), or `lim` when
    /// there is none in bytes[q..<lim]. Reads no byte outside bytes[0..<lim].
    @inline(__always)
    mutating func next(_ q: Int) -> Int {
        let rel = q &- blockStart
        if UInt(bitPattern: rel) < 64 {
            let m = mask &>> UInt64(truncatingIfNeeded: rel)
            if m != 0 { return q &+ m.trailingZeroBitCount }
            return refill(from: blockStart &+ 64)
        }
        return refill(from: q)
    }

    /// Moves to the first block from `start` on that holds a structural byte.
    @inline(never)
    private mutating func refill(from start: Int) -> Int {
        guard start < lim else {
            blockStart = start
            mask = 0
            return lim
        }
        var m: UInt64 = 0
        let s = cfs_next_block(bytes, start, lim, delimiter, &m)
        blockStart = s
        mask = m
        return m != 0 ? s &+ m.trailingZeroBitCount : lim
    }
}
