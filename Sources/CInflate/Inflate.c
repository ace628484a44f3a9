// gzip / DEFLATE decoding for channelshift (see CInflate.h). References: RFC 1951 (DEFLATE), RFC 1952 (gzip);
// the bit-buffer refill and the table layout follow libdeflate (lib/decompress_template.h) and zlib (inffast.c),
// re-derived here; the CRC-32 folding is Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ"
// (Gopal et al., 2009), with the constants the Linux kernel and Chromium's zlib use for this polynomial.
// Tested against gzip(1), Python's gzip module and zlib (Tests/ChannelShiftKitTests/Ingest/InflateTests.swift).
#include "CInflate.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CSI_X86 1
#endif

// ---------------------------------------------------------------------------------------------------------
// Huffman tables. An entry is 32 bits:
//   bits 0-7   bits to drop: the code and its extra bits (for a subtable pointer: the primary table's bits)
//   bits 8-11  the code's own length (the extra bits follow it; for a subtable pointer: the subtable's bits)
//   bit 12     literal        bit 13  end of block        bit 14  subtable pointer        bit 15  invalid code
//   bits 16-31 the literal byte, the length or distance base, or the subtable's offset
// so a length or distance and its extra bits are read with one mask and one shift (libdeflate's layout).
#define E_LITERAL 0x1000u
#define E_EOB 0x2000u
#define E_SUB 0x4000u
#define E_INVALID 0x8000u

#define LITLEN_BITS 11
#define DIST_BITS 8
#define PRECODE_BITS 7
#define LITLEN_ENOUGH (2048 + 288 * 16)
#define DIST_ENOUGH (256 + 32 * 128)

static const uint16_t length_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                         35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                         3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                       193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const uint8_t precode_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

enum { M_HEADER, M_BLOCK, M_CODES, M_STORED_LEN, M_STORED, M_TRAILER };

struct csi_state {
    uint64_t bitbuf;
    int bitsleft;
    int mode;
    int final_block;
    int members;          // members completed
    uint32_t stored_left;
    uint32_t crc;         // CRC-32 of this member's output so far
    uint64_t member_out;  // bytes of output in this member so far
    const uint32_t *lt, *dt;
    const char *msg;
    uint32_t litlen[LITLEN_ENOUGH];
    uint32_t dist[DIST_ENOUGH];
    uint32_t fixed_litlen[LITLEN_ENOUGH];
    uint32_t fixed_dist[DIST_ENOUGH];
    uint32_t precode[1 << PRECODE_BITS];
};

static uint32_t reverse_bits(uint32_t code, int len) {
    uint32_t r = 0;
    for (int i = 0; i < len; i++) { r = (r << 1) | (code & 1); code >>= 1; }
    return r;
}

// Builds a decoding table with `tb` primary bits from code lengths (RFC 1951 3.2.2). Returns 0, or -1 for an
// over-subscribed set, or an incomplete one other than the single one-bit code zlib also accepts.
static int build_table(uint32_t *table, int tb, const uint8_t *lens, int n, const uint32_t *value, const uint8_t *extra,
                       int capacity) {
    int count[16] = {0};
    for (int i = 0; i < n; i++) count[lens[i]]++;
    count[0] = 0;
    int left = 1, max = 0;
    for (int len = 1; len <= 15; len++) {
        left <<= 1;
        left -= count[len];
        if (left < 0) return -1;
        if (count[len]) max = len;
    }
    if (left > 0 && max > 1) return -1;
    uint32_t next[16];
    uint32_t code = 0;
    next[0] = 0;
    for (int len = 1; len <= 15; len++) { code = (code + count[len - 1]) << 1; next[len] = code; }
    int size = 1 << tb;
    for (int i = 0; i < size; i++) table[i] = E_INVALID | (uint32_t)tb | ((uint32_t)tb << 8);
    uint32_t rev[320];
    uint8_t sublen[1 << LITLEN_BITS];
    memset(sublen, 0, (size_t)size);
    for (int s = 0; s < n; s++) {
        int len = lens[s];
        if (!len) continue;
        rev[s] = reverse_bits(next[len]++, len);
        if (len > tb) {
            uint32_t p = rev[s] & (uint32_t)(size - 1);
            if (sublen[p] < len) sublen[p] = (uint8_t)len;
        }
    }
    int off = size;
    uint32_t subat[1 << LITLEN_BITS];
    for (int p = 0; p < size; p++) {
        if (!sublen[p]) continue;
        int sb = sublen[p] - tb;
        if (off + (1 << sb) > capacity) return -1;
        subat[p] = (uint32_t)off;
        table[p] = E_SUB | ((uint32_t)off << 16) | ((uint32_t)sb << 8) | (uint32_t)tb;
        for (int i = 0; i < (1 << sb); i++) table[off + i] = E_INVALID | 15u | (15u << 8);
        off += 1 << sb;
    }
    for (int s = 0; s < n; s++) {
        int len = lens[s];
        if (!len) continue;
        uint32_t e = value[s] | ((uint32_t)len << 8) | ((uint32_t)len + (extra ? extra[s] : 0u));
        if (len <= tb) {
            for (uint32_t i = rev[s]; i < (uint32_t)size; i += 1u << len) table[i] = e;
        } else {
            uint32_t p = rev[s] & (uint32_t)(size - 1);
            int sb = sublen[p] - tb;
            uint32_t *sub = table + subat[p];
            for (uint32_t i = rev[s] >> tb; i < (1u << sb); i += 1u << (len - tb)) sub[i] = e;
        }
    }
    return 0;
}

static uint32_t litlen_value[288], dist_value[32], precode_value[19];
static uint8_t litlen_extra[288], dist_extra_of[32];

static void init_values(void) {
    for (int s = 0; s < 256; s++) litlen_value[s] = E_LITERAL | ((uint32_t)s << 16);
    litlen_value[256] = E_EOB;
    for (int s = 257; s < 286; s++) {
        litlen_value[s] = (uint32_t)length_base[s - 257] << 16;
        litlen_extra[s] = length_extra[s - 257];
    }
    litlen_value[286] = litlen_value[287] = E_INVALID;
    for (int s = 0; s < 30; s++) {
        dist_value[s] = (uint32_t)dist_base[s] << 16;
        dist_extra_of[s] = dist_extra[s];
    }
    dist_value[30] = dist_value[31] = E_INVALID;
    for (int s = 0; s < 19; s++) precode_value[s] = (uint32_t)s << 16;
}

csi_state *csi_new(void) {
    static int once = 0;
    if (!__atomic_load_n(&once, __ATOMIC_ACQUIRE)) {  // idempotent: racing threads write the same values
        init_values();
        __atomic_store_n(&once, 1, __ATOMIC_RELEASE);
    }
    csi_state *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    uint8_t lens[288];
    for (int i = 0; i < 144; i++) lens[i] = 8;
    for (int i = 144; i < 256; i++) lens[i] = 9;
    for (int i = 256; i < 280; i++) lens[i] = 7;
    for (int i = 280; i < 288; i++) lens[i] = 8;
    build_table(s->fixed_litlen, LITLEN_BITS, lens, 288, litlen_value, litlen_extra, LITLEN_ENOUGH);
    for (int i = 0; i < 32; i++) lens[i] = 5;
    build_table(s->fixed_dist, DIST_BITS, lens, 32, dist_value, dist_extra_of, DIST_ENOUGH);
    s->mode = M_HEADER;
    return s;
}

void csi_free(csi_state *s) { free(s); }

const char *csi_message(const csi_state *s) { return s->msg ? s->msg : ""; }

// ---------------------------------------------------------------------------------------------------------
// CRC-32

static uint32_t crc_table[8][256];

static void crc_init(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[0][n] = c;
    }
    for (uint32_t n = 0; n < 256; n++)
        for (int t = 1; t < 8; t++) crc_table[t][n] = crc_table[0][crc_table[t - 1][n] & 0xFF] ^ (crc_table[t - 1][n] >> 8);
}

// The register form (no pre- or post-inversion), eight bytes at a time ("slicing-by-8", Kounavis and Berry).
static uint32_t crc_raw_sliced(uint32_t c, const uint8_t *p, size_t n) {
    while (n && ((uintptr_t)p & 7)) { c = crc_table[0][(c ^ *p++) & 0xFF] ^ (c >> 8); n--; }
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        w ^= c;
        c = crc_table[7][w & 0xFF] ^ crc_table[6][(w >> 8) & 0xFF] ^ crc_table[5][(w >> 16) & 0xFF] ^
            crc_table[4][(w >> 24) & 0xFF] ^ crc_table[3][(w >> 32) & 0xFF] ^ crc_table[2][(w >> 40) & 0xFF] ^
            crc_table[1][(w >> 48) & 0xFF] ^ crc_table[0][w >> 56];
        p += 8;
        n -= 8;
    }
    while (n--) c = crc_table[0][(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c;
}

#ifdef CSI_X86
// Folds 64 bytes at a time with carry-less multiplication, then hands the 16 folded bytes and the tail to the
// table: a folded block is congruent to the data it replaces modulo the polynomial, so the register form of
// the CRC over it is the same.
__attribute__((target("pclmul,sse2")))
static uint32_t crc_raw_clmul(uint32_t c, const uint8_t *p, size_t n) {
    const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596LL, 0x154442bd4LL);
    const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);
    __m128i x0 = _mm_loadu_si128((const __m128i *)p), x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32)), x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)c));
    p += 64;
    n -= 64;
#define FOLD(x, k, y) _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11)), y)
    while (n >= 64) {
        x0 = FOLD(x0, k1k2, _mm_loadu_si128((const __m128i *)p));
        x1 = FOLD(x1, k1k2, _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = FOLD(x2, k1k2, _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = FOLD(x3, k1k2, _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        n -= 64;
    }
    x0 = FOLD(x0, k3k4, x1);
    x0 = FOLD(x0, k3k4, x2);
    x0 = FOLD(x0, k3k4, x3);
    while (n >= 16) {
        x0 = FOLD(x0, k3k4, _mm_loadu_si128((const __m128i *)p));
        p += 16;
        n -= 16;
    }
#undef FOLD
    uint8_t folded[16];
    _mm_storeu_si128((__m128i *)folded, x0);
    return crc_raw_sliced(crc_raw_sliced(0, folded, 16), p, n);
}
// With 512-bit carry-less multiplication (AVX-512 VPCLMULQDQ): four registers of four lanes fold 256 bytes at a
// time (distance 2048 bits: x^2080 and x^2016 mod P, bit-reflected, computed as for the constants above); the
// 256 folded bytes then go through the 128-bit folding.
__attribute__((target("avx512f,avx512vl,vpclmulqdq,pclmul,sse2")))
static uint32_t crc_raw_vclmul(uint32_t c, const uint8_t *p, size_t n) {
    const __m512i k = _mm512_broadcast_i32x4(_mm_set_epi64x(0x1322d1430LL, 0x11542778aLL));
    __m512i x0 = _mm512_loadu_si512((const void *)p), x1 = _mm512_loadu_si512((const void *)(p + 64));
    __m512i x2 = _mm512_loadu_si512((const void *)(p + 128)), x3 = _mm512_loadu_si512((const void *)(p + 192));
    x0 = _mm512_xor_si512(x0, _mm512_castsi128_si512(_mm_cvtsi32_si128((int)c)));
    p += 256;
    n -= 256;
#define VFOLD(x, y) _mm512_ternarylogic_epi64(_mm512_clmulepi64_epi128(x, k, 0x00), _mm512_clmulepi64_epi128(x, k, 0x11), y, 0x96)
    while (n >= 256) {
        x0 = VFOLD(x0, _mm512_loadu_si512((const void *)p));
        x1 = VFOLD(x1, _mm512_loadu_si512((const void *)(p + 64)));
        x2 = VFOLD(x2, _mm512_loadu_si512((const void *)(p + 128)));
        x3 = VFOLD(x3, _mm512_loadu_si512((const void *)(p + 192)));
        p += 256;
        n -= 256;
    }
#undef VFOLD
    uint8_t folded[256];
    _mm512_storeu_si512((void *)folded, x0);
    _mm512_storeu_si512((void *)(folded + 64), x1);
    _mm512_storeu_si512((void *)(folded + 128), x2);
    _mm512_storeu_si512((void *)(folded + 192), x3);
    uint32_t r = crc_raw_clmul(0, folded, 256);
    return n >= 64 ? crc_raw_clmul(r, p, n) : crc_raw_sliced(r, p, n);
}
#endif

static int crc_ready = 0, crc_clmul = 0, crc_vclmul = 0;

uint32_t csi_crc32(uint32_t crc, const uint8_t *p, size_t n) {
    if (!__atomic_load_n(&crc_ready, __ATOMIC_ACQUIRE)) {  // idempotent, as csi_new's tables
        crc_init();
#ifdef CSI_X86
        __builtin_cpu_init();
        crc_clmul = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2");
        crc_vclmul = crc_clmul && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                     __builtin_cpu_supports("vpclmulqdq");
#endif
        __atomic_store_n(&crc_ready, 1, __ATOMIC_RELEASE);
    }
    uint32_t c = ~crc;
#ifdef CSI_X86
    if (crc_vclmul && n >= 512) return ~crc_raw_vclmul(c, p, n);
    if (crc_clmul && n >= 64) return ~crc_raw_clmul(c, p, n);
#endif
    return ~crc_raw_sliced(c, p, n);
}

// ---------------------------------------------------------------------------------------------------------
// Decoding

static inline uint64_t load64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;  // little-endian machines only (x86-64, arm64): checked by the tests
}

#define REFILL()                                                                  \
    do {                                                                          \
        if (in_end - in >= 8) {                                                   \
            bitbuf |= load64(in) << bitsleft;                                     \
            in += (63 - bitsleft) >> 3;                                           \
            bitsleft |= 56;                                                       \
        } else {                                                                  \
            while (bitsleft <= 56 && in < in_end) {                               \
                bitbuf |= (uint64_t)*in++ << bitsleft;                            \
                bitsleft += 8;                                                    \
            }                                                                     \
        }                                                                         \
    } while (0)
#define BITS(n) ((uint32_t)(bitbuf & ((1ull << (n)) - 1)))
#define DROP(n) do { bitbuf >>= (n); bitsleft -= (int)(n); } while (0)

// Gives whole bytes held in the bit buffer back to the input (they were all read in this call).
#define GIVE_BACK()                                \
    do {                                           \
        in -= bitsleft >> 3;                       \
        bitsleft &= 7;                             \
        bitbuf &= (1ull << bitsleft) - 1;          \
    } while (0)

int csi_inflate(csi_state *s, const uint8_t *in0, size_t in_len, int in_final, size_t *in_used,
                uint8_t *out_base, size_t out_pos, size_t out_end_pos, size_t *out_stop) {
    const uint8_t *in = in0, *const in_end = in0 + in_len;
    uint8_t *out = out_base + out_pos, *const out_start = out, *const out_end = out_base + out_end_pos;
    uint64_t bitbuf = s->bitbuf;
    int bitsleft = s->bitsleft;
    // The earliest byte a distance may reach: this member's first byte, or the buffer's.
    uint8_t *floor = s->member_out >= out_pos ? out_base : out_start - s->member_out;
    const uint8_t *seg = out;   // output not yet in the CRC
    int rc;

    for (;;) {
        switch (s->mode) {
        case M_HEADER: {
            // Between members: zero bytes after the last member are padding (gzip(1) ignores them).
            const uint8_t *p = in;
            if (s->members > 0) {
                while (p < in_end && *p == 0) p++;
                if (p == in_end) {
                    in = p;
                    rc = in_final ? CSI_END : CSI_NEED_INPUT;
                    goto done;
                }
                if (p > in) { s->msg = "data after the zero padding at the end"; rc = CSI_ERR_DATA; goto done; }
            }
            // The header (RFC 1952 2.3), whole or not at all.
            size_t avail = (size_t)(in_end - p);
            if (avail < 10) goto header_short;
            if (p[0] != 0x1F || p[1] != 0x8B) { s->msg = "not gzip data (the first bytes are not 1F 8B)"; rc = CSI_ERR_DATA; goto done; }
            if (p[2] != 8) { s->msg = "unknown compression method"; rc = CSI_ERR_DATA; goto done; }
            uint8_t flg = p[3];
            if (flg & 0xE0) { s->msg = "reserved header flags are set"; rc = CSI_ERR_DATA; goto done; }
            size_t at = 10;
            if (flg & 4) {  // FEXTRA
                if (avail < at + 2) goto header_short;
                size_t xlen = (size_t)p[at] | ((size_t)p[at + 1] << 8);
                at += 2 + xlen;
                if (avail < at) goto header_short;
            }
            for (int f = 8; f <= 16; f <<= 1) {  // FNAME, FCOMMENT: zero-terminated
                if (!(flg & f)) continue;
                const uint8_t *z = memchr(p + at, 0, avail - at);
                if (!z) goto header_short;
                at = (size_t)(z - p) + 1;
            }
            if (flg & 2) at += 2;  // FHCRC
            if (avail < at) goto header_short;
            in = p + at;
            s->mode = M_BLOCK;
            s->crc = 0;
            s->member_out = 0;
            floor = out;
            seg = out;
            bitbuf = 0;
            bitsleft = 0;
            continue;
        header_short:
            if (in_final) {
                if (s->members > 0 || avail > 0) { rc = CSI_ERR_TRUNCATED; goto done; }
                s->msg = "the file is empty";
                rc = CSI_ERR_DATA;
                goto done;
            }
            rc = CSI_NEED_INPUT;
            goto done;
        }

        case M_BLOCK: {
            // A dynamic block's header is at most about 290 bytes: take it only when all of it is here.
            if (!in_final && in_end - in < 1024) { rc = CSI_NEED_INPUT; goto done; }
            REFILL();
            if (bitsleft < 3) { rc = CSI_ERR_TRUNCATED; goto done; }
            s->final_block = (int)BITS(1);
            uint32_t type = (uint32_t)(bitbuf >> 1) & 3;
            DROP(3);
            if (type == 0) {
                DROP(bitsleft & 7);
                GIVE_BACK();
                s->mode = M_STORED_LEN;
                continue;
            }
            if (type == 1) {
                s->lt = s->fixed_litlen;
                s->dt = s->fixed_dist;
                s->mode = M_CODES;
                continue;
            }
            if (type == 3) { s->msg = "invalid block type"; rc = CSI_ERR_DATA; goto done; }
            REFILL();
            if (bitsleft < 14) { rc = CSI_ERR_TRUNCATED; goto done; }
            int hlit = (int)BITS(5) + 257;
            DROP(5);
            int hdist = (int)BITS(5) + 1;
            DROP(5);
            int hclen = (int)BITS(4) + 4;
            DROP(4);
            if (hlit > 286 || hdist > 30) { s->msg = "too many length or distance symbols"; rc = CSI_ERR_DATA; goto done; }
            uint8_t lens[320];
            memset(lens, 0, 19);
            for (int i = 0; i < hclen; i++) {
                if (bitsleft < 3) { REFILL(); if (bitsleft < 3) { rc = CSI_ERR_TRUNCATED; goto done; } }
                lens[precode_order[i]] = (uint8_t)BITS(3);
                DROP(3);
            }
            if (build_table(s->precode, PRECODE_BITS, lens, 19, precode_value, NULL, 1 << PRECODE_BITS) != 0) {
                s->msg = "invalid code lengths set";
                rc = CSI_ERR_DATA;
                goto done;
            }
            int i = 0;
            while (i < hlit + hdist) {
                if (bitsleft < 14) { REFILL(); }
                uint32_t e = s->precode[BITS(PRECODE_BITS)];
                int len = (int)(e & 0xFF);
                if ((e & E_INVALID) || len > bitsleft) {
                    if (len > bitsleft) { rc = CSI_ERR_TRUNCATED; goto done; }
                    s->msg = "invalid code lengths set";
                    rc = CSI_ERR_DATA;
                    goto done;
                }
                DROP(len);
                uint32_t sym = e >> 16;
                if (sym < 16) { lens[i++] = (uint8_t)sym; continue; }
                int repeat;
                uint8_t value = 0;
                if (sym == 16) {
                    if (i == 0) { s->msg = "invalid bit length repeat"; rc = CSI_ERR_DATA; goto done; }
                    if (bitsleft < 2) { rc = CSI_ERR_TRUNCATED; goto done; }
                    value = lens[i - 1];
                    repeat = 3 + (int)BITS(2);
                    DROP(2);
                } else if (sym == 17) {
                    if (bitsleft < 3) { rc = CSI_ERR_TRUNCATED; goto done; }
                    repeat = 3 + (int)BITS(3);
                    DROP(3);
                } else {
                    if (bitsleft < 7) { rc = CSI_ERR_TRUNCATED; goto done; }
                    repeat = 11 + (int)BITS(7);
                    DROP(7);
                }
                if (i + repeat > hlit + hdist) { s->msg = "invalid bit length repeat"; rc = CSI_ERR_DATA; goto done; }
                memset(lens + i, value, (size_t)repeat);
                i += repeat;
            }
            if (lens[256] == 0) { s->msg = "invalid code -- missing end-of-block"; rc = CSI_ERR_DATA; goto done; }
            if (build_table(s->litlen, LITLEN_BITS, lens, hlit, litlen_value, litlen_extra, LITLEN_ENOUGH) != 0) {
                s->msg = "invalid literal/lengths set";
                rc = CSI_ERR_DATA;
                goto done;
            }
            if (build_table(s->dist, DIST_BITS, lens + hlit, hdist, dist_value, dist_extra_of, DIST_ENOUGH) != 0) {
                s->msg = "invalid distances set";
                rc = CSI_ERR_DATA;
                goto done;
            }
            s->lt = s->litlen;
            s->dt = s->dist;
            s->mode = M_CODES;
            continue;
        }

        case M_CODES: {
            // Each pass decodes one symbol whose table entry was read at the end of the pass before, right
            // after a refill, so the table's load overlaps the copy or the literal's store (as libdeflate does).
            const uint32_t *lt = s->lt, *dt = s->dt;
            int tail = 0;
            REFILL();
            uint32_t e = lt[BITS(LITLEN_BITS)];
            for (;;) {
                if (__builtin_expect(in_end - in < 16 || out_end - out < CSI_OUT_MARGIN, 0)) {
                    if (out_end - out < CSI_OUT_MARGIN) { rc = CSI_OUT_FULL; goto done; }
                    if (!in_final) { rc = CSI_NEED_INPUT; goto done; }
                    if (bitsleft < 0) { rc = CSI_ERR_TRUNCATED; goto done; }
                    tail = 1;
                }
                if (e & E_LITERAL) {
                    // Up to three literals from one refill (15 bits each, at least 56 bits held).
                    DROP(e & 0xFF);
                    uint8_t lit = (uint8_t)(e >> 16);
                    e = lt[BITS(LITLEN_BITS)];
                    *out++ = lit;
                    if (e & E_LITERAL) {
                        DROP(e & 0xFF);
                        lit = (uint8_t)(e >> 16);
                        e = lt[BITS(LITLEN_BITS)];
                        *out++ = lit;
                        if (e & E_LITERAL) {
                            DROP(e & 0xFF);
                            lit = (uint8_t)(e >> 16);
                            e = lt[BITS(LITLEN_BITS)];
                            *out++ = lit;
                        }
                    }
                    REFILL();   // adds bits above those the entry was read from
                    continue;
                }
                if (__builtin_expect(e & (E_SUB | E_EOB | E_INVALID), 0)) {
                    if (e & E_SUB) {
                        e = lt[(e >> 16) + ((uint32_t)(bitbuf >> LITLEN_BITS) & ((1u << ((e >> 8) & 15)) - 1))];
                        if (e & E_LITERAL) {
                            DROP(e & 0xFF);
                            *out++ = (uint8_t)(e >> 16);
                            REFILL();
                            e = lt[BITS(LITLEN_BITS)];
                            continue;
                        }
                    }
                    if (e & (E_EOB | E_INVALID)) {
                        DROP(e & 0xFF);
                        if (tail && bitsleft < 0) { rc = CSI_ERR_TRUNCATED; goto done; }
                        if (e & E_INVALID) { s->msg = "invalid literal/length code"; rc = CSI_ERR_DATA; goto done; }
                        s->mode = s->final_block ? M_TRAILER : M_BLOCK;
                        break;
                    }
                }
                // A length, then a distance, each with its extra bits in one mask and shift.
                uint64_t saved = bitbuf;
                DROP(e & 0xFF);
                uint32_t length = (e >> 16) + ((uint32_t)(saved & ((1ull << (e & 0xFF)) - 1)) >> ((e >> 8) & 15));
                if (bitsleft < 28) REFILL();   // only near the end of the input: a pass starts with 56 bits or more
                e = dt[BITS(DIST_BITS)];
                if (__builtin_expect(e & (E_SUB | E_INVALID), 0)) {
                    if (e & E_SUB) e = dt[(e >> 16) + ((uint32_t)(bitbuf >> DIST_BITS) & ((1u << ((e >> 8) & 15)) - 1))];
                    if (e & E_INVALID) {
                        if (tail && (int)(e & 0xFF) > bitsleft) { rc = CSI_ERR_TRUNCATED; goto done; }
                        s->msg = "invalid distance code";
                        rc = CSI_ERR_DATA;
                        goto done;
                    }
                }
                saved = bitbuf;
                DROP(e & 0xFF);
                uint32_t distance = (e >> 16) + ((uint32_t)(saved & ((1ull << (e & 0xFF)) - 1)) >> ((e >> 8) & 15));
                if (tail && bitsleft < 0) { rc = CSI_ERR_TRUNCATED; goto done; }
                if ((size_t)(out - floor) < distance) { s->msg = "invalid distance too far back"; rc = CSI_ERR_DATA; goto done; }
                REFILL();
                e = lt[BITS(LITLEN_BITS)];
                const uint8_t *src = out - distance;
                uint8_t *dst = out;
                out += length;
                // The margin lets each copy run up to 31 bytes past the match's end.
                if (__builtin_expect(distance >= 16, 1)) {
                    memcpy(dst, src, 16);
                    memcpy(dst + 16, src + 16, 16);
                    if (length > 32) {
                        dst += 32;
                        src += 32;
                        do { memcpy(dst, src, 16); dst += 16; src += 16; } while (dst < out);
                    }
                } else if (distance >= 8) {
                    do { memcpy(dst, src, 8); dst += 8; src += 8; } while (dst < out);
                } else if (distance == 1) {
                    uint64_t v = 0x0101010101010101ull * *src;
                    do { memcpy(dst, &v, 8); dst += 8; } while (dst < out);
                } else {
                    do { *dst++ = *src++; } while (dst < out);
                }
            }
            continue;
        }

        case M_STORED_LEN: {
            // The bit buffer holds no whole byte here (given back at the block's header).
            if (in_end - in < 4) { rc = in_final ? CSI_ERR_TRUNCATED : CSI_NEED_INPUT; goto done; }
            uint32_t len = (uint32_t)in[0] | ((uint32_t)in[1] << 8), nlen = (uint32_t)in[2] | ((uint32_t)in[3] << 8);
            if ((len ^ 0xFFFF) != nlen) { s->msg = "invalid stored block lengths"; rc = CSI_ERR_DATA; goto done; }
            in += 4;
            bitbuf = 0;
            bitsleft = 0;
            s->stored_left = len;
            s->mode = M_STORED;
            continue;
        }

        case M_STORED: {
            size_t n = s->stored_left;
            if ((size_t)(in_end - in) < n) n = (size_t)(in_end - in);
            if ((size_t)(out_end - out) < n) n = (size_t)(out_end - out);
            memcpy(out, in, n);
            out += n;
            in += n;
            s->stored_left -= (uint32_t)n;
            if (s->stored_left == 0) { s->mode = s->final_block ? M_TRAILER : M_BLOCK; continue; }
            if (out == out_end || out_end - out < CSI_OUT_MARGIN) { rc = CSI_OUT_FULL; goto done; }
            rc = in_final ? CSI_ERR_TRUNCATED : CSI_NEED_INPUT;
            goto done;
        }

        case M_TRAILER: {
            if (bitsleft < 0) { rc = CSI_ERR_TRUNCATED; goto done; }
            DROP(bitsleft & 7);
            GIVE_BACK();
            if (in_end - in < 8) { rc = in_final ? CSI_ERR_TRUNCATED : CSI_NEED_INPUT; goto done; }
            s->crc = csi_crc32(s->crc, seg, (size_t)(out - seg));
            s->member_out += (uint64_t)(out - seg);
            seg = out;
            uint32_t crc = (uint32_t)in[0] | ((uint32_t)in[1] << 8) | ((uint32_t)in[2] << 16) | ((uint32_t)in[3] << 24);
            uint32_t isize = (uint32_t)in[4] | ((uint32_t)in[5] << 8) | ((uint32_t)in[6] << 16) | ((uint32_t)in[7] << 24);
            if (crc != s->crc) { s->msg = "incorrect data check (CRC-32)"; rc = CSI_ERR_DATA; goto done; }
            if (isize != (uint32_t)s->member_out) { s->msg = "incorrect length check"; rc = CSI_ERR_DATA; goto done; }
            in += 8;
            bitbuf = 0;
            bitsleft = 0;
            s->members++;
            s->mode = M_HEADER;
            rc = CSI_MEMBER_END;
            goto done;
        }
        }
    }

done:
    if (rc == CSI_NEED_INPUT || rc == CSI_OUT_FULL || rc == CSI_MEMBER_END || rc == CSI_END) {
        if (bitsleft > 0) GIVE_BACK();
        if (out > seg) {
            s->crc = csi_crc32(s->crc, seg, (size_t)(out - seg));
            s->member_out += (uint64_t)(out - seg);
        }
    } else if (rc == CSI_ERR_TRUNCATED && !s->msg) {
        s->msg = "the data ends in the middle of a member";
    }
    s->bitbuf = bitbuf;
    s->bitsleft = bitsleft < 0 ? 0 : bitsleft;
    *in_used = (size_t)(in - in0);
    *out_stop = (size_t)(out - out_base);
    return rc;
}
