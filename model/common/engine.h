// SPDX-License-Identifier: Apache-2.0
//
// engine.h - what the TDMA and TIU models share.
//
// Each engine is a register block on the bus (MMIO socket, generated
// register table, level IRQ line) plus one SC_THREAD that runs descriptor
// streams.  The engines are coupled only through their completed sync ids:
// a descriptor that waits on the other engine blocks in wait_for_peer(),
// which also detects streams that can never finish (reported as a hang with
// both engines' state instead of freezing the simulation).
#ifndef TPUSIM_MODEL_ENGINE_H
#define TPUSIM_MODEL_ENGINE_H

#include <cstdint>
#include <map>
#include <string>

#include <systemc>
#include "config.h"
#include "observer.h"
#include "reg_target.h"

namespace tpusim {

enum class EngineState { idle, running, waiting };

const char *engine_state_name(EngineState s);

struct EngineStats {
	uint64_t runs = 0;
	uint64_t descriptors = 0;
	uint64_t not_executed = 0;              // timed only, not executed functionally
	std::map<std::string, uint64_t> not_executed_by_op;
	uint64_t errors = 0;
	std::string last_error;
	sc_core::sc_time busy_time = sc_core::SC_ZERO_TIME;
};

class EngineBase : public RegTarget {
public:
	// Written by MMIO callers and by the engine thread, hence many writers.
	sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> irq;
	sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> busy;

	EngineBase(sc_core::sc_module_name name, Engine kind, const tpu_reg_block &blk,
		   const TpuConfig &cfg, ObserverList &obs);

	void set_peer(EngineBase *peer) { peer_ = peer; }

	Engine engine() const { return kind_; }
	uint32_t completed_id() const { return completed_id_; }
	const sc_core::sc_event &id_changed() const { return id_changed_ev_; }
	EngineState state() const { return state_; }
	// Hardware resets so far: work seen before a change is not the
	// engine's any more.
	uint64_t resets() const { return reset_gen_; }
	const EngineStats &stats() const { return stats_; }
	bool hang_detected() const { return hang_detected_; }

	// One line describing the engine: state, current descriptor, wait target.
	std::string describe() const;

	// Reset line asserted: registers to reset values, current run dropped,
	// an injected hang cleared.
	void hw_reset();
	// The reset line's level: asserting resets the engine (hw_reset), and
	// while it stays asserted the engine is held in reset: software writes
	// are dropped (the registers keep their reset values, nothing starts)
	// until it is deasserted.  Reads and writes still complete (a tpusim
	// assumption: the sources say nothing of accesses to a block in reset).
	void set_reset_line(bool asserted)
	{
		if (asserted && !reset_held_)
			hw_reset();
		reset_held_ = asserted;
	}
	bool reset_held() const { return reset_held_; }

	// Fault injection: the engine makes no progress for d (SC_ZERO_TIME =
	// until reset), as a hung datapath would: the descriptor in flight does
	// not complete and the next one does not start.
	void inject_hang(const sc_core::sc_time &d);

	// Fault injection: the next descriptor to finish (the one in flight,
	// if any) ends with these status bits (TDMA: INT_MASK.STATUS values;
	// TIU: BD_CTRL bits) as if its own execution had raised them, so the
	// engine does exactly what it does for that error: stops or goes on,
	// raises the status and the line.  A reset does not clear it (the
	// driver pulses the resets before every job, so an injection made
	// while the engine is idle would otherwise never act).
	void inject_error(uint32_t bits) { injected_error_ |= bits; }

protected:
	// Publish a new completed id in the engine's status register.
	virtual void publish_id(uint32_t id) = 0;
	virtual void on_reset() {}

	void update_irq();
	void set_completed_id(uint32_t id);
	void set_state(EngineState s);

	// Block until the peer's completed id >= want.  Returns false if the
	// engine was reset meanwhile (the caller abandons its run).
	bool wait_for_peer(uint32_t want);
	// Consume time; false if reset meanwhile.
	bool spend(const sc_core::sc_time &t);
	// Stall while an injected hang lasts; false if reset meanwhile.
	bool stall_if_hung();
	// The bits inject_error() left for the descriptor that finishes now.
	uint32_t take_injected_error()
	{
		uint32_t b = injected_error_;

		injected_error_ = 0;
		return b;
	}

	Engine kind_;
	const TpuConfig &cfg_;
	EngineBase *peer_ = nullptr;
	EngineStats stats_;

	sc_core::sc_event start_ev_;
	sc_core::sc_event abort_ev_;
	uint64_t reset_gen_ = 0;  // bumped by hw_reset; a run started earlier stops

	// Current descriptor, for reports.
	uint32_t cur_index_ = 0;
	uint32_t cur_id_ = 0;
	uint32_t cur_wait_ = 0;

private:
	uint32_t completed_id_ = 0;
	sc_core::sc_event id_changed_ev_;
	EngineState state_ = EngineState::idle;
	bool hang_detected_ = false;
	bool hung_ = false;
	uint32_t injected_error_ = 0;
	bool reset_held_ = false;
	sc_core::sc_time hang_until_;     // SC_ZERO_TIME with hung_: until reset
	bool irq_level_ = false;
	sc_core::sc_time busy_since_;
};

} // namespace tpusim

#endif
