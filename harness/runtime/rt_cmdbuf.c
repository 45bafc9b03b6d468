/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_cmdbuf.c - command-buffer builder and dmabuf converter (rt_cmdbuf.h).
 *
 * Sync ids follow cvikernel (engine_conductor.c, serial_mode.c,
 * parallel_mode.c, cvkcv181x.c replace_cmd_id); the image follows
 * cviruntime src/soc/181x/bm_dmabuf.c (fill_header_and_arm,
 * fill_bd_and_tdma, adjust_desc_*, reorder_bd_cmdbuf_reg,
 * cvi181x_dmabuf_relocate).
 */
#include "rt_cmdbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tpu/dmabuf.h"
#include "tpu/hwcfg.h"
#include "tpu/pmu_record.h"
#include "tpu/tiu_reorder.h"

struct rt_seg {
	uint32_t n_tiu;
	uint32_t n_tdma;
};

struct rt_cmdbuf {
	uint8_t *tiu;             /* packed canonical TIU descriptors, ids assigned */
	size_t n_tiu, cap_tiu;
	uint8_t *tdma;            /* packed TDMA descriptors, ids assigned */
	size_t n_tdma, cap_tdma;
	struct rt_seg *segs;      /* closed segments */
	size_t n_segs, cap_segs;

	/* The open segment (index n_segs). */
	uint32_t cur_tiu;         /* TIU descriptors so far = latest TIU id */
	uint32_t cur_tdma;        /* TDMA descriptors so far = latest TDMA id */
	uint32_t prev_tdma_wait;  /* wait_id_tpu of the previous TDMA */

	/* Parallel block: the other engine's latest ids when it began. */
	bool parallel;
	size_t blk_seg;           /* segment those ids belong to */
	uint32_t blk_tiu, blk_tdma;
};

#define RT_SEG_STR "layer_end"

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static int grow(void **buf, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *nb;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 64;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return -ENOMEM;
		ncap *= 2;
	}
	nb = realloc(*buf, ncap * elem);
	if (!nb)
		return -ENOMEM;
	*buf = nb;
	*cap = ncap;
	return 0;
}

struct rt_cmdbuf *rt_cmdbuf_create(void)
{
	return calloc(1, sizeof(struct rt_cmdbuf));
}

void rt_cmdbuf_destroy(struct rt_cmdbuf *cb)
{
	if (!cb)
		return;
	free(cb->tiu);
	free(cb->tdma);
	free(cb->segs);
	free(cb);
}

void rt_cmdbuf_reset(struct rt_cmdbuf *cb)
{
	if (!cb)
		return;
	cb->n_tiu = 0;
	cb->n_tdma = 0;
	cb->n_segs = 0;
	cb->cur_tiu = 0;
	cb->cur_tdma = 0;
	cb->prev_tdma_wait = 0;
	cb->parallel = false;
	cb->blk_seg = 0;
	cb->blk_tiu = 0;
	cb->blk_tdma = 0;
}

/* Close the open segment (possibly empty); ids restart. */
static int close_segment(struct rt_cmdbuf *cb)
{
	int ret = grow((void **)&cb->segs, &cb->cap_segs, cb->n_segs + 1, sizeof(*cb->segs));

	if (ret)
		return ret;
	cb->segs[cb->n_segs].n_tiu = cb->cur_tiu;
	cb->segs[cb->n_segs].n_tdma = cb->cur_tdma;
	cb->n_segs++;
	cb->cur_tiu = 0;
	cb->cur_tdma = 0;
	cb->prev_tdma_wait = 0;
	return 0;
}

/* The other engine's id this descriptor waits for (0 = none). */
static uint32_t dep_tdma_for_tiu(const struct rt_cmdbuf *cb)
{
	if (!cb->parallel)
		return cb->cur_tdma;
	return cb->blk_seg == cb->n_segs ? cb->blk_tdma : 0;
}

static uint32_t dep_tiu_for_tdma(const struct rt_cmdbuf *cb)
{
	if (!cb->parallel)
		return cb->cur_tiu;
	return cb->blk_seg == cb->n_segs ? cb->blk_tiu : 0;
}

/* Room for one more descriptor of an engine.  A segment break after id
 * 0xFFFF needs room in segs[] too: reserved now so that a failure leaves
 * the builder unchanged. */
static int reserve(struct rt_cmdbuf *cb, uint8_t **descs, size_t n, size_t *cap, size_t size)
{
	int ret = grow((void **)descs, cap, n + 1, size);

	if (ret)
		return ret;
	return grow((void **)&cb->segs, &cb->cap_segs, cb->n_segs + 1, sizeof(*cb->segs));
}

/* Appends TDMA descriptor t, whose ids are final: rt_cmdbuf_tdma gives
 * them, rt_cmdbuf_tdma_verbatim takes the caller's. */
static int push_tdma(struct rt_cmdbuf *cb, struct tdma_desc *t)
{
	int ret = reserve(cb, &cb->tdma, cb->n_tdma, &cb->cap_tdma, TDMA_DESC_SIZE);

	if (ret)
		return ret;
	t->bar_en = 1;
	/* A value wider than its field (a 17-bit n in a 16-bit field) would
	 * silently describe another transfer.  The slot is past n_tdma, so
	 * refusing leaves the builder unchanged. */
	if (tdma_desc_pack(t, cb->tdma + cb->n_tdma * TDMA_DESC_SIZE))
		return -ERANGE;
	cb->n_tdma++;
	cb->cur_tdma = t->cmd_id;
	cb->prev_tdma_wait = t->wait_id_tpu;

	if (t->cmd_id == TPU_SYNC_ID_MAX)
		close_segment(cb);  /* cannot fail: reserved */
	return (int)t->cmd_id;
}

int rt_cmdbuf_tdma(struct rt_cmdbuf *cb, const struct tdma_desc *d)
{
	struct tdma_desc t;
	uint32_t wait;

	if (!cb || !d)
		return -EINVAL;
	t = *d;
	wait = dep_tiu_for_tdma(cb);
	/* cvikernel update_tdma_wait_id.  With waits that name the latest (or
	 * latest pre-block) TIU of the segment this never changes a value: a
	 * TDMA without a TIU to wait for has no predecessor in the segment
	 * that had one.  Kept as the stated rule. */
	if (!wait)
		wait = cb->prev_tdma_wait;
	t.cmd_id = cb->cur_tdma + 1;
	t.wait_id_tpu = wait;
	return push_tdma(cb, &t);
}

/* The ids d carries must continue the sequence. */
int rt_cmdbuf_tdma_verbatim(struct rt_cmdbuf *cb, const struct tdma_desc *d)
{
	struct tdma_desc t;

	if (!cb || !d || d->cmd_id != cb->cur_tdma + 1)
		return -EINVAL;
	t = *d;
	return push_tdma(cb, &t);
}

/* The TIU counterpart of push_tdma. */
static int push_tiu(struct rt_cmdbuf *cb, struct tiu_desc *t)
{
	int ret = reserve(cb, &cb->tiu, cb->n_tiu, &cb->cap_tiu, TIU_DESC_SIZE);

	if (ret)
		return ret;
	t->cmd_id_en = 1;
	if (tiu_desc_pack(t, cb->tiu + cb->n_tiu * TIU_DESC_SIZE))
		return -ERANGE;  /* as for TDMA */
	cb->n_tiu++;
	cb->cur_tiu = t->cmd_id_tpu;

	if (t->cmd_id_tpu == TPU_SYNC_ID_MAX)
		close_segment(cb);
	return (int)t->cmd_id_tpu;
}

int rt_cmdbuf_tiu(struct rt_cmdbuf *cb, const struct tiu_desc *d)
{
	struct tiu_desc t;

	if (!cb || !d)
		return -EINVAL;
	t = *d;
	t.cmd_id_tpu = cb->cur_tiu + 1;
	t.cmd_id_gdma = dep_tdma_for_tiu(cb);
	return push_tiu(cb, &t);
}

int rt_cmdbuf_tiu_verbatim(struct rt_cmdbuf *cb, const struct tiu_desc *d)
{
	struct tiu_desc t;

	if (!cb || !d || d->cmd_id_tpu != cb->cur_tiu + 1)
		return -EINVAL;
	t = *d;
	return push_tiu(cb, &t);
}

int rt_cmdbuf_parallel(struct rt_cmdbuf *cb, bool enable)
{
	if (!cb)
		return -EINVAL;
	if (enable == cb->parallel)
		return 0;
	cb->parallel = enable;
	if (enable) {
		cb->blk_seg = cb->n_segs;
		cb->blk_tiu = cb->cur_tiu;
		cb->blk_tdma = cb->cur_tdma;
	}
	return 0;
}

int rt_cmdbuf_sync(struct rt_cmdbuf *cb)
{
	if (!cb)
		return -EINVAL;
	return close_segment(cb);
}

size_t rt_cmdbuf_tiu_count(const struct rt_cmdbuf *cb)
{
	return cb ? cb->n_tiu : 0;
}

size_t rt_cmdbuf_tdma_count(const struct rt_cmdbuf *cb)
{
	return cb ? cb->n_tdma : 0;
}

static bool open_segment_used(const struct rt_cmdbuf *cb)
{
	return cb->cur_tiu || cb->cur_tdma;
}

size_t rt_cmdbuf_segment_count(const struct rt_cmdbuf *cb)
{
	if (!cb)
		return 0;
	return cb->n_segs + (open_segment_used(cb) ? 1 : 0);
}

static struct rt_seg seg_at(const struct rt_cmdbuf *cb, size_t i)
{
	struct rt_seg s;

	if (i < cb->n_segs)
		return cb->segs[i];
	s.n_tiu = cb->cur_tiu;
	s.n_tdma = cb->cur_tdma;
	return s;
}

int rt_cmdbuf_segment(const struct rt_cmdbuf *cb, size_t seg, uint32_t *n_tiu, uint32_t *n_tdma)
{
	struct rt_seg s;

	if (!cb || seg >= rt_cmdbuf_segment_count(cb))
		return -EINVAL;
	s = seg_at(cb, seg);
	if (n_tiu)
		*n_tiu = s.n_tiu;
	if (n_tdma)
		*n_tdma = s.n_tdma;
	return 0;
}

int rt_cmdbuf_get_tiu(const struct rt_cmdbuf *cb, size_t i, struct tiu_desc *d)
{
	if (!cb || !d || i >= cb->n_tiu)
		return -EINVAL;
	tiu_desc_unpack(d, cb->tiu + i * TIU_DESC_SIZE);
	return 0;
}

int rt_cmdbuf_get_tdma(const struct rt_cmdbuf *cb, size_t i, struct tdma_desc *d)
{
	if (!cb || !d || i >= cb->n_tdma)
		return -EINVAL;
	tdma_desc_unpack(d, cb->tdma + i * TDMA_DESC_SIZE);
	return 0;
}

/* ---- dmabuf ------------------------------------------------------------- */

struct layout {
	size_t nseg;
	uint64_t tiu_start;   /* TIU area */
	uint64_t tdma_start;  /* TDMA area */
	uint64_t size;
};

/* Where segment blocks go; next_tiu_block() walks the same rule. */
static uint64_t next_tiu_block(uint64_t *cursor, uint32_t n_tiu, uint32_t flags)
{
	uint64_t blk = align_up(*cursor, TPU_TIU_SEG_ALIGN);

	*cursor = blk + (uint64_t)n_tiu * TIU_DESC_SIZE;
	if (!(flags & RT_BUILD_NO_EOD_PADDING))
		*cursor = align_up(*cursor + TPU_TIU_EOD_PADDING, TPU_TIU_SEG_ALIGN);
	return blk;
}

static int compute_layout(const struct rt_cmdbuf *cb, uint32_t flags, struct layout *L)
{
	uint64_t cursor;
	size_t i;

	L->nseg = rt_cmdbuf_segment_count(cb);
	if (L->nseg > (UINT32_MAX - TPU_DMABUF_HDR_SIZE) / TPU_CPU_DESC_SIZE)
		return -EOVERFLOW;
	cursor = align_up(TPU_DMABUF_HDR_SIZE + (uint64_t)L->nseg * TPU_CPU_DESC_SIZE,
			  TPU_TIU_SEG_ALIGN);
	L->tiu_start = cursor;
	for (i = 0; i < L->nseg; i++) {
		struct rt_seg s = seg_at(cb, i);

		if (s.n_tiu)
			next_tiu_block(&cursor, s.n_tiu, flags);
	}
	L->tdma_start = align_up(cursor, TPU_TDMA_AREA_ALIGN);
	L->size = L->tdma_start + (uint64_t)cb->n_tdma * TDMA_DESC_SIZE;
	if (L->size > UINT32_MAX)
		return -EOVERFLOW;
	return 0;
}

long rt_dmabuf_size_opts(const struct rt_cmdbuf *cb, const struct rt_build_opts *opts)
{
	struct layout L;
	int ret;

	if (!cb)
		return -EINVAL;
	ret = compute_layout(cb, opts ? opts->flags : 0, &L);
	if (ret)
		return ret;
	return (long)L.size;
}

long rt_dmabuf_size(const struct rt_cmdbuf *cb)
{
	return rt_dmabuf_size_opts(cb, NULL);
}

long rt_pmubuf_size(const struct rt_cmdbuf *cb)
{
	uint64_t n, size;

	if (!cb)
		return -EINVAL;
	n = (uint64_t)cb->n_tiu + cb->n_tdma;
	size = (n * PMU_RECORD_SIZE + RT_PMU_SPARE_BYTES + RT_PMU_ALIGN - 1) / RT_PMU_ALIGN * RT_PMU_ALIGN;
	if (size > UINT32_MAX)
		return -EOVERFLOW;
	return (long)size;
}

static void write_header(uint8_t *out, const struct rt_cmdbuf *cb, const struct layout *L,
			 const uint64_t arraybase[TPU_NUM_ARRAYBASE], uint32_t pmubuf_size)
{
	unsigned k;

	put16(out + offsetof(struct tpu_dma_hdr, dmabuf_magic_m), TPU_DMABUF_MAGIC_M);
	put16(out + offsetof(struct tpu_dma_hdr, dmabuf_magic_s), TPU_DMABUF_MAGIC_S);
	put32(out + offsetof(struct tpu_dma_hdr, dmabuf_size), (uint32_t)L->size);
	put32(out + offsetof(struct tpu_dma_hdr, cpu_desc_count), (uint32_t)L->nseg);
	put32(out + offsetof(struct tpu_dma_hdr, bd_desc_count), (uint32_t)cb->n_tiu);
	put32(out + offsetof(struct tpu_dma_hdr, tdma_desc_count), (uint32_t)cb->n_tdma);
	put32(out + offsetof(struct tpu_dma_hdr, tpu_clk_rate), 0);
	put32(out + offsetof(struct tpu_dma_hdr, pmubuf_size), pmubuf_size);
	/* cvi181x_dmabuf_relocate: pmubuf_offset = dmabuf_size always; the
	 * PMU is on only when pmubuf_size is non-zero too. */
	put32(out + offsetof(struct tpu_dma_hdr, pmubuf_offset), (uint32_t)L->size);
	for (k = 0; k < TPU_NUM_ARRAYBASE; k++) {
		uint8_t *p = out + offsetof(struct tpu_dma_hdr, arraybase) + 8 * k;

		put32(p, arraybase ? (uint32_t)arraybase[k] : 0);
		put32(p + 4, 0);
	}
}

static void write_segment(uint8_t *p, struct rt_seg s, uint32_t tiu_reloc, uint32_t tdma_reloc,
			  uint32_t tiu_off, uint32_t tdma_off)
{
	put32(p + offsetof(struct tpu_cpu_sync_desc, op_type), TPU_CPU_OP_SYNC);
	put32(p + offsetof(struct tpu_cpu_sync_desc, num_tiu), s.n_tiu);
	put32(p + offsetof(struct tpu_cpu_sync_desc, num_tdma), s.n_tdma);
	put32(p + offsetof(struct tpu_cpu_sync_desc, offset_tiu), tiu_reloc);
	put32(p + offsetof(struct tpu_cpu_sync_desc, offset_tdma), tdma_reloc);
	put32(p + offsetof(struct tpu_cpu_sync_desc, offset_tiu_ori_bk), tiu_off);
	put32(p + offsetof(struct tpu_cpu_sync_desc, offset_tdma_ori_bk), tdma_off);
	memcpy(p + offsetof(struct tpu_cpu_sync_desc, str), RT_SEG_STR, sizeof(RT_SEG_STR));
}

/* (paddr + off) >> shift (+1 when broken on purpose), or -ERANGE. */
static int reloc(uint64_t paddr, uint64_t off, unsigned shift, uint32_t flags, uint32_t *out)
{
	uint64_t v = (paddr + off) >> shift;

	if (flags & RT_BUILD_RELOC_OFF_BY_ONE)
		v++;
	if (v > UINT32_MAX)
		return -ERANGE;
	*out = (uint32_t)v;
	return 0;
}

long rt_dmabuf_build_opts(const struct rt_cmdbuf *cb, uint64_t paddr,
			  const uint64_t arraybase[TPU_NUM_ARRAYBASE], const struct rt_build_opts *opts,
			  uint8_t *out, size_t len)
{
	uint32_t flags = opts ? opts->flags : 0;
	uint64_t cursor, tdma_off;
	size_t seg, tiu_i = 0, tdma_i = 0;
	struct layout L;
	unsigned k;
	int ret;

	if (!cb || !out)
		return -EINVAL;
	if (paddr % TPU_DMABUF_ALIGN)
		return -EINVAL;
	ret = compute_layout(cb, flags, &L);
	if (ret)
		return ret;
	if (len < L.size)
		return -ENOSPC;
	if (paddr > TPU_DMA_ADDR_MASK || L.size > TPU_DMA_ADDR_MASK + 1 - paddr)
		return -ERANGE;
	if (arraybase)
		for (k = 0; k < TPU_NUM_ARRAYBASE; k++)
			if (arraybase[k] > UINT32_MAX)
				return -ERANGE;

	/* Check every relocated offset before writing anything. */
	cursor = L.tiu_start;
	tdma_off = L.tdma_start;
	for (seg = 0; seg < L.nseg; seg++) {
		struct rt_seg s = seg_at(cb, seg);
		uint32_t dummy;

		if (s.n_tiu) {
			ret = reloc(paddr, next_tiu_block(&cursor, s.n_tiu, flags),
				    TPU_TIU_DESC_ALIGN_SHIFT, flags, &dummy);
			if (ret)
				return ret;
		}
		if (s.n_tdma) {
			ret = reloc(paddr, tdma_off, TPU_TDMA_DESC_ALIGN_SHIFT, flags, &dummy);
			if (ret)
				return ret;
			tdma_off += (uint64_t)s.n_tdma * TDMA_DESC_SIZE;
		}
	}

	memset(out, 0, L.size);
	write_header(out, cb, &L, arraybase, opts ? opts->pmubuf_size : 0);

	cursor = L.tiu_start;
	tdma_off = L.tdma_start;
	for (seg = 0; seg < L.nseg; seg++) {
		struct rt_seg s = seg_at(cb, seg);
		uint32_t tiu_reloc = 0, tdma_reloc = 0, tiu_ori = 0, tdma_ori = 0;
		uint32_t i;

		if (s.n_tiu) {
			uint64_t blk = next_tiu_block(&cursor, s.n_tiu, flags);

			reloc(paddr, blk, TPU_TIU_DESC_ALIGN_SHIFT, flags, &tiu_reloc);
			tiu_ori = (uint32_t)blk;
			for (i = 0; i < s.n_tiu; i++, tiu_i++) {
				uint8_t canon[TIU_DESC_SIZE];

				memcpy(canon, cb->tiu + tiu_i * TIU_DESC_SIZE, sizeof(canon));
				if (i == s.n_tiu - 1 && !(flags & RT_BUILD_NO_TIU_END)) {
					tpu_desc_bits_put(canon, TIU_DESC_CMD_END_BIT, 1, 1);
					tpu_desc_bits_put(canon, TIU_DESC_CMD_INTR_EN_BIT, 1, 1);
				}
				tiu_desc_to_stored(canon, out + blk + (uint64_t)i * TIU_DESC_SIZE);
			}
			/* The 128 padding bytes stay zero from the memset. */
		}
		if (s.n_tdma) {
			reloc(paddr, tdma_off, TPU_TDMA_DESC_ALIGN_SHIFT, flags, &tdma_reloc);
			tdma_ori = (uint32_t)tdma_off;
			for (i = 0; i < s.n_tdma; i++, tdma_i++) {
				uint8_t *p = out + tdma_off;

				memcpy(p, cb->tdma + tdma_i * TDMA_DESC_SIZE, TDMA_DESC_SIZE);
				tpu_desc_bits_put(p, TDMA_DESC_BAR_EN_BIT, 1, 1);
				if (i == s.n_tdma - 1 && !(flags & RT_BUILD_NO_TDMA_EOD)) {
					tpu_desc_bits_put(p, TDMA_DESC_EOD_BIT, 1, 1);
					tpu_desc_bits_put(p, TDMA_DESC_INTP_EN_BIT, 1, 1);
				}
				if (i == s.n_tdma - 1 && (flags & RT_BUILD_WAIT_PAST_END) &&
				    s.n_tiu && s.n_tiu < TPU_SYNC_ID_MAX)
					tpu_desc_bits_put(p, TDMA_DESC_WAIT_ID_TPU_BIT,
							  TDMA_DESC_WAIT_ID_TPU_WIDTH, s.n_tiu + 1);
				tdma_off += TDMA_DESC_SIZE;
			}
		}
		write_segment(out + TPU_DMABUF_HDR_SIZE + seg * TPU_CPU_DESC_SIZE, s,
			      tiu_reloc, tdma_reloc, tiu_ori, tdma_ori);
	}
	return (long)L.size;
}

long rt_dmabuf_build(const struct rt_cmdbuf *cb, uint64_t paddr,
		     const uint64_t arraybase[TPU_NUM_ARRAYBASE], uint8_t *out, size_t len)
{
	return rt_dmabuf_build_opts(cb, paddr, arraybase, NULL, out, len);
}
