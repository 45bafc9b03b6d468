/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kern_priv.h - helpers shared by the datapath kernels (private).
 */
#ifndef TPU_KERN_PRIV_H
#define TPU_KERN_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "kmem.h"

static inline uint64_t kern_min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static inline uint64_t kern_max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }
static inline uint64_t kern_ceil_div(uint64_t a, uint64_t b) { return b ? (a + b - 1) / b : 0; }
static inline uint64_t kern_align_up(uint64_t a, uint64_t b) { return kern_ceil_div(a, b) * b; }

/* ---- tdma_convert.c: in-flight format conversion (hardware-reference 2.2) ---- */

/* int8/uint8 -> bf16 bit pattern (exact for every 8-bit value). */
uint16_t kern_int8_to_bf16(uint8_t v, int is_signed);
/* bf16 -> int8/uint8 with rounding (rnd_mode 0 nearest-even, 1 toward zero)
 * and saturation; NaN/Inf saturate by sign. */
uint8_t kern_bf16_to_int8(uint16_t v, int is_signed, int rnd_mode);
/* mv_lut_idx (L2L bf16): every bf16 element of buf becomes the exponent
 * index of the bf16 exponent/mantissa lookup in its low byte, 0 in its
 * high byte (docs/datapath.md 2.2). */
void kern_bf16_exp_index(uint8_t *buf, uint64_t count);
/* Converts count elements from src (element size ses) to dst (size des). */
void kern_convert(const uint8_t *src, unsigned ses, uint8_t *dst, unsigned des,
		  uint64_t count, int int8_signed, int rnd_mode);
/* NC transpose of a packed (N, C, X) buffer of element size es into a packed
 * (C, N, X) buffer (no overlap). */
void kern_nc_transpose(const uint8_t *src, uint8_t *dst, uint64_t n, uint64_t c,
		       uint64_t x, unsigned es);
/* Swaps axes 1 and 3 of a packed (A, B, M, C, X) buffer of element size es
 * into a packed (A, C, M, B, X) buffer (no overlap): the NC transpose is
 * (1, N, 1, C, X), the CW transpose (N, C, H, W, 1) and the CHW rotate
 * (N, H*W, 1, C, 1). */
void kern_swap_axes(const uint8_t *src, uint8_t *dst, uint64_t a, uint64_t b, uint64_t m,
		    uint64_t c, uint64_t x, unsigned es);

/* Grow-only per-thread scratch buffer (never freed; reachable through TLS). */
uint8_t *kern_scratch(size_t bytes);

/* ---- tdma_kernel.c: the side / run / cursor machinery, shared with the
 * matrix (tdma_matrix.c) and compressed (tdma_vlc.c, tdma_vlc_compress.c)
 * modes ---- */

struct tdma_desc;
struct tdma_kctx;
struct tdma_kresult;

enum side_kind { SIDE_GLOBAL, SIDE_LOCAL, SIDE_LOCAL_LINEAR };

/* One side (source or destination) of a transfer. */
struct tside {
	enum side_kind kind;
	uint64_t addr;          /* GLOBAL: byte address; LOCAL*: local address */
	uint64_t lane0, off0;   /* LOCAL*: start lane and offset */
	uint64_t n, c, h, w;    /* shape in elements */
	uint64_t ns, cs, hs;    /* strides in bytes */
	unsigned es;            /* element size in bytes */
	uint64_t rn, rc, rh;    /* run loop counts */
	uint64_t run;           /* bytes per run */
};

/* A position in a side's runs; starts zeroed with s set. */
struct tcursor {
	const struct tside *s;
	uint64_t n, c, h;       /* current run */
	uint64_t pos;           /* bytes consumed inside it */
};

/* A tensor side (docs/datapath.md 2.2 addressing); local = LMEM. */
void tdma_side_tensor(struct tside *s, int local, uint64_t addr,
		      uint64_t n, uint64_t c, uint64_t h, uint64_t w,
		      uint64_t ns, uint64_t cs, uint64_t hs, unsigned es);
/* LMEM and DRAM range checks of both sides (src may be NULL): 0, or -1
 * with BUSERR, fault_addr and what filled in. */
int tdma_check_sides(struct tdma_kresult *r, const struct tdma_kctx *k,
		     const struct tside *src, const struct tside *dst);
/* Adds a side's payload to dram_bytes/dram_bus_bytes or lmem_bytes. */
void tdma_account(struct tdma_kresult *r, const struct tside *s);
/* Moves the next len bytes of the side under the cursor to (write 0) or
 * from (write 1) buf; buf NULL walks the runs without moving data (DRAM
 * runs are touched).  0, or -1 with *fault = the failing DRAM address. */
int tdma_cur_xfer(struct tcursor *cu, const struct tdma_kctx *k, uint8_t *buf,
		  uint64_t len, int write, uint64_t *fault);
/* Element size of src_fmt/dst_fmt (1 or 2); 0 for a reserved value. */
unsigned tdma_fmt_size(uint32_t fmt);
/* Records an error: status bits, nothing executed, byte counts cleared. */
void tdma_fail(struct tdma_kresult *r, uint32_t status, const char *what);

/* ---- tdma_matrix.c: matrix mode (docs/datapath.md 2.10) ---- */

/* A rows x cols matrix in LMEM, each row over c = ceil(cols / w) lanes:
 * the full channels and the partial last one as two tensor sides. */
struct tlmat {
	struct tside full, tail;
	uint64_t rows;
	uint64_t full_bytes, tail_bytes;        /* per row; 0 = no such part */
	struct tcursor cf, ct;
};

/* 0, or -1 when c != ceil(cols / w) (the caller reports DECERR). */
int tdma_lmat_init(struct tlmat *m, uint64_t addr, uint64_t rows, uint64_t cols,
		   uint64_t c, uint64_t w, uint64_t ns, uint64_t cs, unsigned es,
		   unsigned lanes);
/* tdma_check_sides for each part against the global side. */
int tdma_lmat_check(struct tdma_kresult *r, const struct tdma_kctx *k, const struct tlmat *m,
		    const struct tside *global, int local_is_src);
void tdma_lmat_account(struct tdma_kresult *r, const struct tlmat *m);
/* The whole matrix, row by row, from (write 0) or to (write 1) a packed
 * (row, col) buffer; buf NULL moves nothing.  0 (LMEM cannot fault). */
int tdma_lmat_xfer(struct tlmat *m, const struct tdma_kctx *k, uint8_t *buf, int write);

/* sys_dtype 1 in G2L (plain or rows/columns transposed) and L2G. */
void tdma_exec_matrix(const struct tdma_desc *d, const struct tdma_kctx *k,
		      struct tdma_kresult *r, uint64_t sa, uint64_t da);

/* ---- tdma_vlc.c: G2L decompression of a VLC stream (compress_en 1)
 * into a local tensor or matrix (docs/datapath.md 2.11) ---- */
void tdma_exec_decompress(const struct tdma_desc *d, const struct tdma_kctx *k,
			  struct tdma_kresult *r, uint64_t sa, uint64_t da);

/* ---- tdma_vlc_compress.c: L2G compression of a local tensor or matrix
 * into a VLC stream (compress_en 1, docs/datapath.md 2.12) ---- */
void tdma_exec_compress(const struct tdma_desc *d, const struct tdma_kctx *k,
			struct tdma_kresult *r, uint64_t sa, uint64_t da);

#endif /* TPU_KERN_PRIV_H */
