// SPDX-License-Identifier: Apache-2.0
//
// observer.h - tracing hooks of the model.
//
// Every register access, engine start, descriptor start/end, IRQ edge and
// detected hang is published to the registered observers.  Reports (trace, VCD, checkers)
// subscribe here instead of reaching into the engines.
#ifndef TPUSIM_MODEL_OBSERVER_H
#define TPUSIM_MODEL_OBSERVER_H

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

extern "C" {
#include "tpu/regdesc.h"
}

namespace tpusim {

enum class Engine { tdma, tiu };

inline const char *engine_name(Engine e) { return e == Engine::tdma ? "tdma" : "tiu"; }

struct DescEvent {
	Engine engine;
	uint32_t index;       // position in this run (0-based)
	uint32_t id;          // descriptor's own sync id
	uint64_t addr;        // DRAM address it was fetched from (0 for PIO)
	const char *op;       // operation name
	uint32_t status;      // error/status bits raised (engine specific), 0 if none
	bool executed;        // false: timed only, not executed functionally
	sc_core::sc_time start;
	sc_core::sc_time end; // == start for desc_start
	// desc_end: the status stops the run; the descriptor does not complete
	// (its id is not published).  A status that lets the engine go on
	// (TDMA ZERO) completes it.
	bool stopped;
	uint32_t layer;       // the compiler's layer id (TIU layer_info, TDMA layer_id)
};

class TpuObserver {
public:
	virtual ~TpuObserver() = default;
	// The block is its generated description (name, registers, masks).
	virtual void reg_access(const tpu_reg_block &block, uint32_t offset, uint32_t value,
				bool is_write, bool ok) {}
	// The engine begins a run of descriptors (TDMA enabled, TIU go).
	virtual void engine_start(Engine e) {}
	virtual void desc_start(const DescEvent &ev) {}
	virtual void desc_end(const DescEvent &ev) {}
	virtual void irq_edge(int line, bool level) {}
	virtual void hang(const std::string &report) {}
};

class ObserverList {
public:
	void add(TpuObserver *o) { obs_.push_back(o); }
	void remove(TpuObserver *o);
	bool empty() const { return obs_.empty(); }

	void reg_access(const tpu_reg_block &b, uint32_t off, uint32_t v, bool w, bool ok)
	{ for (auto *o : obs_) o->reg_access(b, off, v, w, ok); }
	void engine_start(Engine e) { for (auto *o : obs_) o->engine_start(e); }
	void desc_start(const DescEvent &e) { for (auto *o : obs_) o->desc_start(e); }
	void desc_end(const DescEvent &e) { for (auto *o : obs_) o->desc_end(e); }
	void irq_edge(int line, bool level) { for (auto *o : obs_) o->irq_edge(line, level); }
	void hang(const std::string &r) { for (auto *o : obs_) o->hang(r); }

private:
	std::vector<TpuObserver *> obs_;
};

inline void ObserverList::remove(TpuObserver *o)
{
	for (auto it = obs_.begin(); it != obs_.end(); ++it)
		if (*it == o) {
			obs_.erase(it);
			return;
		}
}

} // namespace tpusim

#endif
