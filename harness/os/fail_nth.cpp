// SPDX-License-Identifier: Apache-2.0
//
// fail_nth.cpp - systematic fault injection: every call of the OS interface
// that can fail for want of a resource is counted, and the fail_nth-th of
// the run fails (Linux's fail-nth, docs/fault-injection.md).  Also the
// bookkeeping that judges an injected run: which system call the failure
// happened in and what it returned, and the kernel objects still live.
#include <sstream>

#include "simos.h"

namespace tpusim {

const char *inject_kind_name(InjectKind k)
{
	static const char *const names[] = {
#define TPUSIM_X(id, name) name,
		TPUSIM_INJECT_KINDS(TPUSIM_X)
#undef TPUSIM_X
	};
	return names[static_cast<unsigned>(k)];
}

bool SimOs::inject(InjectKind k, const char *name, uint64_t size)
{
	const uint32_t ordinal = ++inject_ordinal_[static_cast<unsigned>(k)];

	if (++injectable_calls_ != cfg_.fail_nth)
		return false;
	SimThread *t = current_or_null();
	std::ostringstream os;

	os << "#" << cfg_.fail_nth << " " << inject_kind_name(k) << "#" << ordinal;
	if (name)
		os << " (" << name << ")";
	else if (size)
		os << " (size " << size << ")";
	os << " in " << (t ? "thread " + t->name : std::string("the simulation kernel"));
	if (t && t->syscall) {
		os << ", " << t->syscall;
		t->injected_in_syscall = true;
		injected_syscall_ = t->syscall;
	}
	injected_ = os.str();
	return true;
}

long SimOs::syscall_exit(SimThread *t, long rc)
{
	// A hosted Linux driver returns -ERESTARTSYS (and the other restart
	// codes, 512-516) when a signal interrupted it: Linux delivers the
	// signal on the way back to user space, and with no SA_RESTART handler
	// the call fails with EINTR.  The project's driver never returns them.
	if (rc <= -512 && rc >= -516)
		rc = -EINTR;
	// Any pending signal is delivered on the way back to user space,
	// whatever the call returned (a driver that turns -ERESTARTSYS into
	// -EINTR itself must not leave it for the thread's next call).
	t->signal_pending = false;
	if (t->injected_in_syscall) {
		injected_syscall_returned_ = true;
		injected_syscall_rc_ = rc;
	}
	t->injected_in_syscall = false;
	t->syscall = nullptr;
	return rc;
}

std::string SimOs::live_kobjs() const
{
	std::string s;

	for (unsigned k = 0; k < kInjectKinds; k++)
		if (kobjs_[k])
			s += (s.empty() ? "" : ", ") + std::to_string(kobjs_[k]) + " " +
			     inject_kind_name(static_cast<InjectKind>(k));
	return s;
}

} // namespace tpusim
