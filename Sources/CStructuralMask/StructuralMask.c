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

#define CFS_MASK_AT(q) ((q) + 64 <= lim ? mask64(p + (q), delim, lf, quote, one) : mask_upto64(p + (q), (size_t)(lim - (q)), d, delim, lf, quote, one))
#else
#define CFS_CONSTANTS
#define CFS_MASK_AT(q) cfs_mask_scalar(p + (q), (size_t)(lim - (q)), d)
#endif

intptr_t cfs_split_plain(const uint8_t *p, intptr_t start, intptr_t lim, uint8_t d, void *fields, intptr_t capacity,
                         intptr_t *block_start, uint64_t *mask, intptr_t *end, int32_t high_is_text) {
    CFS_CONSTANTS;
    cfs_field *const first = (cfs_field *)fields, *const last = first + capacity;
    cfs_field *out = first;
    intptr_t base;
    uint64_t m;
    uint64_t rel = (uint64_t)(start - *block_start);
    if (rel < 64) {
        base = *block_start;
        m = *mask & (~(uint64_t)0 << rel);
    } else {
        if (start >= lim) return 0;
        base = start;
        m = CFS_MASK_AT(start);
    }
    // The next structural byte: the lowest bit of m, else of the next block that has one (none before lim: not plain).
#define CFS_NEED_BIT() do { while (m == 0) { base += 64; if (base >= lim) return 0; m = CFS_MASK_AT(base); } } while (0)
    intptr_t fs = start;                    // first byte of the current field
    for (;;) {
        CFS_NEED_BIT();
        intptr_t q = base + __builtin_ctzll(m);
        m &= m - 1;
        uint8_t e = p[q];
        if (e == d) {
            if (out == last) return 0;
            out->start = fs; out->end = q; out->escaped = 0; out++;
            fs = q + 1;
            continue;
        }
        if (e == 10) {
            if (out == last) return 0;
            out->start = fs; out->end = (q > fs && p[q - 1] == 13) ? q - 1 : q; out->escaped = 0; out++;
            *block_start = base; *mask = m; *end = q + 1;
            return out - first;
        }
        if (e != 34) {                      // NUL or non-ASCII: the general loop flags the row, unless it is known text
            if (e >= 0x80 && high_is_text) continue;
            return 0;
        }
        if (q != fs) continue;              // a quote inside an unquoted field is text
        // A quoted field: on to its closing quote (delimiters inside are text; a LF, NUL or non-ASCII byte is not plain).
        for (;;) {
            CFS_NEED_BIT();
            q = base + __builtin_ctzll(m);
            m &= m - 1;
            e = p[q];
            if (e == 34) break;
            if (e != d && !(e >= 0x80 && high_is_text)) return 0;
        }
        // The field must end right after its closing quote, at a delimiter, LF or CR LF; a doubled quote or text
        // after the quote is for the general loop.
        if (q + 1 >= lim) return 0;
        uint8_t a = p[q + 1];
        intptr_t stop;                      // the delimiter or LF that ends the field: the next structural byte
        if (a == d || a == 10) stop = q + 1;
        else if (a == 13 && q + 2 < lim && p[q + 2] == 10) stop = q + 2;
        else return 0;
        if (out == last) return 0;
        out->start = fs + 1; out->end = q; out->escaped = 0; out++;
        CFS_NEED_BIT();
        m &= m - 1;                         // consume `stop`
        fs = stop + 1;
        if (a != d) {
            *block_start = base; *mask = m; *end = stop + 1;
            return out - first;
        }
    }
#undef CFS_NEED_BIT
}

#if !defined(__SSE2__)

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
