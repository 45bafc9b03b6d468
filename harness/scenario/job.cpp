// SPDX-License-Identifier: Apache-2.0
//
// job.cpp - job compilation and the host reference.
#include "job.h"

#include <algorithm>
#include <random>

extern "C" {
#include "ref_tiu.h"
#include "rt_desc.h"
#include "tpu/hwcfg.h"
}

namespace tpusim::scn {

CompiledJob::~CompiledJob()
{
	if (cb)
		rt_cmdbuf_destroy(cb);
}

static size_t elems(const Tensor &t)
{
	return static_cast<size_t>(t.n) * t.c * t.h * t.w;
}

std::vector<uint8_t> tensor_data(const Tensor &t)
{
	std::vector<uint8_t> v(elems(t));

	switch (t.data.kind) {
	case Data::Kind::ramp:
		for (size_t i = 0; i < v.size(); i++)
			v[i] = static_cast<uint8_t>(t.data.seed + i);
		break;
	case Data::Kind::random: {
		std::mt19937_64 rng(t.data.seed);
		for (auto &x : v)
			x = static_cast<uint8_t>(rng() >> 56);
		break;
	}
	case Data::Kind::fill:
		std::fill(v.begin(), v.end(), static_cast<uint8_t>(t.data.fill));
		break;
	case Data::Kind::values:
		for (size_t i = 0; i < v.size() && i < t.data.values.size(); i++)
			v[i] = static_cast<uint8_t>(t.data.values[i]);
		break;
	}
	return v;
}

namespace {

// ---- host reference ------------------------------------------------------

struct RefTensor {
	const Tensor *shape;    // n/c/h/w source
	bool is_signed;
	std::vector<int64_t> v; // element values, (n,c,h,w) order
};

int64_t read_elem(uint8_t b, bool s)
{
	return s ? static_cast<int8_t>(b) : b;
}

// The reference op of each scenario op (harness/ref restates the
// element-wise semantics of docs/datapath.md, independently of the model).
ref_tiu_op ref_op(Op::Kind k)
{
	switch (k) {
	case Op::Kind::add: return REF_TIU_ADD;
	case Op::Kind::sub: return REF_TIU_SUB;
	case Op::Kind::mul: return REF_TIU_MUL;
	case Op::Kind::mac: return REF_TIU_MAC;
	case Op::Kind::max: return REF_TIU_MAX;
	case Op::Kind::min: return REF_TIU_MIN;
	case Op::Kind::and_: return REF_TIU_AND;
	case Op::Kind::or_: return REF_TIU_OR;
	case Op::Kind::xor_: return REF_TIU_XOR;
	case Op::Kind::shift: return REF_TIU_SHIFT;
	case Op::Kind::copy:
	case Op::Kind::load:    // TDMA moves are copies
	case Op::Kind::store:
		return REF_TIU_COPY;
	}
	return REF_TIU_COPY;
}

// One element of a TIU element-wise op on 8-bit tensors.  Scenario tensors
// are 8-bit, so a mac never accumulates into a 16-bit result: the builder
// leaves opt_res_add clear and the accumulator is 0.
int64_t ref_elem(const Op &op, int64_t a, int64_t b, bool res_signed)
{
	ref_eltwise p = {};
	p.op = ref_op(op.kind);
	p.rshift = op.rshift;
	p.round = true;
	p.lshift = op.lshift;
	p.relu = op.relu;
	p.res_wide = false;
	p.res_signed = res_signed;
	return ref_eltwise_elem(&p, a, b, 0);
}

} // namespace

std::string compile_job(const Job &job, unsigned lanes, CompiledJob &out)
{
	std::map<std::string, const Tensor *> dram;
	std::map<std::string, RefTensor> lmem;          // reference LMEM contents
	std::map<std::string, rt_tensor> local;         // LMEM placement
	std::map<std::string, std::vector<int64_t>> outputs;
	uint32_t lane_next = 0;

	// One data buffer: every DRAM tensor 64-byte aligned in it.
	for (const Tensor &t : job.tensors) {
		dram[t.name] = &t;
		out.offset[t.name] = out.data_bytes;
		out.data_bytes += (elems(t) + 63) / 64 * 64;
	}
	out.input_image.assign(out.data_bytes, 0);
	for (const Tensor &t : job.tensors)
		if (!t.output) {
			auto d = tensor_data(t);
			std::copy(d.begin(), d.end(), out.input_image.begin() + out.offset[t.name]);
		}

	out.cb = rt_cmdbuf_create();
	if (!out.cb)
		return "out of memory";

	auto place = [&](const std::string &name, const Tensor &shape) -> rt_tensor & {
		auto it = local.find(name);
		if (it != local.end())
			return it->second;
		rt_tensor t;
		rt_tensor_local(&t, lane_next, shape.n, shape.c, shape.h, shape.w, lanes, true);
		lane_next += (rt_tensor_local_lane_bytes(&t) + 15) / 16 * 16;
		return local[name] = t;
	};

	for (unsigned rep = 0; rep < job.repeat_ops; rep++) {
		for (const Op &op : job.ops) {
			int rc = 0;

			if (op.kind == Op::Kind::load) {
				const Tensor &t = *dram.at(op.tensor);
				rt_tensor g, &l = place(op.tensor, t);
				tdma_desc d;

				rt_tensor_global(&g, out.offset[t.name], 2, t.n, t.c, t.h, t.w);
				rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_G2L, &g, &l);
				rc = rt_cmdbuf_tdma(out.cb, &d);
				out.tdma_count++;
				RefTensor r{&t, t.is_signed, {}};
				auto bytes = tensor_data(t);
				for (uint8_t b : bytes)
					r.v.push_back(read_elem(b, t.is_signed));
				lmem[op.tensor] = r;
			} else if (op.kind == Op::Kind::store) {
				const Tensor &t = *dram.at(op.to);
				const RefTensor &src = lmem.at(op.from);
				rt_tensor g;
				tdma_desc d;

				rt_tensor_global(&g, out.offset[t.name], 2, t.n, t.c, t.h, t.w);
				rt_tdma_tensor_copy(&d, TDMA_DESC_TRANS_DIR_L2G, &local.at(op.from), &g);
				rc = rt_cmdbuf_tdma(out.cb, &d);
				out.tdma_count++;
				outputs[op.to] = src.v;
				// Stored bytes are the LMEM bytes.
				for (auto &x : outputs[op.to])
					x = static_cast<uint8_t>(x);
			} else {
				const RefTensor &a = lmem.at(op.a);
				const OpInfo &info = op_table()[op.kind];
				bool no_b = op.b_is_scalar || !(info.flags & TPUSIM_OP_B);
				const RefTensor *b = no_b ? nullptr : &lmem.at(op.b);
				rt_tensor &ra = local.at(op.a);
				rt_tensor *rb = b ? &local.at(op.b) : nullptr;
				rt_tensor &rr = place(op.res, *a.shape);
				rt_tiu_eltwise_args e = {};
				tiu_desc d;
				RefTensor res{a.shape, a.is_signed, std::vector<int64_t>(a.v.size())};
				e.op = static_cast<rt_tiu_op>(info.tiu_op);
				e.res = &rr;
				e.a = &ra;
				e.b = rb;
				e.b_is_const = op.b_is_scalar;
				e.b_const = static_cast<int16_t>(op.b_scalar);
				e.rshift = op.rshift;
				e.lshift = op.lshift;
				e.relu = op.relu;
				e.res_signed = a.is_signed;
				e.a_signed = a.is_signed;
				e.b_signed = b ? b->is_signed : op.b_scalar < 0;
				if (rt_tiu_eltwise(&d, &e))
					return "job " + job.name + ": operand " + (b ? op.b : op.a) +
					       " is placed beyond the TIU address fields";
				rc = rt_cmdbuf_tiu(out.cb, &d);
				out.tiu_count++;
				for (size_t i = 0; i < res.v.size(); i++) {
					int64_t bv = b ? b->v[i] : op.b_scalar;

					if (!(info.flags & TPUSIM_OP_B))
						bv = 0;
					// An 8-bit scalar is read back as a byte of its signedness.
					if (!b)
						bv = read_elem(static_cast<uint8_t>(op.b_scalar), op.b_scalar < 0);
					res.v[i] = ref_elem(op, a.v[i], bv, a.is_signed);
				}
				lmem[op.res] = res;
			}
			if (rc < 0)
				return "job " + job.name + ": command buffer: " + std::to_string(rc);
		}
	}
	if (lane_next > TPU_LMEM_LANE_SIZE)
		return "job " + job.name + ": LMEM tensors need " + std::to_string(lane_next) +
		       " bytes per lane, more than 32 KiB";
	for (auto &kv : outputs) {
		std::vector<uint8_t> bytes;
		for (int64_t x : kv.second)
			bytes.push_back(static_cast<uint8_t>(x));
		out.expected[kv.first] = bytes;
	}
	return "";
}

} // namespace tpusim::scn
