// SHA-256 block compression with the x86 SHA extensions (SHA-NI), for the provenance digests of large inputs:
// about seven times the portable Swift code (Support/SHA256.swift), which stays the reference and the fallback.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// SHA-256's round constants K (FIPS 180-4 4.2.2), shared with the portable Swift rounds.
extern const uint32_t csh_k[64];

/// 1 when this CPU has the SHA extensions (and SSE4.1), so csh_sha256_blocks may be called.
int32_t csh_available(void);

/// Compresses `blocks` 64-byte blocks at `p` into `state` (h0..h7 of FIPS 180-4). Only when csh_available().
void csh_sha256_blocks(uint32_t state[8], const uint8_t *p, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif
