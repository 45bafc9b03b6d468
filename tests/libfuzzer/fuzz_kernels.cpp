// SPDX-License-Identifier: Apache-2.0
//
// fuzz_kernels.cpp - libFuzzer target: one TDMA or TIU descriptor (any
// bits) on fuzzed memory, executed by the datapath kernels (model/kernels)
// in process, and judged by the reference of harness/ref.
//
// Input format: kernel_input.h.  Every input is checked for
//   - crashes, sanitizer reports, accesses outside the memories (the DRAM
//     callbacks refuse them; LMEM is a heap array ASan guards);
//   - the result's own rules (docs/datapath.md 2.7-2.9, 3.4): a TDMA status
//     of at most one of DECERR, ZERO, BUSERR; on any status nothing was
//     executed and (with probe; without it for DECERR and ZERO) memory is
//     unchanged; bus bytes >= payload bytes.  A TIU error leaves LMEM
//     unchanged and executes nothing; cycles are tiu_kernel_cost();
//   - the same descriptor timing only: the same status or error, the same
//     byte counts and cycles (TDMA: when the memory has touch()), no data moved, DRAM touched exactly
//     dram_bytes when the transfer executes (a compressed source is read
//     instead: its header decides its length);
// and, where the kernel computed the operation (executed, no status or
// error), the memories after it against harness/ref run on the memories
// before it: TDMA tensor copies with reshape and conversion, constant
// fills and general copies; TIU fixed-point element-wise ops (tsk_typ 3,
// eu 0..10, opd_typ 0, not mul_qm) with stride modes 0, 2 and 3.  NC
// transposes, mv_lut_idx copies, matrix copies and decompression
// (check_tdma_modes judges those), the TIU's other computed ops (pooling,
// conv, matmul, lookup, ge, mul_qm, bf16; their reference is
// harness/ref/ref_nn.c) and timed-only ops are checked for the rules
// above only.
#include <cinttypes>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kernel_input.h"
#include "ref_desc.h"
#include "ref_tdma.h"
#include "ref_tiu.h"

extern "C" {
#include "tdma_kernel.h"
#include "tiu_kernel.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_desc.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_desc.h"
}

namespace {

constexpr size_t kLmemMax = TPU_MAX_LANES * TPU_LMEM_LANE_SIZE;
constexpr uint64_t kTdmaMaxElems = 1ull << 21;
constexpr uint64_t kTiuMaxElems = 1ull << 18;
constexpr uint64_t kTiuMaxWork = 1ull << 24;

struct Mem {
	std::vector<uint8_t> dram = std::vector<uint8_t>(KIN_DRAM_SIZE);
	std::vector<uint8_t> lmem = std::vector<uint8_t>(kLmemMax);
};

Mem g_live, g_before, g_expect;
size_t g_lmem_used;              // lanes * lane size of this input
unsigned g_reads, g_writes;      // data-moving DRAM callbacks
uint64_t g_read_bytes;           // bytes those reads moved
uint64_t g_touched;              // bytes of timing-only touches
// FUZZ_KERNELS_VERBOSE=1: one line per input (what ran, whether the
// reference judged it), to see what a corpus exercises.
const bool g_verbose = std::getenv("FUZZ_KERNELS_VERBOSE") != nullptr;

[[noreturn]] void finding(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void finding(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	std::fprintf(stderr, "fuzz_kernels: FINDING: ");
	std::vfprintf(stderr, fmt, ap);
	va_end(ap);
	std::fprintf(stderr, "\n");
	std::abort();
}

bool in_dram(uint64_t addr, size_t len)
{
	return addr >= KIN_DRAM_BASE && len <= KIN_DRAM_SIZE && addr - KIN_DRAM_BASE <= KIN_DRAM_SIZE - len;
}
int f_read(void *, uint64_t addr, void *dst, size_t len)
{
	if (!in_dram(addr, len))
		return -1;
	g_reads++;
	g_read_bytes += len;
	std::memcpy(dst, &g_live.dram[addr - KIN_DRAM_BASE], len);
	return 0;
}
int f_write(void *, uint64_t addr, const void *src, size_t len)
{
	if (!in_dram(addr, len))
		return -1;
	g_writes++;
	std::memcpy(&g_live.dram[addr - KIN_DRAM_BASE], src, len);
	return 0;
}
int f_probe(void *, uint64_t addr, size_t len)
{
	return in_dram(addr, len) ? 0 : -1;
}
int f_touch(void *, uint64_t addr, size_t len, int)
{
	if (!in_dram(addr, len))
		return -1;
	g_touched += len;
	return 0;
}
const kmem_ops kOpsProbe = {f_read, f_write, f_probe, f_touch};
const kmem_ops kOpsNoProbe = {f_read, f_write, nullptr, nullptr};

void fill(uint64_t seed)
{
	uint64_t x = seed | 1;
	auto next = [&x] {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		return x;
	};
	for (size_t i = 0; i < KIN_DRAM_SIZE; i += 8) {
		uint64_t v = next();
		std::memcpy(&g_live.dram[i], &v, 8);
	}
	for (size_t i = 0; i < g_lmem_used; i += 8) {
		uint64_t v = next();
		std::memcpy(&g_live.lmem[i], &v, 8);
	}
	// Some zero and saturating bytes, which random words rarely give.
	if (seed & 2)
		std::memset(&g_live.lmem[0], 0, 256);
	if (seed & 4)
		std::memset(&g_live.dram[0], 0x80, 256);
}

void snapshot(Mem &to)
{
	std::memcpy(to.dram.data(), g_live.dram.data(), KIN_DRAM_SIZE);
	std::memcpy(to.lmem.data(), g_live.lmem.data(), g_lmem_used);
}

// The first differing byte of the live memories against m, or "" if none.
std::string differs(const Mem &m)
{
	char buf[96];
	if (!std::memcmp(g_live.dram.data(), m.dram.data(), KIN_DRAM_SIZE) &&
	    !std::memcmp(g_live.lmem.data(), m.lmem.data(), g_lmem_used))
		return "";
	for (size_t i = 0; i < KIN_DRAM_SIZE; i++)
		if (g_live.dram[i] != m.dram[i]) {
			std::snprintf(buf, sizeof buf, "DRAM 0x%" PRIx64 ": 0x%02x, expected 0x%02x",
				      (uint64_t)(KIN_DRAM_BASE + i), g_live.dram[i], m.dram[i]);
			return buf;
		}
	for (size_t i = 0; i < g_lmem_used; i++)
		if (g_live.lmem[i] != m.lmem[i]) {
			std::snprintf(buf, sizeof buf, "LMEM lane %zu offset 0x%zx: 0x%02x, expected 0x%02x",
				      i / TPU_LMEM_LANE_SIZE, i % TPU_LMEM_LANE_SIZE, g_live.lmem[i], m.lmem[i]);
			return buf;
		}
	return "";
}

ref_mem ref_of(Mem &m, unsigned lanes)
{
	return ref_mem{m.lmem.data(), lanes, TPU_LMEM_LANE_SIZE, m.dram.data(), KIN_DRAM_BASE, KIN_DRAM_SIZE};
}

// ---- TDMA ---------------------------------------------------------------

const char *what_of(const tdma_kresult &r)
{
	return r.what ? r.what : "(null)";
}

// The reference for an executed TDMA descriptor into g_expect
// (ref_desc.h); false when the operation is not one judged here (NC
// transpose, the exponent index of an L2L bf16 copy with mv_lut_idx:
// check_tdma_kernel; matrix copies and VLC decompression and compression,
// which check_tdma_modes judges with ref_matrix/ref_vlc).
bool tdma_reference(const tdma_desc &d, const uint64_t *bases, unsigned lanes)
{
	if (d.mv_lut_idx && d.trans_dir == TDMA_DESC_TRANS_DIR_L2L && d.trans_fmt == 0 &&
	    d.spec_func == 0 && d.src_fmt == 2 && d.dst_fmt == 2)
		return false;
	if (d.sys_dtype || d.compress_en || (d.trans_fmt == 0 && d.spec_func != 0 && d.spec_func != 4))
		return false;
	bool src_local = d.trans_dir == TDMA_DESC_TRANS_DIR_L2G || d.trans_dir == TDMA_DESC_TRANS_DIR_L2L;
	bool dst_local = d.trans_dir == TDMA_DESC_TRANS_DIR_G2L || d.trans_dir == TDMA_DESC_TRANS_DIR_L2L;

	// docs/datapath.md 2.2 promises read-before-write only up to 2^20
	// elements; beyond it a G2G copy whose ranges overlap sees its own
	// earlier chunks, which the reference (reading everything first) does
	// not model.  Only a G2G copy can both exceed it and overlap.
	const uint64_t kReadFirstElems = 1ull << 20;
	if (!src_local && !dst_local) {
		uint64_t elems = d.trans_fmt == 1 ? d.src_n_stride
						  : (uint64_t)d.src_n * d.src_c * d.src_h * d.src_w;
		if (elems > kReadFirstElems)
			return false;
	}

	ref_mem from = ref_of(g_before, lanes), to = ref_of(g_expect, lanes);
	int rc;
	if (d.trans_fmt == 1) {
		// ref_tdma_desc copies byte by byte in one image; the kernel
		// reads the whole source first, which overlapping ranges see.
		auto side = [&](bool local, uint32_t lo, uint32_t hi, uint32_t sel) {
			uint64_t off = (uint64_t)hi << 32 | lo;
			return local ? off : (bases[sel % TPU_NUM_ARRAYBASE] + off) & 0xFFFFFFFFFFull;
		};
		rc = ref_general_copy(&from, &to, src_local,
				      side(src_local, d.src_base_addr_low, d.src_base_addr_high, d.src_base_reg_sel),
				      dst_local,
				      side(dst_local, d.dst_base_addr_low, d.dst_base_addr_high, d.dst_base_reg_sel),
				      d.src_n_stride);
	} else {
		// A tensor copy stages its whole source, so one image serves.
		rc = ref_tdma_desc(&d, &to, bases);
	}
	if (rc)
		finding("TDMA: the kernel executed %s (status 0), the reference refuses it: %s", "the descriptor",
			ref_error());
	return true;
}

void run_tdma(const uint8_t *raw, const uint64_t *bases, unsigned lanes, bool probe)
{
	tdma_desc d;
	tdma_desc_unpack(&d, raw);
	tdma_kctx c = {};
	c.dram.ops = probe ? &kOpsProbe : &kOpsNoProbe;
	c.lmem = kmem_lmem{g_live.lmem.data(), lanes, TPU_LMEM_LANE_SIZE};
	std::memcpy(c.arraybase, bases, sizeof(c.arraybase));

	tdma_kresult r;
	std::memset(&r, 0xA5, sizeof r);  // the kernel must fill every field
	g_reads = g_writes = 0;
	tdma_kernel_exec(&d, &c, &r);

	const uint32_t kAll = TDMA_INT_MASK_STATUS_VAL_DECERR | TDMA_INT_MASK_STATUS_VAL_ZERO |
			      TDMA_INT_MASK_STATUS_VAL_BUSERR;
	if (!r.what)
		finding("TDMA: no description (what == NULL)");
	if (r.status & ~kAll || (r.status & (r.status - 1)))
		finding("TDMA: status 0x%x is not one of DECERR, ZERO, BUSERR (%s)", r.status, what_of(r));
	if (r.executed != 0 && r.executed != 1)
		finding("TDMA: executed %d", r.executed);
	if (r.status && r.executed)
		finding("TDMA: status 0x%x yet executed (%s)", r.status, what_of(r));
	if (r.dram_bus_bytes < r.dram_bytes)
		finding("TDMA: bus bytes %" PRIu64 " < payload bytes %" PRIu64, r.dram_bus_bytes, r.dram_bytes);
	bool must_be_unchanged = r.status && (probe || r.status != TDMA_INT_MASK_STATUS_VAL_BUSERR);
	if (must_be_unchanged || !r.executed) {
		std::string diff = differs(g_before);
		if (!diff.empty() && (must_be_unchanged || r.status == 0))
			finding("TDMA: status 0x%x executed %d (%s) but memory changed: %s", r.status, r.executed,
				what_of(r), diff.c_str());
	}
	bool judged = r.executed && !r.status && tdma_reference(d, bases, lanes);
	if (judged) {
		std::string diff = differs(g_expect);
		if (!diff.empty())
			finding("TDMA: %s differs from the reference: %s", what_of(r), diff.c_str());
	}
	if (g_verbose)
		std::fprintf(stderr, "TDMA %s: status 0x%x executed %d%s\n", what_of(r), r.status, r.executed,
			     judged ? ", matches the reference" : "");

	// Timing only: the same verdict and counts, nothing moved.
	tdma_kresult t;
	std::memset(&t, 0x5A, sizeof t);
	c.timing_only = 1;
	g_reads = g_writes = 0;
	g_read_bytes = 0;
	g_touched = 0;
	tdma_kernel_exec(&d, &c, &t);
	// Without touch() a timing-only run cannot see DRAM faults (kmem.h),
	// so the verdicts are compared only with it.
	if (t.executed || (probe && (t.status != r.status || t.dram_bytes != r.dram_bytes ||
				     t.dram_bus_bytes != r.dram_bus_bytes || t.lmem_bytes != r.lmem_bytes)))
		finding("TDMA: timing only gives status 0x%x executed %d dram %" PRIu64 " bus %" PRIu64
			" lmem %" PRIu64 "; executed gave 0x%x %d %" PRIu64 " %" PRIu64 " %" PRIu64 " (%s)",
			t.status, t.executed, t.dram_bytes, t.dram_bus_bytes, t.lmem_bytes, r.status, r.executed,
			r.dram_bytes, r.dram_bus_bytes, r.lmem_bytes, what_of(r));
	// A compressed source is read even timing only: its header decides
	// how long it is (docs/datapath.md 2.11).
	if ((g_reads && !d.compress_en) || g_writes)
		finding("TDMA: timing only moved DRAM data (%u reads, %u writes)", g_reads, g_writes);
	if (probe && r.executed && g_touched + g_read_bytes != t.dram_bytes)
		finding("TDMA: timing only touched %" PRIu64 " and read %" PRIu64 " DRAM bytes, the transfer moves %" PRIu64,
			g_touched, g_read_bytes, t.dram_bytes);
}

// ---- TIU ----------------------------------------------------------------

void run_tiu(const uint8_t *raw, unsigned lanes)
{
	tiu_desc d;
	tiu_desc_unpack(&d, raw);
	tiu_kctx c = {};
	c.lmem = kmem_lmem{g_live.lmem.data(), lanes, TPU_LMEM_LANE_SIZE};

	tiu_kresult r;
	std::memset(&r, 0xA5, sizeof r);
	tiu_kernel_exec(&d, &c, &r);
	const char *op = r.op_name ? r.op_name : "(null)";
	if (!r.op_name)
		finding("TIU: no operation name");
	if (r.error != 0 && r.error != 1)
		finding("TIU: error %d", r.error);
	if (r.error && r.executed)
		finding("TIU %s: error yet executed", op);
	if (r.cycles != tiu_kernel_cost(&d, lanes))
		finding("TIU %s: cycles %" PRIu64 ", tiu_kernel_cost %" PRIu64, op, r.cycles,
			tiu_kernel_cost(&d, lanes));
	if (!r.executed) {
		std::string diff = differs(g_before);
		if (!diff.empty())
			finding("TIU %s: not executed (error %d) but LMEM changed: %s", op, r.error, diff.c_str());
	}
	// (mul_qm, opt_chl_quan, is judged by check_tiu_nn's reference)
	bool judged = r.executed && !r.error && d.tsk_typ == 3 && d.tsk_eu_typ <= REF_TIU_COPY &&
		      !d.opd_typ && !d.opt_chl_quan;
	if (g_verbose)
		std::fprintf(stderr, "TIU %s: %ux%ux%ux%u error %d executed %d%s\n", op, d.res0_n, d.res0_c,
			     d.res0_h, d.res0_w, r.error, r.executed,
			     judged ? ", judged by the reference" : "");
	if (judged) {
		// The TIU writes element by element in (n, c, h, w) order
		// (docs/datapath.md 3.3), so a later element reads what an
		// earlier one wrote where operands overlap: the reference reads
		// and writes one image.
		ref_mem img = ref_of(g_expect, lanes);
		ref_desc_result rr = ref_tiu_desc(&d, &img);
		if (rr != REF_DESC_OK)
			finding("TIU %s: executed, the reference %s it: %s", op,
				rr == REF_DESC_ERROR ? "refuses" : "does not state", ref_error());
		std::string diff = differs(g_expect);
		if (!diff.empty())
			finding("TIU %s: differs from the reference: %s", op, diff.c_str());
	}

	// Timing only: the same error and cycles, LMEM untouched.
	snapshot(g_expect);
	tiu_kresult t;
	std::memset(&t, 0x5A, sizeof t);
	c.timing_only = 1;
	tiu_kernel_exec(&d, &c, &t);
	if (t.error != r.error || t.cycles != r.cycles || t.executed)
		finding("TIU %s: timing only gives error %d cycles %" PRIu64 " executed %d; executed gave %d %" PRIu64,
			op, t.error, t.cycles, t.executed, r.error, r.cycles);
	std::string diff = differs(g_expect);
	if (!diff.empty())
		finding("TIU %s: timing only changed LMEM: %s", op, diff.c_str());
}

// Iterations of a loop nest over these dimensions, where a loop over 0
// elements may still run the loops around it.
uint64_t loops(uint64_t n, uint64_t c, uint64_t h, uint64_t w)
{
	auto atl1 = [](uint64_t x) { return x ? x : 1; };
	return atl1(n) * atl1(c) * atl1(h) * atl1(w);
}

// Multiply-accumulates plus input-window positions of a conv, pooling or
// matmul (an upper bound; 0 for the other operations).
uint64_t tiu_work(const tiu_desc &d)
{
	uint64_t out = loops(d.res0_n, d.res0_c, d.res0_h, d.res0_w);
	uint64_t rows = (uint64_t)d.res0_h * d.conv_op_y_str + (uint64_t)d.opd1_h * (d.conv_opd1_y_ins0 + 1);
	uint64_t cols = (uint64_t)d.res0_w * d.conv_op_x_str + (uint64_t)d.opd1_w * (d.conv_opd1_x_ins0 + 1);
	uint64_t k = (uint64_t)d.opd1_h * d.opd1_w;

	switch (d.tsk_typ) {
	case 0:
		return (uint64_t)d.res0_n * d.opd0_c * rows * cols + out * d.opd0_c * k;
	case 1:
		return (uint64_t)d.res0_n * d.res0_c * rows * cols + out * k;
	case 2:
		return out * d.opd1_n;
	default:
		return 0;
	}
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < KIN_HEADER)
		return -1;  // not an input of this format: not added to the corpus
	unsigned flags = data[0];
	unsigned lanes = flags & KIN_TWO_LANES ? TPU_CV180X_LANES : TPU_CV181X_LANES;
	uint64_t seed;
	std::memcpy(&seed, data + 1, 8);
	g_lmem_used = (size_t)lanes * TPU_LMEM_LANE_SIZE;

	size_t dlen = flags & KIN_TIU ? TIU_DESC_SIZE : TDMA_DESC_SIZE;
	uint8_t raw[TIU_DESC_SIZE > TDMA_DESC_SIZE ? TIU_DESC_SIZE : TDMA_DESC_SIZE] = {};
	size_t have = size - KIN_HEADER < dlen ? size - KIN_HEADER : dlen;
	std::memcpy(raw, data + KIN_HEADER, have);

	uint64_t bases[TPU_NUM_ARRAYBASE];
	const uint8_t *bp = data + KIN_HEADER + dlen;
	bool own_bases = flags & KIN_BASES && size >= KIN_HEADER + dlen + 5 * TPU_NUM_ARRAYBASE;
	for (unsigned i = 0; i < TPU_NUM_ARRAYBASE; i++) {
		bases[i] = KIN_DRAM_BASE + (uint64_t)i * KIN_BASE_STEP;
		if (own_bases) {
			bases[i] = 0;
			for (unsigned k = 0; k < 5; k++)
				bases[i] |= (uint64_t)bp[5 * i + k] << (8 * k);
		}
	}

	// Loop nests are capped for the rate (the TIU's conv, pooling and
	// matmul also by their multiply-accumulates and input window): a descriptor's 16-bit (TDMA) or
	// 12-bit (TIU) dimensions describe up to 2^64 elements, and with zero
	// strides they all fit in memory.  The TDMA cap is above the
	// kernel's 2^20-element staging chunk, so chunked transfers are still
	// fuzzed; larger ones are rejected (-1: not added to the corpus).
	if (flags & KIN_TIU) {
		tiu_desc d;
		tiu_desc_unpack(&d, raw);
		if (loops(d.res0_n, d.res0_c, d.res0_h, d.res0_w) > kTiuMaxElems ||
		    tiu_work(d) > kTiuMaxWork)
			return -1;
	} else {
		tdma_desc d;
		tdma_desc_unpack(&d, raw);
		if (loops(d.src_n, d.src_c, d.src_h, d.src_w) > kTdmaMaxElems ||
		    loops(d.src_n, d.dst_c, d.dst_h, d.dst_w) > kTdmaMaxElems ||
		    (d.trans_fmt == 1 && d.src_n_stride > kTdmaMaxElems))
			return -1;
	}

	fill(seed);
	snapshot(g_before);
	snapshot(g_expect);
	if (flags & KIN_TIU)
		run_tiu(raw, lanes);
	else
		run_tdma(raw, bases, lanes, !(flags & KIN_NO_PROBE));
	return 0;
}
