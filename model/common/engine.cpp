// SPDX-License-Identifier: Apache-2.0
//
// engine.cpp - IRQ level, id coupling and hang detection shared by the TDMA
// and TIU models (their MMIO decoding is reg_target.cpp).
#include "engine.h"

#include <sstream>

namespace tpusim {

const char *engine_state_name(EngineState s)
{
	switch (s) {
	case EngineState::idle: return "idle";
	case EngineState::running: return "running";
	case EngineState::waiting: return "waiting";
	}
	return "?";
}

EngineBase::EngineBase(sc_core::sc_module_name name, Engine kind, const tpu_reg_block &blk,
		       const TpuConfig &cfg, ObserverList &obs)
	: RegTarget(name, blk, cfg.regs, obs), irq("irq"), busy("busy"), kind_(kind), cfg_(cfg)
{
}

void EngineBase::update_irq()
{
	bool level = regs_.irq();

	if (level != irq_level_) {
		irq_level_ = level;
		irq.write(level);
		obs_.irq_edge(regs_.block().irq, level);
	}
}

void EngineBase::set_completed_id(uint32_t id)
{
	completed_id_ = id;
	publish_id(id);
	id_changed_ev_.notify(sc_core::SC_ZERO_TIME);
}

void EngineBase::set_state(EngineState s)
{
	// Busy means executing: time spent waiting for the other engine's id
	// is not utilisation.
	bool was_busy = state_ == EngineState::running;
	bool is_busy = s == EngineState::running;

	state_ = s;
	if (was_busy != is_busy) {
		busy.write(is_busy);
		if (is_busy)
			busy_since_ = sc_core::sc_time_stamp();
		else
			stats_.busy_time += sc_core::sc_time_stamp() - busy_since_;
	}
}

void EngineBase::hw_reset()
{
	regs_.reset();
	reset_gen_++;
	completed_id_ = 0;
	hang_detected_ = false;
	hung_ = false;
	abort_ev_.notify(sc_core::SC_ZERO_TIME);
	on_reset();
	update_irq();
}

bool EngineBase::spend(const sc_core::sc_time &t)
{
	uint64_t gen = reset_gen_;

	wait(t, abort_ev_);
	// A hang injected meanwhile holds the descriptor's completion too.
	return gen == reset_gen_ && stall_if_hung();
}

void EngineBase::inject_hang(const sc_core::sc_time &d)
{
	hung_ = true;
	hang_until_ = d == sc_core::SC_ZERO_TIME ? sc_core::SC_ZERO_TIME : sc_core::sc_time_stamp() + d;
}

bool EngineBase::stall_if_hung()
{
	uint64_t gen = reset_gen_;

	while (hung_) {
		if (hang_until_ == sc_core::SC_ZERO_TIME) {
			wait(abort_ev_);
		} else if (sc_core::sc_time_stamp() < hang_until_) {
			wait(hang_until_ - sc_core::sc_time_stamp(), abort_ev_);
		} else {
			hung_ = false;
		}
		if (gen != reset_gen_)
			return false;
	}
	return true;
}

bool EngineBase::wait_for_peer(uint32_t want)
{
	uint64_t gen = reset_gen_;
	bool reported = false;
	// The hang window restarts whenever the peer makes progress.
	sc_core::sc_time since = sc_core::sc_time_stamp();
	uint32_t seen = peer_->completed_id();

	cur_wait_ = want;
	while (peer_->completed_id() < want) {
		set_state(EngineState::waiting);
		if (reported) {
			wait(peer_->id_changed() | abort_ev_);
		} else {
			sc_core::sc_time left = since + cfg_.hang_window - sc_core::sc_time_stamp();

			wait(left, peer_->id_changed() | abort_ev_);
			if (peer_->completed_id() != seen) {
				seen = peer_->completed_id();
				since = sc_core::sc_time_stamp();
			}
			bool expired = sc_core::sc_time_stamp() - since >= cfg_.hang_window;
			// A peer that is still running is busy, not stuck: new window.
			if (expired && peer_->state() == EngineState::running) {
				since = sc_core::sc_time_stamp();
				expired = false;
			}
			if (gen == reset_gen_ && peer_->completed_id() < want && expired) {
				std::ostringstream os;

				os << "hang: " << describe() << "; " << peer_->describe();
				hang_detected_ = true;
				reported = true;
				obs_.hang(os.str());
				SC_REPORT_WARNING("tpusim/hang", os.str().c_str());
			}
		}
		if (gen != reset_gen_)
			return false;
	}
	cur_wait_ = 0;
	set_state(EngineState::running);
	return true;
}

std::string EngineBase::describe() const
{
	std::ostringstream os;

	os << engine_name(kind_) << " " << engine_state_name(state_)
	   << " completed_id=" << completed_id_;
	if (state_ != EngineState::idle)
		os << " desc#" << cur_index_ << " id=" << cur_id_;
	if (state_ == EngineState::waiting)
		os << " waits for " << engine_name(peer_->engine()) << " id>=" << cur_wait_;
	return os.str();
}

} // namespace tpusim
