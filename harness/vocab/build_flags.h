// SPDX-License-Identifier: Apache-2.0
//
// build_flags.h - the deliberately broken builds a scenario job can ask for
// (runtime bugs the checkers must catch), defined once.
//
// One row per flag: X(id, "key", rt_flag, "the command buffer / runtime...").
// rt_flag is the runtime builder's flag (rt_cmdbuf.h RT_BUILD_*) when the
// bug lives in the builder, 0 when the scenario's submit path plays it.
// From the table come BuildFlag (scenario.h), the loader's keys, the
// builder options, and the table of docs/scenarios.md.
#ifndef TPUSIM_VOCAB_BUILD_FLAGS_H
#define TPUSIM_VOCAB_BUILD_FLAGS_H

extern "C" {
#include "rt_cmdbuf.h"
}

#define TPUSIM_BUILD_FLAGS(X)                                                                       \
	X(no_eod_padding, "no_eod_padding", RT_BUILD_NO_EOD_PADDING,                                \
	  "lacks the 128 zero bytes after the TIU chain (the TIU runs into garbage)")               \
	X(no_tdma_eod, "no_tdma_eod", RT_BUILD_NO_TDMA_EOD,                                         \
	  "has no end-of-descriptors mark on the last TDMA descriptor")                             \
	X(no_tiu_end, "no_tiu_end", RT_BUILD_NO_TIU_END,                                            \
	  "has no end mark on the last TIU descriptor")                                             \
	X(reloc_off_by_one, "reloc_off_by_one", RT_BUILD_RELOC_OFF_BY_ONE,                          \
	  "has its relocations off by one")                                                         \
	X(wait_past_end, "wait_past_end", RT_BUILD_WAIT_PAST_END,                                   \
	  "has its last TDMA of each segment wait for a TIU id the segment never reaches")          \
	X(bad_magic, "bad_magic", 0, "has its header magic overwritten after the build")            \
	X(no_flush, "no_flush", 0, "never flushes inputs and the dmabuf (cached jobs)")             \
	X(no_invalidate, "no_invalidate", 0, "reads outputs without invalidating first (cached jobs)") \
	X(base_outside, "base_outside", 0,                                                          \
	  "the data array base points 64 MiB past the job's buffer (a relocation bug: the "         \
	  "engines DMA to pages nobody allocated)")                                                 \
	X(base_unmapped, "base_unmapped", 0,                                                        \
	  "the data array base points below DRAM, where nothing answers (the TDMA raises a bus "    \
	  "error status)")                                                                          \
	X(desc_count_past_end, "desc_count_past_end", 0,                                            \
	  "has its header's segment count (`cpu_desc_count`) overwritten after the build with one " \
	  "more than the whole buffer can hold (the driver must bound it before reading them)")

namespace tpusim {

struct BuildFlagInfo {
	const char *key;
	unsigned rt_flag;
	const char *breaks;
	unsigned flags;     // none yet (Table::keys_with)
};

} // namespace tpusim

#endif
