/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tdma_vlc_format.h - the TDMA's VLC stream format (docs/datapath.md
 * 2.11), private to the kernels: the one statement of its layout,
 * bit order and symbol maps that the decoder (tdma_vlc.c, G2L) and the
 * encoder (tdma_vlc_compress.c, L2G) both follow.
 *
 * Stream: a 16-byte header, one order byte per block (padded to 16
 * bytes), then the blocks' bits back to back, least significant bit of
 * each byte first.  A block is 16 symbols: k bit planes of remainders,
 * then the quotients in unary (q zeros and a one each); order 7 marks a
 * raw block of 16 bytes.  bf16 blocks carry the 16 exponents this way and
 * the sign+mantissa bytes after them.
 */
#ifndef TPU_TDMA_VLC_FORMAT_H
#define TPU_TDMA_VLC_FORMAT_H

#include <stdint.h>

#include "kern_priv.h"

#define VLC_HDR_BYTES    16u
#define VLC_BLOCK_ELEMS  16u
#define VLC_RAW_ORDER    7u
#define VLC_MAX_ORDER    5u
#define VLC_BLOCK_BITS   128u   /* largest coded block; a raw block's size */
#define VLC_ULEN_BASE    16u    /* an order byte holds the unary length - 16 */
#define VLC_ULEN_MASK    31u    /* in 5 bits, so a unary field is 16..47 bits */
#define VLC_ZCOUNT_BITS  4u     /* bf16 with the zero guard, k > 0 */
#define VLC_ORDER_ALIGN  16u    /* the order bytes are padded to a multiple */
#define VLC_DATA_ALIGN   16u    /* the block data size is a multiple of it */
/* Elements staged per descriptor (as matrix mode); larger ones are timed. */
#define VLC_MAX_ELEMS    (1ull << 20)

/* The header's fields (bit positions in tdma_vlc_format.c). */
struct vlc_hdr {
	uint32_t data_bytes;    /* block data size */
	int is_signed;          /* int8: signed symbols (zigzag + rotation) */
	int is_bf16;
	uint8_t bias0;
	uint8_t bias1;          /* 7 bits */
	int zero_guard;
};

void vlc_hdr_parse(const uint8_t h[VLC_HDR_BYTES], struct vlc_hdr *v);
void vlc_hdr_pack(const struct vlc_hdr *v, uint8_t h[VLC_HDR_BYTES]);

/* Layout of a stream of count elements of es bytes. */
static inline uint64_t vlc_blocks(uint64_t count)
{
	return kern_ceil_div(count, VLC_BLOCK_ELEMS);
}

static inline uint64_t vlc_order_bytes(uint64_t blocks)
{
	return kern_align_up(blocks, VLC_ORDER_ALIGN);
}

/* The largest block data size the header may state: every block raw,
 * bf16 blocks with all their sign+mantissa bytes. */
static inline uint64_t vlc_max_data_bytes(uint64_t blocks, unsigned es)
{
	return blocks * VLC_BLOCK_BITS / 8 * es;
}

/* Order byte: bits 7:5 order k, bits 4:0 the unary field length - 16. */
static inline unsigned vlc_order_k(uint8_t kinfo) { return kinfo >> 5; }
static inline unsigned vlc_order_ulen(uint8_t kinfo)
{
	return (kinfo & VLC_ULEN_MASK) + VLC_ULEN_BASE;
}
static inline uint8_t vlc_order_byte(unsigned k, unsigned ulen)
{
	return (uint8_t)(k << 5 | ((ulen - VLC_ULEN_BASE) & VLC_ULEN_MASK));
}

/* Bits of a coded block of order k (1..5 with a zero count when zc) with
 * a unary field of ulen bits. */
static inline unsigned vlc_coded_bits(unsigned k, unsigned ulen, int zc)
{
	return 16 * k + (zc && k ? VLC_ZCOUNT_BITS : 0) + ulen;
}

/* bf16 element = exponent (bits 14:7) + a sign+mantissa byte (sign in
 * bit 7, the mantissa in bits 6:0). */
static inline uint8_t vlc_bf16_exp(uint16_t v) { return (uint8_t)(v >> 7); }
static inline uint8_t vlc_bf16_frac(uint16_t v) { return (uint8_t)((v >> 8 & 0x80) | (v & 0x7f)); }
static inline uint16_t vlc_bf16_join(uint8_t e, uint8_t frac)
{
	return (uint16_t)((frac & 0x80) << 8 | e << 7 | (frac & 0x7f));
}

/* Bits in stream order, least significant bit of each byte first. */
struct vlc_rbits {
	const uint8_t *p;
	uint64_t at, end;       /* in bits */
};

struct vlc_wbits {
	uint8_t *p;             /* zeroed beforehand */
	uint64_t at;            /* in bits */
};

/* Next n (<= 8) bits, first bit lowest; -1 past the end. */
int vlc_take(struct vlc_rbits *b, unsigned n);
/* Appends the low n (<= 32) bits of v.  The writer's buffer is sized
 * for the largest stream (vlc_max_data_bytes), so it cannot run over. */
void vlc_put(struct vlc_wbits *b, uint32_t v, unsigned n);

/* The symbol of value -> symbol maps, stated once as their inverses
 * (symbol -> value, as the decoder needs them, docs/datapath.md 2.11).
 * The header decides which: es 1 unsigned (identity), es 1 signed, es 2
 * (bf16 exponents). */
uint8_t vlc_unmap(const struct vlc_hdr *h, uint8_t sym);
/* The forward map value -> symbol for every value: the inverse of
 * vlc_unmap.  0, or -1 when vlc_unmap is not one to one under h (a signed
 * int8 bias0 over 127). */
int vlc_map_table(const struct vlc_hdr *h, uint8_t fwd[256]);

/* The local side of a transfer, a tensor or (descriptor sys_dtype) a
 * matrix: the decompressor's destination, the compressor's source. */
struct vlc_local {
	int matrix;
	struct tside t;
	struct tcursor tc;
	struct tlmat m;
};

#endif /* TPU_TDMA_VLC_FORMAT_H */
