// SPDX-License-Identifier: Apache-2.0
//
// check_reference.cpp - the differential replay of `tpusim model
// --reference` (harness/cvimodel/cvm_reference.h) must see a wrong result
// where it happens: kernels that corrupt one descriptor's result are
// reported at that descriptor, with its layer; a descriptor the kernels
// only time is reported as untested.  argv[1]: a cvimodel.
#include "check_main.h"

#include <string>

#include "cvm_reference.h"
#include "cvm_run.h"

using namespace tpusim::cvm;

namespace {

Model g_model;
std::vector<std::vector<uint8_t>> g_inputs;

// Which descriptor the corrupting kernels hit: the k-th one that computed.
unsigned g_target, g_seen;
const void *g_hit;

void tiu_corrupt(const tiu_desc *d, const tiu_kctx *c, tiu_kresult *r)
{
	tiu_kernel_exec(d, c, r);
	if (r->executed && !r->error && d->res0_c && g_seen++ == g_target) {
		const uint32_t lane = (d->res0_addr >> 15) % c->lmem.lanes, off = d->res0_addr & 0x7fff;
		c->lmem.base[lane * c->lmem.lane_size + off] ^= 0x5a;
		g_hit = d;
	}
}

void tdma_corrupt(const tdma_desc *d, const tdma_kctx *c, tdma_kresult *r)
{
	tdma_kernel_exec(d, c, r);
	if (r->executed && !r->status && d->trans_dir == TDMA_DESC_TRANS_DIR_L2G && g_seen++ == g_target) {
		const uint64_t a = c->arraybase[d->dst_base_reg_sel & 7] +
				   (static_cast<uint64_t>(d->dst_base_addr_high) << 32 | d->dst_base_addr_low);
		uint8_t b;
		ck_assert_int_eq(c->dram.ops->read(c->dram.ctx, a, &b, 1), 0);
		b ^= 0x81;
		ck_assert_int_eq(c->dram.ops->write(c->dram.ctx, a, &b, 1), 0);
		g_hit = d;
	}
}

void tiu_times_conv(const tiu_desc *d, const tiu_kctx *c, tiu_kresult *r)
{
	tiu_kctx t = *c;
	t.timing_only = d->tsk_typ == 0 || d->tsk_typ == 1;
	tiu_kernel_exec(d, &t, r);
}

// A replay with kernels k, which corrupt the g_target-th descriptor they
// run: not clean, and its first mismatch names "descriptor <pos> (" and
// "layer <layer>," of the descriptor hit.  The caller asserts that the
// report counts a mismatch.
RefReport corrupted_run(const ReplayKernels &k)
{
	g_seen = 0, g_hit = nullptr;
	const RefReport r = reference_run(g_model, g_inputs, k);
	ck_assert(!r.clean());
	const std::vector<Desc> &v = g_model.routines[0].cmdbuf->descs;
	size_t pos = v.size();
	for (size_t i = 0; i < v.size(); i++)
		if (&v[i].tiu == g_hit || &v[i].tdma == g_hit)
			pos = i;
	ck_assert_msg(pos < v.size(), "the corrupting kernel never hit a descriptor");
	const std::string want = "descriptor " + std::to_string(pos) + " (";
	const std::string layer = "layer " + std::to_string(v[pos].layer) + ",";
	ck_assert_msg(r.first.find(want) != std::string::npos && r.first.find(layer) != std::string::npos,
		      "first mismatch '%s' does not name '%s' and '%s'", r.first.c_str(), want.c_str(),
		      layer.c_str());
	return r;
}

START_TEST(test_tiu_result_corrupted)
{
	ReplayKernels k;
	k.tiu = tiu_corrupt;
	for (g_target = 0; g_target < 3; g_target++)
		ck_assert_uint_ge(corrupted_run(k).mismatches, 1);
}
END_TEST

START_TEST(test_tdma_store_corrupted)
{
	ReplayKernels k;
	k.tdma = tdma_corrupt;
	for (g_target = 0; g_target < 2; g_target++) {
		const RefReport r = corrupted_run(k);
		ck_assert_uint_ge(r.mismatches, 1);
		ck_assert_msg(r.first.find("region ") != std::string::npos, "'%s' names no region", r.first.c_str());
	}
}
END_TEST

START_TEST(test_timed_only_is_untested)
{
	ReplayKernels k;
	k.tiu = tiu_times_conv;
	const RefReport r = reference_run(g_model, g_inputs, k);
	ck_assert(!r.clean());
	ck_assert_msg(!r.kernel_timed.empty(), "descriptors the kernels only timed were not reported");
	ck_assert_uint_lt(r.compared, r.descs);
}
END_TEST

START_TEST(test_every_descriptor_replayed)
{
	const RefReport r = reference_run(g_model, g_inputs);
	size_t n = 0;
	for (const Routine &rt : g_model.routines)
		n += rt.cmdbuf->descs.size();
	ck_assert_uint_eq(r.descs, n);
	ck_assert_msg(r.stuck.empty(), "%s", r.stuck.c_str());
	ck_assert_uint_eq(r.outputs.size(), g_model.outputs.size());
}
END_TEST

} // namespace

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: check_reference FILE.cvimodel\n");
		return 2;
	}
	const std::string err = load_model(argv[1], g_model);
	RunOptions o;
	if (!err.empty() || !prepare_inputs(g_model, o, g_inputs).empty()) {
		fprintf(stderr, "check_reference: %s\n", err.c_str());
		return 2;
	}
	Suite *s = suite_create("reference");
	TCase *tc = tcase_create("replay");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_descriptor_replayed);
	tcase_add_test(tc, test_tiu_result_corrupted);
	tcase_add_test(tc, test_tdma_store_corrupted);
	tcase_add_test(tc, test_timed_only_is_untested);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
