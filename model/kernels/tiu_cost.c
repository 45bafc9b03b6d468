/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tiu_cost.c - TIU cycle estimate per descriptor.
 *
 * The formulas are those of the tpu-mlir CV18xx analytical model
 * (sophgo/tpu-mlir lib/Backend/CV18xx/CV18xx_profiling.cpp,
 * TiuReg::calTiuCycle / getEltwiseLatency; hardware-reference 7.5),
 * re-implemented here, plus TPU_TIU_DESC_OVERHEAD_CYCLES.  Where that code
 * reads fields its cv181x parser never fills, tpusim uses the field's
 * intended meaning instead (docs/datapath.md "TIU timing").
 */
#include <math.h>

#include "kern_priv.h"
#include "tiu_priv.h"
#include "tpu/hwcfg.h"

#define SYNC_R0R1_PATH_CYCLES   41      /* 37 + 2 + 2 */
#define CMD_LATENCY_CYCLES      26      /* 15 + 8 + 1 + 2 (= TPU_TIU_ELTWISE_CONST_CYCLES) */
#define PER_CHANNEL_LEAST_LOOP  16      /* = EU_NUM */

static double eltwise_latency(unsigned eu, int in8, int opd1_const, int res8)
{
	switch (eu) {
	case TIU_DESC_TSK_EU_TYP_MUL: return (in8 ? 2.5 : 4.5) + (res8 ? 3 : 0);   /* mode 0 only for 8-bit result */
	case TIU_DESC_TSK_EU_TYP_MAC: return in8 ? 9 : 11;
	case TIU_DESC_TSK_EU_TYP_ADD:
	case TIU_DESC_TSK_EU_TYP_SUB: return (in8 ? 5 : 7) - ((opd1_const && !in8) ? 0.5 : 0);
	case TIU_DESC_TSK_EU_TYP_SHIFT: return 4;
	case TIU_DESC_TSK_EU_TYP_COPY: return in8 ? 2 : 4;
	default: return in8 ? 3 : 5;     /* max, min, and, or, xor, ge */
	}
}

/* misc factor of the pooling formulas: input fetch inefficiency for a row
 * of fake_ow outputs at stride xs with ins zeros inserted. */
static double pool_misc(double fake_ow, double eu, double xs, double ins)
{
	double x = (fake_ow - 1) * xs / (ins + 1) + 1;
	double misc = x / eu;

	misc += x >= eu ? (eu - 1) / eu : (x - 1) / eu;
	return misc < 1 ? 1 : misc;
}

uint64_t tiu_kernel_formula_cycles(const struct tiu_desc *d, unsigned lanes)
{
	int bf16 = d->opd_typ == 1, perch = d->opt_chl_quan == 1;
	const double eu = TPU_EU_NUM;                     /* perLaneEuNumber */
	uint64_t eu_act = bf16 ? TPU_EU_NUM_BF16 : TPU_EU_NUM;
	uint64_t lane0 = d->res0_addr >> TPU_LMEM_ADDR_SHIFT;
	uint64_t N = d->res0_n, C = d->res0_c, OH = d->res0_h, OW = d->res0_w;
	uint64_t kh = d->opd1_h, kw = d->opd1_w;
	int ps_lat = d->ps32_md == 0 ? 0 : d->ps32_md == 3 ? 8 : 4;
	int post = perch ? 31 : 12;
	int bias_lat = d->tsk_opd_num == 3 ? (perch ? 0 : 2) : 0;
	int shift_lat = bf16 ? 2 : perch ? 1 : 4;
	uint64_t tiles, misc_hw = OH * OW;
	double xs = d->conv_op_x_str, ins = d->conv_opd0_x_ins0;
	double cyc;

	if (!lanes)
		lanes = TPU_CV181X_LANES;
	tiles = N * kern_ceil_div(lane0 + C, lanes) * kern_ceil_div(OH * OW, eu_act);

	switch (d->tsk_typ) {
	case TIU_DESC_TSK_TYP_CONV: {
		uint64_t k = (d->double_conv && !bf16) ? 2 : 1, cin = d->opd0_c;
		uint64_t fetch = (uint64_t)ceil(((eu - 1) * xs / (ins + 1) + 1) / eu) + 1;
		uint64_t bubble = fetch > cin ? kh * kw * (fetch - cin) : 0;
		uint64_t loop = kh * kw * kern_ceil_div(cin, k) + bubble + bias_lat + shift_lat + ps_lat;

		if (perch && !bf16 && loop < PER_CHANNEL_LEAST_LOOP)
			loop = PER_CHANNEL_LEAST_LOOP;
		cyc = (double)(SYNC_R0R1_PATH_CYCLES + tiles * loop + post);
		break;
	}
	case TIU_DESC_TSK_TYP_DEPTHWISE_POOL:
		if (d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_MAX_POOL || d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_MIN_POOL) {
			double misc = misc_hw == 1 ? 1 : pool_misc(eu, eu, xs, ins);

			cyc = floor((double)tiles * ((double)(kh * kw) * misc + 2));
		} else if (d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_AVG_POOL) {
			double ea = (double)eu_act;
			double misc = misc_hw == 1 ? 1 : pool_misc(ea, ea, xs, ins);
			uint64_t loop = (uint64_t)((double)(kh * kw) * misc);

			if (perch && loop < PER_CHANNEL_LEAST_LOOP)
				loop = PER_CHANNEL_LEAST_LOOP;
			cyc = (double)(tiles * (loop + shift_lat) + post);
		} else if (d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_DEPTHWISE_CONV) {
			int sh = ((kh * kw == 1 && !perch) || !bf16) ? 3 : shift_lat;
			double fake_ow = OW >= eu ? eu : (double)OW;
			double oh_once = OW >= eu ? 1 : (OW ? eu / (double)OW : 1);
			double misc = ((fake_ow - 1) * xs / (ins + 1) + 1) / eu * oh_once + (eu - 1) / eu;
			uint64_t loop;

			if (kh * kw == 1)
				misc = 1;
			/* OW = 0 makes the fetch estimate negative (and a negative
			 * double has no uint64_t value); there are no tiles then,
			 * so the loop length does not matter. */
			if (misc < 0)
				misc = 0;
			loop = (uint64_t)((double)(kh * kw) * misc);
			if (perch && loop < PER_CHANNEL_LEAST_LOOP)
				loop = PER_CHANNEL_LEAST_LOOP;
			cyc = (double)(tiles * (loop + bias_lat + sh) + post);
		} else {
			cyc = (double)(tiles * TPU_TIU_DEFAULT_STEP_CYCLES + TPU_TIU_ELTWISE_CONST_CYCLES);
		}
		break;
	case TIU_DESC_TSK_TYP_MATRIX: {
		uint64_t add_res = d->opt_res_add ? 2 : 0;

		cyc = (double)(SYNC_R0R1_PATH_CYCLES +
			       N * kern_ceil_div(C, lanes) * kern_ceil_div(OW, eu_act) *
				       (d->opd1_n + bias_lat + shift_lat + ps_lat + add_res) +
			       post);
		break;
	}
	case TIU_DESC_TSK_TYP_TENSOR_ARITH:
		if (d->tsk_eu_typ == TIU_DESC_TSK_EU_TYP_LUT) {
			cyc = (double)(tiles * (1 + d->opd1_h + 2) + CMD_LATENCY_CYCLES + post);
		} else if (d->tsk_eu_typ <= TIU_DESC_TSK_EU_TYP_GE) {
			int in8 = d->opt_opd0_seg == 1, res8 = d->opt_res0_seg == 1;
			double lat = eltwise_latency(d->tsk_eu_typ, in8, d->opt_opd1_const, res8);
			struct tiu_opd o = { 0 };
			uint64_t cstr = d->res0_c_str;
			double wlat;

			if (!res8)
				lat += 1;
			if (!tiu_opd_strides(&o, d->short_res0_str, lanes, bf16 ? 2 : 1, C, OH, OW,
					     d->res0_n_str, d->res0_c_str, d->res0_h_str,
					     d->res0_w_str))
				cstr = o.cs;
			wlat = cstr % 16 == 0 ? 1.0 : 30.0 / 16.0;
			cyc = floor((double)tiles * (lat * wlat)) + CMD_LATENCY_CYCLES + post;
		} else {
			cyc = (double)(tiles * TPU_TIU_DEFAULT_STEP_CYCLES + TPU_TIU_ELTWISE_CONST_CYCLES);
		}
		break;
	default:
		cyc = (double)(tiles * TPU_TIU_DEFAULT_STEP_CYCLES + TPU_TIU_ELTWISE_CONST_CYCLES);
		break;
	}
	return (uint64_t)cyc;
}

uint64_t tiu_kernel_cost(const struct tiu_desc *d, unsigned lanes)
{
	return tiu_kernel_formula_cycles(d, lanes) + TPU_TIU_DESC_OVERHEAD_CYCLES;
}
