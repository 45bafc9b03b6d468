// SPDX-License-Identifier: Apache-2.0
//
// rtl_bank.h - a register block as RTL: the SystemVerilog regsgen emits
// (gen/rtl/ in the build tree), Verilated, behind the same RegBank
// interface as the C++ bank.
//
// Every access is a few clock cycles of the Verilated model, evaluated on
// the spot in zero simulated time: no SystemC signals or delta cycles sit
// between the bus and the registers, so a run with RTL blocks schedules
// exactly like a run with C++ banks and the two can be compared event for
// event.  The bus read, the write's decode and the interrupt line all come
// from the RTL's own outputs; the generated table is used only to find a
// register's ports.
#ifndef TPUSIM_MODEL_RTL_BANK_H
#define TPUSIM_MODEL_RTL_BANK_H

#include <memory>

#include "regbank.h"

namespace tpusim {

// The RTL bank of blk (one of the blocks regsgen was given); NULL when
// this build has no RTL for it.
std::unique_ptr<RegBank> make_rtl_bank(const tpu_reg_block &blk);

// Waveforms: every RTL bank created after this call traces its ports and
// registers into a VCD (timescale 1 ps, simulated time; "" stops), one
// file per block: F.vcd gives F.tdma.vcd, F.tiu.vcd, F.rstc.vcd.
void rtl_trace_to(const char *path);
// Finish every open waveform.  The machine's modules live until the
// process exits, so the runner closes the files when a run ends.
void rtl_trace_close();

} // namespace tpusim

#endif
