/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rt_desc.c - descriptor builders (see rt_desc.h).  Field choices follow
 * cvikernel's tdma.c / tiu_*.c encodings (hardware-reference 2.2, 3.2).
 */
#include "rt_desc.h"

#include <errno.h>

#include "tpu/hwcfg.h"

static uint32_t align_up(uint32_t v, uint32_t a)
{
	return (v + a - 1) / a * a;
}

void rt_tensor_global(struct rt_tensor *t, uint64_t addr, unsigned base_sel,
		      uint32_t n, uint32_t c, uint32_t h, uint32_t w)
{
	t->addr = addr;
	t->base_sel = base_sel;
	t->n = n;
	t->c = c;
	t->h = h;
	t->w = w;
	t->esize = 1;
	t->h_stride = w;
	t->c_stride = h * w;
	t->n_stride = c * h * w;
}

void rt_tensor_local(struct rt_tensor *t, uint32_t addr, uint32_t n, uint32_t c,
		     uint32_t h, uint32_t w, unsigned lanes, bool eu_align)
{
	uint32_t start_lane = addr >> TPU_LMEM_ADDR_SHIFT;

	rt_tensor_global(t, addr, 0, n, c, h, w);   /* then the lanes' strides */
	t->c_stride = eu_align ? align_up(h * w, TPU_EU_NUM) : h * w;
	t->n_stride = t->c_stride * ((start_lane + c + lanes - 1) / lanes);
}

uint32_t rt_tensor_local_lane_bytes(const struct rt_tensor *t)
{
	return t->n * t->n_stride;
}

static void tdma_common(struct tdma_desc *d, unsigned dir)
{
	tdma_desc_reset(d);
	d->vld = 1;
	d->trans_dir = dir;
}

static void tdma_src(struct tdma_desc *d, const struct rt_tensor *s)
{
	d->src_base_addr_low = (uint32_t)s->addr;
	d->src_base_addr_high = (uint32_t)(s->addr >> 32) & 0xFF;
	d->src_base_reg_sel = s->base_sel;
	d->src_n = s->n;
	d->src_c = s->c;
	d->src_h = s->h;
	d->src_w = s->w;
	d->src_n_stride = s->n_stride;
	d->src_c_stride_low = s->c_stride & 0xFFFF;
	d->src_c_stride_high = s->c_stride >> 16;
	d->src_h_stride = s->h_stride;
	d->src_fmt = s->esize == 2 ? TDMA_DESC_SRC_FMT_BF16 : TDMA_DESC_SRC_FMT_INT8;
}

static void tdma_dst(struct tdma_desc *d, const struct rt_tensor *t)
{
	d->dst_base_addr_low = (uint32_t)t->addr;
	d->dst_base_addr_high = (uint32_t)(t->addr >> 32) & 0xFF;
	d->dst_base_reg_sel = t->base_sel;
	d->dst_c = t->c;
	d->dst_h = t->h;
	d->dst_w = t->w;
	d->dst_n_stride = t->n_stride;
	d->dst_c_stride_low = t->c_stride & 0xFFFF;
	d->dst_c_stride_high = t->c_stride >> 16;
	d->dst_h_stride = t->h_stride;
	d->dst_fmt = t->esize == 2 ? TDMA_DESC_DST_FMT_BF16 : TDMA_DESC_DST_FMT_INT8;
}

void rt_tdma_tensor_copy(struct tdma_desc *d, unsigned dir,
			 const struct rt_tensor *src, const struct rt_tensor *dst)
{
	tdma_common(d, dir);
	d->trans_fmt = TDMA_DESC_TRANS_FMT_TENSOR;
	tdma_src(d, src);
	tdma_dst(d, dst);
}

void rt_tdma_general_copy(struct tdma_desc *d, unsigned dir, uint64_t src, unsigned src_sel,
			  uint64_t dst, unsigned dst_sel, uint32_t bytes)
{
	tdma_common(d, dir);
	d->trans_fmt = TDMA_DESC_TRANS_FMT_GENERAL;
	d->src_base_addr_low = (uint32_t)src;
	d->src_base_addr_high = (uint32_t)(src >> 32) & 0xFF;
	d->src_base_reg_sel = src_sel;
	d->dst_base_addr_low = (uint32_t)dst;
	d->dst_base_addr_high = (uint32_t)(dst >> 32) & 0xFF;
	d->dst_base_reg_sel = dst_sel;
	d->src_n_stride = bytes;  /* the byte count of a general copy */
}

void rt_tdma_fill(struct tdma_desc *d, unsigned dir, const struct rt_tensor *dst, uint16_t value)
{
	tdma_common(d, dir);
	d->trans_fmt = TDMA_DESC_TRANS_FMT_TENSOR;
	d->spec_func = TDMA_DESC_SPEC_FUNC_CONST_FILL;
	d->const_val = value;
	/* cvikernel fills the source shape with the destination's */
	d->src_n = dst->n;
	d->src_c = dst->c;
	d->src_h = dst->h;
	d->src_w = dst->w;
	tdma_dst(d, dst);
}

/* One TIU operand (res0, opd0, opd1) from a tensor, with explicit strides:
 * the descriptor names each operand's fields with its own prefix. */
#define RT_TIU_OPD(d, opd, t)                          \
	do {                                           \
		(d)->opd##_n = (t)->n;                 \
		(d)->opd##_c = (t)->c;                 \
		(d)->opd##_h = (t)->h;                 \
		(d)->opd##_w = (t)->w;                 \
		(d)->opd##_addr = (uint32_t)(t)->addr; \
		(d)->short_##opd##_str = 3;            \
		(d)->opd##_n_str = (t)->n_stride;      \
		(d)->opd##_c_str = (t)->c_stride;      \
		(d)->opd##_h_str = (t)->h_stride;      \
		(d)->opd##_w_str = (t)->esize;         \
} while (0)

int rt_tiu_eltwise(struct tiu_desc *d, const struct rt_tiu_eltwise_args *p)
{
	const struct rt_tensor *r = p->res, *a = p->a, *b = p->b;
	bool b_tensor = p->op != TIU_DESC_TSK_EU_TYP_COPY && !p->b_is_const;

	if (r->addr >> 24 || a->addr >> 24 || (b_tensor && b->addr >> 16))
		return -ERANGE;

	tiu_desc_reset(d);
	d->cmd_en = 1;
	d->cmd_id_en = 1;
	d->tsk_typ = TIU_DESC_TSK_TYP_TENSOR_ARITH;
	d->tsk_eu_typ = p->op;
	d->tsk_opd_num = p->op == TIU_DESC_TSK_EU_TYP_COPY ? 1 : 2;
	d->opt_res_shift = p->rshift;
	d->opt_left_shift = p->lshift;
	d->opt_rshift_typ = 1;
	d->opt_relu_typ = p->relu ? 1 : 0;
	d->opt_res_add = p->accumulate ? 1 : 0;
	d->opd_typ = 0;
	d->opt_res0_sign = p->res_signed;
	d->opt_opd0_sign = p->a_signed;
	d->opt_opd1_sign = p->b_signed;
	d->opt_res0_seg = 1;
	d->opt_opd0_seg = 1;
	d->opt_opd1_seg = 1;

	RT_TIU_OPD(d, res0, r);
	RT_TIU_OPD(d, opd0, a);

	if (p->op == TIU_DESC_TSK_EU_TYP_COPY)
		return 0;
	if (p->b_is_const) {
		d->opt_opd1_const = 1;
		d->opd1_addr = (uint16_t)p->b_const;
		return 0;
	}
	RT_TIU_OPD(d, opd1, b);
	return 0;
}
