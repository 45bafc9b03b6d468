// SPDX-License-Identifier: Apache-2.0
//
// op_census.h - which TIU operations and TDMA modes a run's descriptors
// used, each with how many were computed and how many only timed: the
// `--ops` report of `tpusim model` and `tpusim client` (one observer, one
// printer, one universe).
//
// TIU operations are named by tiu_kernel_op_name (model/kernels), the
// names of the tsk_typ/tsk_eu_typ values of regs/tiu_desc.yaml; TDMA
// descriptors by direction and by the kernels' description of what they
// did (the descriptor event's op), whose universe is the table of
// harness/vocab/tdma_modes.h.
#ifndef TPUSIM_OP_CENSUS_H
#define TPUSIM_OP_CENSUS_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "observer.h"

namespace tpusim {

class Dram;

struct OpTally {
	uint64_t executed = 0, timed_only = 0, errors = 0;
	std::set<std::string> codes;   // TIU: "tsk_typ/tsk_eu_typ" seen
};

struct OpCensus {
	std::map<std::string, OpTally> tiu;    // by operation name
	std::map<std::string, OpTally> tdma;   // by "DIR what" (feature name)
};

// A feature of the universe: a TIU operation or a direction of a TDMA mode.
struct OpFeature {
	std::string name;
	std::string codes;      // TIU: tsk_typ/tsk_eu_typ ("2/*": any eu_typ); TDMA: ""
	bool tiu;
};

// Every TIU operation tiu_kernel_op_name can name (but its catch-alls for
// undefined codes) and every direction of every TDMA mode that is a
// feature, in printing order.
const std::vector<OpFeature> &op_universe();

// "G2L" ... of a trans_dir value.
const char *tdma_direction_name(unsigned dir);

// Counts every completed descriptor; reads the descriptor back from DRAM
// (a CPU read: no access hook) for its codes and direction.
class OpCensusWatch : public TpuObserver {
public:
	explicit OpCensusWatch(Dram &dram) : dram_(dram) {}
	void desc_end(const DescEvent &e) override;
	const OpCensus &census() const { return census_; }

private:
	Dram &dram_;
	OpCensus census_;
};

// The report, counts divided by runs (the model's iterations): TIU
// operations with their codes, then TDMA modes by direction; with all, the
// features no descriptor used too (zero rows).
void print_op_census(const OpCensus &c, uint64_t runs, bool all);

} // namespace tpusim

#endif
