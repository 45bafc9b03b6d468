/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref_vlc.h - the TDMA's VLC stream format (docs/datapath.md 2.11), as a
 * reference compressor and decompressor written from the format
 * description alone: the unit suites compress random data here, let the
 * kernel decompress it and compare, and check the kernel's verdict on
 * damaged streams against the decompressor's.
 */
#ifndef TPUSIM_REF_VLC_H
#define TPUSIM_REF_VLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ref_vlc_params {
	bool bf16;           /* 16-bit elements: exponents coded, sign+mantissa bytes raw */
	bool is_signed;      /* int8 only: values are signed (zigzag + rotation) */
	uint8_t bias0;       /* int8 signed: rotation of positives (0..127); bf16: exponent centre */
	uint8_t bias1;       /* int8 signed: rotation of negatives (0..127) */
	bool zero_guard;     /* bf16: exponent 0 gets symbol 0 and no mantissa byte */
};

/* Largest stream ref_vlc_compress can produce for `bytes` of data. */
size_t ref_vlc_max_size(size_t bytes, bool bf16);

/* Compresses bytes of data (bf16: little-endian 16-bit elements; bytes
 * even) into out (cap bytes).  The stream size (a multiple of 16), or 0
 * (ref_error()) when the parameters are out of range or out is too small.
 * Each block takes the order with the fewest bits (the lowest on a tie),
 * raw when no order needs at most 128 bits. */
size_t ref_vlc_compress(const uint8_t *data, size_t bytes, const struct ref_vlc_params *p,
			uint8_t *out, size_t cap);

/* Decompresses the stream st (len bytes available) into bytes of data.
 * 0, or -1 (ref_error()) when the stream breaks a rule of
 * docs/datapath.md 2.11, or when the header's type is not `bf16`. */
int ref_vlc_decompress(const uint8_t *st, size_t len, bool bf16, uint8_t *out, size_t bytes);

/* Bytes of the stream the header of st says the decompressor reads for
 * `bytes` of data (header, order bytes, block data). */
size_t ref_vlc_stream_size(const uint8_t *st, size_t bytes);

#ifdef __cplusplus
}
#endif

#endif
