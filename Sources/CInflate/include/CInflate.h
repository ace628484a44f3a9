// A gzip (RFC 1952) / DEFLATE (RFC 1951) decoder written for channelshift's reader: it decodes straight into
// the caller's chunk buffer (no intermediate window or copy), takes input in pieces, and checks each member's
// CRC-32 and length. Table-driven Huffman decoding with a 64-bit bit buffer, as in libdeflate (Eric Biggers)
// and zlib's inffast.c (Mark Adler): the design is theirs, the code is ours.
#ifndef CINFLATE_H
#define CINFLATE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct csi_state csi_state;

/// Results of csi_inflate. Errors are negative.
enum {
    CSI_NEED_INPUT = 1,   ///< every byte given was used or is held; call again with the next input
    CSI_OUT_FULL = 2,     ///< fewer than CSI_OUT_MARGIN bytes of room are left; give a buffer with room
    CSI_MEMBER_END = 3,   ///< a gzip member ended (its CRC-32 and length checked); call again to go on
    CSI_END = 4,          ///< the input is final and ended after a member (trailing zero bytes ignored)
    CSI_ERR_TRUNCATED = -1, ///< the input is final and ended inside a member
    CSI_ERR_DATA = -2,    ///< the data is not gzip or is damaged; csi_message says how
};

/// Output room the decoder needs to decode one more symbol; it stops (CSI_OUT_FULL) below this.
#define CSI_OUT_MARGIN 320
/// History the caller must keep in front of `out_pos` (or all of the member's output, if less).
#define CSI_WINDOW 32768

csi_state *csi_new(void);
void csi_free(csi_state *s);

/// Decodes `in[0..<in_len]` into `out[out_pos..<out_end]`. `out[0..<out_pos]` must hold the output that came
/// before (at least CSI_WINDOW bytes of it, or all of it since the member started). On return `*in_used` bytes
/// of the input were taken (the rest must be given again, followed by more), and `*out_stop` is the end of the
/// output written. `in_final` says that no input follows this.
int csi_inflate(csi_state *s, const uint8_t *in, size_t in_len, int in_final, size_t *in_used,
                uint8_t *out, size_t out_pos, size_t out_end, size_t *out_stop);

/// What went wrong, after an error (a static string).
const char *csi_message(const csi_state *s);

/// The CRC-32 of gzip and zlib (reflected polynomial 0xEDB88320), continuing from `crc` (0 to start).
uint32_t csi_crc32(uint32_t crc, const uint8_t *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif
