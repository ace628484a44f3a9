// Structural bitmasks for the record scanner (see CStructuralMask.h); one call covers a run of blocks.
#include "CStructuralMask.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/// The structural bits of the 16 bytes at p (unaligned load). A signed compare with 1 catches NUL and every byte
/// >= 0x80 (negative as signed) at once.
static inline uint32_t mask16(const uint8_t *p, __m128i delim, __m128i lf, __m128i quote, __m128i one) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delim), _mm_cmpeq_epi8(v, lf)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmplt_epi8(v, one)));
    return (uint32_t)_mm_movemask_epi8(hit);
}

#define CFS_CONSTANTS \
    const __m128i delim = _mm_set1_epi8((char)d), lf = _mm_set1_epi8(10), quote = _mm_set1_epi8(34), one = _mm_set1_epi8(1)

static inline uint64_t mask64(const uint8_t *p, __m128i delim, __m128i lf, __m128i quote, __m128i one) {
    uint64_t a = mask16(p, delim, lf, quote, one);
    uint64_t b = mask16(p + 16, delim, lf, quote, one);
    uint64_t c = mask16(p + 32, delim, lf, quote, one);
    uint64_t e = mask16(p + 48, delim, lf, quote, one);
    return a | (b << 16) | (c << 32) | (e << 48);
}

static inline uint64_t mask_upto64(const uint8_t *p, size_t n, uint8_t d, __m128i delim, __m128i lf, __m128i quote, __m128i one) {
    if (n >= 64) return mask64(p, delim, lf, quote, one);
    uint64_t m = 0;
    size_t k = 0;
    for (; k + 16 <= n; k += 16) m |= (uint64_t)mask16(p + k, delim, lf, quote, one) << k;
    return m | (cfs_mask_scalar(p + k, n - k, d) << k);
}

uint64_t cfs_mask(const uint8_t *p, size_t n, uint8_t d) {
    CFS_CONSTANTS;
    return mask_upto64(p, n, d, delim, lf, quote, one);
}

size_t cfs_next_block(const uint8_t *p, size_t from, size_t lim, uint8_t d, uint64_t *mask) {
    CFS_CONSTANTS;
    size_t s = from;
    for (; s + 64 <= lim; s += 64) {
        uint64_t m = mask64(p + s, delim, lf, quote, one);
        if (m) { *mask = m; return s; }
    }
    if (s < lim) {
        uint64_t m = mask_upto64(p + s, lim - s, d, delim, lf, quote, one);
        if (m) { *mask = m; return s; }
    }
    *mask = 0;
    return lim;
}

int32_t cfs_uses_sse2(void) { return 1; }

#else

uint64_t cfs_mask(const uint8_t *p, size_t n, uint8_t d) { return cfs_mask_scalar(p, n, d); }

size_t cfs_next_block(const uint8_t *p, size_t from, size_t lim, uint8_t d, uint64_t *mask) {
    for (size_t s = from; s < lim; s += 64) {
        uint64_t m = cfs_mask_scalar(p + s, lim - s, d);
        if (m) { *mask = m; return s; }
    }
    *mask = 0;
    return lim;
}

int32_t cfs_uses_sse2(void) { return 0; }

#endif
