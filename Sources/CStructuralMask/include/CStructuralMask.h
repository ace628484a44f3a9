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

/// 1 when built with the SSE2 path, 0 with the portable byte loop.
int32_t cfs_uses_sse2(void);

#ifdef __cplusplus
}
#endif

#endif
