// SPDX-License-Identifier: Apache-2.0
//
// kheap.h - the sim-OS kernel heap, with KASAN-style checking.
//
// osal_kzalloc() objects live in one reserved arena with a shadow byte per
// 8-byte granule (addressable, redzone or freed).  The driver is compiled
// with GCC's -fsanitize=kernel-address in call mode (cmake/kasan.cmake):
// every load and store it makes calls __asan_{load,store}*_noabort, which
// land in KernelHeap::check().  An access to a freed object (kept in a
// quarantine so its memory is not handed out again at once) or to the
// redzone around one becomes a finding naming the object, its size, who
// allocated and freed it and when — where Linux's KASAN would print a
// report.  Accesses outside the arena (stack, globals, user copies) are not
// checked.
//
// In the AddressSanitizer build the driver is instrumented by ASan itself
// and osal_kzalloc uses calloc, so ASan's heap does the same job.
#ifndef TPUSIM_HARNESS_KHEAP_H
#define TPUSIM_HARNESS_KHEAP_H

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <systemc>

namespace tpusim {

class SimOs;
struct SimThread;

class KernelHeap {
public:
	explicit KernelHeap(SimOs &os);
	~KernelHeap();
	KernelHeap(const KernelHeap &) = delete;
	KernelHeap &operator=(const KernelHeap &) = delete;

	// Zeroed, 16-byte aligned; nullptr when the arena is exhausted.
	void *alloc(size_t size);
	// p must come from alloc() and be live (the caller checks).
	void free(void *p);
	// An instrumented access of the driver; reports a bad one.
	void check(uintptr_t addr, size_t size, bool write, uintptr_t ip);

	bool owns(uintptr_t addr) const { return addr - base_ < size_; }

	// The heap that instrumented accesses report to (one sim-OS per
	// process); nullptr outside a run.
	static KernelHeap *active() { return active_; }

private:
	struct Object {
		size_t size;          // what was asked for
		size_t chunk;         // redzones included
		uint64_t id;          // allocation number in the run
		// Threads that allocated / freed it (nullptr: none); threads
		// live as long as the sim-OS, so only a report names them.
		const SimThread *by;
		const SimThread *freed_by;
		sc_core::sc_time at, freed_at;
		bool live;
		bool reported;        // one report per object is enough
	};

	void poison(uintptr_t addr, size_t len, uint8_t value);
	void report(uintptr_t addr, size_t size, bool write, uintptr_t ip, uint8_t shadow);
	static std::string name_of(const SimThread *t);

	SimOs &os_;
	uintptr_t base_ = 0;
	size_t size_ = 0;
	uint8_t *shadow_ = nullptr;
	size_t used_ = 0;                               // bump pointer
	std::unordered_map<size_t, std::vector<uintptr_t>> free_;   // by chunk size
	std::deque<uintptr_t> quarantine_;
	size_t quarantined_ = 0;                        // bytes in quarantine_
	std::map<uintptr_t, Object> objects_;           // by chunk start
	uint64_t next_id_ = 1;
	unsigned wild_reports_ = 0;

	static KernelHeap *active_;
};

} // namespace tpusim

#endif
