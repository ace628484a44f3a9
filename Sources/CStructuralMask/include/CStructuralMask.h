// Structural bitmasks for the CSV record scanner (ContactStream.swift's scanRecords): for 64 bytes at a time, one bit
// per byte that can end or mark a field (the delimiter, LF, the double quote, NUL and any byte >= 0x80), so the
// scanner jumps from one such byte to the next with a trailing-zero count instead of testing every byte: the
// structural index of simdjson and simdcsv (Langdale and Lemire, "Parsing Gigabytes of JSON per Second", 2019).
// SSE2 (baseline x86-64) when the compiler has it, a portable byte loop otherwise.
#ifndef CSTRUCTURALMASK_H
#define CSTRUCTURALMASK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether byte `c` is structural for delimiter `d`: d, LF, '"', NUL or >= 0x80.
static inline int cfs_is_structural(uint8_t c, uint8_t d) {
    return c == d || c == 10 || c == 34 || c == 0 || c >= 0x80;
}

/// The structural mask of p[0..<n], one byte at a time (n <= 64): bit k set when p[k] is structural; bits at and
/// above n clear. The reference the SIMD version is tested against, and the fallback without SSE2.
static inline uint64_t cfs_mask_scalar(const uint8_t *p, size_t n, uint8_t d) {
    uint64_t m = 0;
    for (size_t k = 0; k < n && k < 64; k++) {
        if (cfs_is_structural(p[k], d)) m |= (uint64_t)1 << k;
    }
    return m;
}

/// The structural mask of p[0..<min(n, 64)]: whole 16-byte groups with SIMD, any rest byte by byte, so no byte at
/// or past p[n] is read (a memory-mapped window may end there).
uint64_t cfs_mask(const uint8_t *p, size_t n, uint8_t d);

/// The first 64-byte block p[s..<min(s + 64, lim)], for s = from, from + 64, ..., that holds a structural byte:
/// returns s and stores its mask in *mask; returns lim (mask 0) when bytes[from..<lim] hold none. Reads no byte
/// outside p[from..<lim].
size_t cfs_next_block(const uint8_t *p, size_t from, size_t lim, uint8_t d, uint64_t *mask);

/// One field as the record parser takes it: the layout of Swift's FieldSlice (RecordParser.swift: start, end: Int;
/// escaped: Bool). The scanner checks the two layouts agree (MemoryLayout) before it lets C write FieldSlices.
typedef struct {
    intptr_t start;
    intptr_t end;
    _Bool escaped;
} cfs_field;

/// Splits the record at p[start] when it is plain: unquoted fields, and quoted ones with no doubled quote, LF, NUL or
/// non-ASCII byte inside, closed just before a delimiter, LF or CR LF; no NUL or non-ASCII byte anywhere; a LF before
/// lim; at most `capacity` fields. Writes the fields to `fields` (cfs_field[capacity]) as scanRecords' general loop
/// would (a field ended by CR LF loses the CR; a quoted field is the text between its quotes), stores the offset after
/// the LF in *end and returns the field count; returns 0 when the record is not plain (nothing else then changes).
/// *block_start and *mask are the scanner's cursor (the block of 64 bytes last examined and its structural mask, bits
/// below the next offset to look at possibly cleared); on success they are left at the block holding the LF, with
/// the bits up to the LF cleared. Reads no byte outside p[start..<lim]. With `high_is_text`, bytes >= 0x80 are plain
/// text (the reader sets it for text it converted itself, which is well-formed UTF-8 and needs no check).
intptr_t cfs_split_plain(const uint8_t *p, intptr_t start, intptr_t lim, uint8_t d, void *fields, intptr_t capacity,
                         intptr_t *block_start, uint64_t *mask, intptr_t *end, int32_t high_is_text);

/// 1 when built with the SSE2 path, 0 with the portable byte loop.
int32_t cfs_uses_sse2(void);

#ifdef __cplusplus
}
#endif

#endif
