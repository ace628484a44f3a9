// SHA-256 rounds with SHA-NI (Intel, "New Instructions Supporting the Secure Hash Algorithm on Intel Architecture
// Processors", 2013): sha256rnds2 does two rounds on the state held as ABEF/CDGH; sha256msg1/msg2 extend the message
// schedule, w[t] = s1(w[t-2]) + w[t-7] + s0(w[t-15]) + w[t-16], four words at a time. Checked against the
// portable implementation and FIPS 180-4's examples (SHA256Tests).
#include "CSHA256.h"

// FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const uint32_t csh_k[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};


#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>


int32_t csh_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
}

__attribute__((target("sha,sse4.1,ssse3")))
void csh_sha256_blocks(uint32_t state[8], const uint8_t *p, size_t blocks) {
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);      // a b c d
    __m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);       // e f g h
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                              // b a d c
    s1 = _mm_shuffle_epi32(s1, 0x1B);                                // h g f e
    __m128i s0 = _mm_alignr_epi8(tmp, s1, 8);                        // ABEF
    s1 = _mm_blend_epi16(s1, tmp, 0xF0);                             // CDGH
    while (blocks--) {
        const __m128i save0 = s0, save1 = s1;
        __m128i w[16];
        for (int g = 0; g < 16; g++) {
            if (g < 4) {
                w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
            } else {
                __m128i x = _mm_sha256msg1_epu32(w[g - 4], w[g - 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(w[g - 1], w[g - 2], 4));
                w[g] = _mm_sha256msg2_epu32(x, w[g - 1]);
            }
            __m128i m = _mm_add_epi32(w[g], _mm_load_si128((const __m128i *)&csh_k[4 * g]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, m);
            m = _mm_shuffle_epi32(m, 0x0E);
            s0 = _mm_sha256rnds2_epu32(s0, s1, m);
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
        p += 64;
    }
    tmp = _mm_shuffle_epi32(s0, 0x1B);                               // F E B A
    s1 = _mm_shuffle_epi32(s1, 0xB1);                                // D C H G
    s0 = _mm_blend_epi16(tmp, s1, 0xF0);                             // D C B A
    s1 = _mm_alignr_epi8(s1, tmp, 8);                                // H G F E
    _mm_storeu_si128((__m128i *)&state[0], s0);
    _mm_storeu_si128((__m128i *)&state[4], s1);
}

#else

int32_t csh_available(void) { return 0; }
void csh_sha256_blocks(uint32_t state[8], const uint8_t *p, size_t blocks) { (void)state; (void)p; (void)blocks; }

#endif
