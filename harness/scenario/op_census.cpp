// SPDX-License-Identifier: Apache-2.0
//
// op_census.cpp - the --ops census and report (op_census.h).
#include "op_census.h"

#include <cstdio>

#include "dram.h"
#include "tdma_modes.h"

extern "C" {
#include "tiu_kernel.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"
#include "tpu/tiu_reorder.h"
}

namespace tpusim {

namespace {

// tiu_kernel_op_name's names for codes no operation has.
bool catch_all(const std::string &name)
{
	return name.size() >= 7 && name.compare(name.size() - 7, 7, "unknown") == 0;
}

std::vector<OpFeature> make_universe()
{
	std::vector<OpFeature> u;
	// Every code the descriptor fields can hold, through the one naming
	// function; an operation that takes every tsk_eu_typ of its
	// tsk_typ (conv, matmul) shows "t/*".
	constexpr unsigned kTsk = 1u << TIU_DESC_TSK_TYP_WIDTH, kEu = 1u << TIU_DESC_TSK_EU_TYP_WIDTH;
	for (unsigned t = 0; t < kTsk; t++) {
		std::vector<std::string> order;
		std::map<std::string, std::vector<unsigned>> eus;
		for (unsigned eu = 0; eu < kEu; eu++)
			for (unsigned qm = 0; qm < 2; qm++) {
				tiu_desc d{};
				d.tsk_typ = t;
				d.tsk_eu_typ = eu;
				d.opt_chl_quan = qm;
				const std::string name = tiu_kernel_op_name(&d);
				if (catch_all(name))
					continue;
				std::vector<unsigned> &v = eus[name];
				if (v.empty())
					order.push_back(name);
				if (v.empty() || v.back() != eu)
					v.push_back(eu);
			}
		for (const std::string &name : order) {
			const std::vector<unsigned> &v = eus[name];
			std::string codes;
			if (v.size() == kEu)
				codes = std::to_string(t) + "/*";
			else
				for (unsigned eu : v)
					codes += (codes.empty() ? "" : " ") + std::to_string(t) + "/" + std::to_string(eu);
			u.push_back({name, codes, true});
		}
	}
	for (const TdmaModeInfo &m : kTdmaModes) {
		if (m.flags & TPUSIM_TDMA_LIMIT)
			continue;
		for (unsigned dir = 0; dir < 4; dir++)
			if (m.directions & (1u << dir))
				u.push_back({std::string(tdma_direction_name(dir)) + " " + m.what, "", false});
	}
	return u;
}

unsigned long long per_run(uint64_t n, uint64_t runs)
{
	return static_cast<unsigned long long>(n / runs);
}

void print_tiu(const std::string &name, const std::string &codes, const OpTally &o, uint64_t runs)
{
	printf("  %-22s  %-14s %6llu  %8llu  %10llu\n", name.c_str(), codes.c_str(),
	       per_run(o.executed + o.timed_only + o.errors, runs), per_run(o.executed, runs),
	       per_run(o.timed_only, runs));
}

void print_tdma(const std::string &name, const OpTally &o, uint64_t runs)
{
	printf("  %-50s %6llu  %8llu  %10llu\n", name.c_str(), per_run(o.executed + o.timed_only + o.errors, runs),
	       per_run(o.executed, runs), per_run(o.timed_only, runs));
}

std::string joined(const std::set<std::string> &s)
{
	std::string r;
	for (const std::string &x : s)
		r += (r.empty() ? "" : " ") + x;
	return r;
}

} // namespace

const std::vector<OpFeature> &op_universe()
{
	static const std::vector<OpFeature> u = make_universe();
	return u;
}

const char *tdma_direction_name(unsigned dir)
{
	switch (dir) {
	case TDMA_DESC_TRANS_DIR_G2L: return "G2L";
	case TDMA_DESC_TRANS_DIR_L2G: return "L2G";
	case TDMA_DESC_TRANS_DIR_G2G: return "G2G";
	case TDMA_DESC_TRANS_DIR_L2L: return "L2L";
	}
	return "?";
}

void OpCensusWatch::desc_end(const DescEvent &e)
{
	const char *op = e.op ? e.op : "?";
	OpTally *t;
	if (e.engine == Engine::tiu) {
		t = &census_.tiu[op];
		uint8_t stored[TIU_DESC_SIZE], raw[TIU_DESC_SIZE];
		tiu_desc d;
		if (e.addr && !dram_.read(e.addr, stored, sizeof(stored)) && !tiu_desc_from_stored(stored, raw)) {
			tiu_desc_unpack(&d, raw);
			t->codes.insert(std::to_string(d.tsk_typ) + "/" + std::to_string(d.tsk_eu_typ));
		}
	} else {
		// A PIO descriptor (address 0) is not in DRAM: its direction
		// shows as "?".
		uint8_t raw[TDMA_DESC_SIZE];
		tdma_desc d;
		unsigned dir = ~0u;
		if (e.addr && !dram_.read(e.addr, raw, sizeof(raw))) {
			tdma_desc_unpack(&d, raw);
			dir = d.trans_dir;
		}
		t = &census_.tdma[std::string(tdma_direction_name(dir)) + " " + op];
	}
	(e.status ? t->errors : e.executed ? t->executed : t->timed_only)++;
}

void print_op_census(const OpCensus &c, uint64_t runs, bool all)
{
	if (!runs)
		runs = 1;
	const std::vector<OpFeature> &u = op_universe();
	std::set<std::string> known;
	printf("TIU operations (per run)  tsk_typ/eu_typ  count  computed  timed only\n");
	for (const OpFeature &f : u) {
		if (!f.tiu)
			continue;
		known.insert(f.name);
		auto it = c.tiu.find(f.name);
		if (it != c.tiu.end())
			print_tiu(f.name, it->second.codes.empty() ? f.codes : joined(it->second.codes), it->second, runs);
		else if (all)
			print_tiu(f.name, f.codes, OpTally(), runs);
	}
	for (const auto &kv : c.tiu)
		if (!known.count(kv.first))
			print_tiu(kv.first, joined(kv.second.codes), kv.second, runs);
	printf("TDMA modes (per run)                                 count  computed  timed only\n");
	for (const OpFeature &f : u) {
		if (f.tiu)
			continue;
		known.insert(f.name);
		auto it = c.tdma.find(f.name);
		if (it != c.tdma.end())
			print_tdma(f.name, it->second, runs);
		else if (all)
			print_tdma(f.name, OpTally(), runs);
	}
	// What is no feature, as it came: the kernels' fallbacks (timed
	// only), descriptors that raised an error status (named by their
	// error), and names outside the universe - a new operation or mode
	// the tables above lack, or a TIU code no operation has.
	std::vector<std::pair<std::string, const OpTally *>> fallbacks, errors, outside;
	for (const auto &kv : c.tiu)
		if (!known.count(kv.first))
			outside.emplace_back("TIU " + kv.first, &kv.second);
	for (const auto &kv : c.tdma) {
		if (known.count(kv.first))
			continue;
		const std::string what = kv.first.substr(kv.first.find(' ') + 1);
		bool limit = false;
		for (const TdmaModeInfo &m : kTdmaModes)
			limit |= (m.flags & TPUSIM_TDMA_LIMIT) && what == m.what;
		(kv.second.errors ? errors : limit ? fallbacks : outside).emplace_back(kv.first, &kv.second);
	}
	const std::pair<const char *, const std::vector<std::pair<std::string, const OpTally *>> *> sections[] = {
		{"TDMA fallbacks (not features)                       count  computed  timed only\n", &fallbacks},
		{"TDMA errors (by the kernels' error)                  count  computed  timed only\n", &errors},
		{"Outside the universe (harness/scenario/op_census.h)  count  computed  timed only\n", &outside},
	};
	for (const auto &s : sections) {
		if (!s.second->empty())
			printf("%s", s.first);
		for (const auto &kv : *s.second)
			print_tdma(kv.first, *kv.second, runs);
	}
}

} // namespace tpusim
