/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_cmdbuf.h - a command-buffer builder and dmabuf converter, in the
 * spirit of cvikernel (sync-id assignment) + cviruntime's bm_dmabuf.c
 * (dmabuf layout, per-descriptor patching, relocation).  Pure C, no system
 * calls: rt_session.h puts the image into an ION buffer.
 *
 * Descriptors are appended in program order as canonical (unreordered)
 * structs.  The builder assigns sync ids at append time
 * (hardware-reference 4.3):
 *
 *   - own id: 1-based running count of that engine's descriptors within
 *     the current segment (TIU cmd_id_tpu, TDMA cmd_id);
 *   - serial mode (default): a TIU waits for the latest TDMA of the
 *     segment (cmd_id_gdma), a TDMA for the latest TIU (wait_id_tpu);
 *     0 when there is none;
 *   - parallel mode (rt_cmdbuf_parallel(cb, true) ... false): every
 *     descriptor in the block waits only for the other engine's latest
 *     descriptor issued BEFORE the block (if that is in the current
 *     segment); after the block, serial mode resumes from the latest
 *     descriptors, including those of the block;
 *   - a TDMA with no TIU dependency (wait 0) inherits the previous TDMA's
 *     wait_id_tpu within the segment (cvikernel update_tdma_wait_id);
 *   - TIU cmd_id_en = 1 and TDMA bar_en = 1 always.  Other bits of the
 *     input (cmd_en, vld, ...) are kept as given; the caller's ids are
 *     overwritten.
 *
 * Note: cvikernel records one "follower" per engine, so the second and
 * later TIU after the same TDMA get cmd_id_gdma = 0 there; here they
 * repeat the TDMA id.  Both mean the same thing to an engine that waits
 * until the other engine's completed id >= the wait id.
 *
 * Segments (cviruntime fill_header_and_arm): a segment ends after a
 * descriptor whose own id is 0xFFFF, at rt_cmdbuf_sync (always, even when
 * the segment is empty: a CPU entry in a cvikernel cmdbuf does the same),
 * and at the end if it holds descriptors.  Ids restart at 1 in the next
 * segment; no dependency crosses a segment boundary.
 *
 * All functions that can fail return a negative errno.
 */
#ifndef TPU_RT_CMDBUF_H
#define TPU_RT_CMDBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tpu/hwcfg.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rt_cmdbuf;

/* NULL on allocation failure. */
struct rt_cmdbuf *rt_cmdbuf_create(void);
void rt_cmdbuf_destroy(struct rt_cmdbuf *cb);
/* Forget every descriptor and segment; serial mode. */
void rt_cmdbuf_reset(struct rt_cmdbuf *cb);

/* Append one descriptor.  Returns its assigned own id (1..0xFFFF) or
 * -EINVAL / -ENOMEM, or -ERANGE when a member does not fit its descriptor
 * field (nothing is appended). */
int rt_cmdbuf_tdma(struct rt_cmdbuf *cb, const struct tdma_desc *d);
int rt_cmdbuf_tiu(struct rt_cmdbuf *cb, const struct tiu_desc *d);
/* Append a descriptor whose sync ids were assigned elsewhere (a compiled
 * command buffer, such as a cvimodel's): its own id and wait id are kept
 * as given.  The own id must be the next of its engine in the open segment
 * (the count so far + 1), since segment lengths are counted from it; a
 * wait id is not checked (it may name a descriptor the other engine has
 * not been given yet).  TIU cmd_id_en and TDMA bar_en are set as for the
 * other appends; id 0xFFFF closes the segment.  Returns the id, or -EINVAL
 * (out of sequence) / -ENOMEM / -ERANGE; nothing is appended on failure. */
int rt_cmdbuf_tdma_verbatim(struct rt_cmdbuf *cb, const struct tdma_desc *d);
int rt_cmdbuf_tiu_verbatim(struct rt_cmdbuf *cb, const struct tiu_desc *d);
/* Enter (true) or leave (false) a parallel block; repeating the current
 * mode is a no-op.  0 or -EINVAL. */
int rt_cmdbuf_parallel(struct rt_cmdbuf *cb, bool enable);
/* Explicit segment break (a CPU sync entry).  0 or -EINVAL / -ENOMEM. */
int rt_cmdbuf_sync(struct rt_cmdbuf *cb);

/* ---- introspection (for tests and tools) ---- */
size_t rt_cmdbuf_tiu_count(const struct rt_cmdbuf *cb);
size_t rt_cmdbuf_tdma_count(const struct rt_cmdbuf *cb);
/* Segments the dmabuf will have (closed ones + the open one if non-empty). */
size_t rt_cmdbuf_segment_count(const struct rt_cmdbuf *cb);
/* Descriptor counts of segment seg.  0 or -EINVAL. */
int rt_cmdbuf_segment(const struct rt_cmdbuf *cb, size_t seg, uint32_t *n_tiu, uint32_t *n_tdma);
/* The i-th TIU / TDMA descriptor in program order, with its assigned ids,
 * before the dmabuf patching (end bits, reorder).  0 or -EINVAL. */
int rt_cmdbuf_get_tiu(const struct rt_cmdbuf *cb, size_t i, struct tiu_desc *d);
int rt_cmdbuf_get_tdma(const struct rt_cmdbuf *cb, size_t i, struct tdma_desc *d);

/* ---- dmabuf image (driver-reference 4, include/tpu/dmabuf.h) ----
 *
 *   0              header (128 B): magic 0xB5B5 / 0x1822, dmabuf_size,
 *                  counts, tpu_clk_rate 0, pmubuf_size (opts, default 0),
 *                  pmubuf_offset = dmabuf_size (as cvi181x_dmabuf_relocate),
 *                  arraybase_k_L = arraybase[k], arraybase_k_H = 0
 *   128            one 224-byte CPU_OP_SYNC entry per segment, "layer_end"
 *   ALIGN(.., 256) per segment with TIU work: its TIU descriptors (112 B,
 *                  stored reordered) from a 256-aligned start, then 128
 *                  zero bytes; the next block starts 256-aligned
 *   ALIGN(.., 64)  all TDMA descriptors, one 64-byte slot each
 *   dmabuf_size
 *
 * Relocated for the buffer's physical address paddr (4 KiB aligned):
 * offset_tiu = (paddr + off) >> 8, offset_tdma = (paddr + off) >> 6, the
 * buffer-relative offsets kept in *_ori_bk; an engine with no work in a
 * segment has num 0, offset 0, ori_bk 0.  Patching: every TDMA bar_en; the
 * last TDMA of a segment eod + intp_en; the last TIU cmd_end + cmd_intr_en.
 *
 * Array bases: the driver programs only ARRAYBASE_L and writes 0 to the
 * H registers, so H is always stored as 0 (as the runtime does) and an
 * array base above 4 GiB is rejected (-ERANGE) rather than truncated.
 */

/* Deliberately broken builds, for mutation tests.  Default: none. */
#define RT_BUILD_NO_EOD_PADDING   (1u << 0) /* no 128 zero bytes after a segment's
					     * last TIU: a TIU block is exactly
					     * n * 112 bytes and the TDMA area
					     * starts at ALIGN(end of last TIU, 64) */
#define RT_BUILD_NO_TDMA_EOD      (1u << 1) /* last TDMA of a segment: no eod/intp_en */
#define RT_BUILD_NO_TIU_END       (1u << 2) /* last TIU of a segment: no cmd_end/cmd_intr_en */
#define RT_BUILD_RELOC_OFF_BY_ONE (1u << 3) /* offset_tiu / offset_tdma one unit
					     * (256 B / 64 B) too high */
#define RT_BUILD_WAIT_PAST_END    (1u << 4) /* last TDMA of a segment waits for a
					     * TIU id one past the segment's last:
					     * the TDMA waits forever, no engine
					     * reports an error */

struct rt_build_opts {
	uint32_t flags;        /* RT_BUILD_* */
	uint32_t pmubuf_size;  /* header pmubuf_size; the PMU buffer itself
				* (at dmabuf_size) is not part of the image */
};

/* The PMU buffer the vendor runtime appends when the PMU is asked for
 * (bm_dmabuf.c, silicon-timing 4.1): ALIGN((n_tiu + n_tdma) * 16 + 1 MiB,
 * 4 KiB) bytes, room for one 16-byte record per descriptor (a G2G transfer
 * leaves two: the spare MiB covers them) .  Set it as opts.pmubuf_size.
 * The size, or -EINVAL / -EOVERFLOW. */
#define RT_PMU_SPARE_BYTES  (1u << 20)
#define RT_PMU_ALIGN        4096u
long rt_pmubuf_size(const struct rt_cmdbuf *cb);

/* Size of the dmabuf image in bytes, or -EOVERFLOW / -EINVAL. */
long rt_dmabuf_size(const struct rt_cmdbuf *cb);
long rt_dmabuf_size_opts(const struct rt_cmdbuf *cb, const struct rt_build_opts *opts);

/* Write the relocated image for a buffer at physical address paddr into
 * out[0 .. size) (bytes beyond size are not touched).  arraybase may be
 * NULL (all 0).  Returns the size, or -EINVAL (paddr not 4 KiB aligned),
 * -ENOSPC (len < size), -ERANGE (an address does not fit its field),
 * -EOVERFLOW.  opts NULL = default. */
long rt_dmabuf_build(const struct rt_cmdbuf *cb, uint64_t paddr,
		     const uint64_t arraybase[TPU_NUM_ARRAYBASE], uint8_t *out, size_t len);
long rt_dmabuf_build_opts(const struct rt_cmdbuf *cb, uint64_t paddr,
			  const uint64_t arraybase[TPU_NUM_ARRAYBASE], const struct rt_build_opts *opts,
			  uint8_t *out, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* TPU_RT_CMDBUF_H */
