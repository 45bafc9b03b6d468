// SPDX-License-Identifier: Apache-2.0
//
// lockdep.h - lock-order and atomic-context checks of the POSIX host.
//
// Every lock belongs to a class (its name at creation).  When a thread
// takes a lock, each class it already holds gets an edge to the new one;
// an edge that closes a cycle is a lock-cycle finding (two threads taking
// the same classes in opposite orders can deadlock, whether or not this
// run did).  A class taken in interrupt context and, elsewhere, with
// interrupts enabled is an irq-unsafe-lock finding (the handler can
// interrupt the holder on its own CPU and spin for ever).  A sleeping call
// (mutex, wait, msleep, user copy, DMA allocation) with a spinlock held,
// interrupts off or in interrupt context is a sleep-in-atomic finding;
// taking a lock the thread already holds is recursive-lock; releasing one
// it does not hold, bad-unlock; osal_spin_assert_held without it,
// lock-not-held.
//
// The hot path touches only the thread's own context and relaxed atomics,
// so lockdep creates no happens-before between threads that TSan could
// mistake for the driver's own synchronisation.
#ifndef TPUSIM_POSIX_LOCKDEP_H
#define TPUSIM_POSIX_LOCKDEP_H

#include "host_impl.h"

namespace tpusim {
namespace posix {
namespace lockdep {

// The class of locks named name (created once; sleeping = mutex).
int class_of(const char *name, bool sleeping);
const char *class_name(int cls);
// Before blocking on the lock: checks, then records it held.
void acquire(ThreadCtx *t, const void *lock, int cls, bool spin);
void release(ThreadCtx *t, const void *lock, int cls);
bool holds(const ThreadCtx *t, const void *lock);
// A call that may sleep (what names it in the finding).
void might_sleep(ThreadCtx *t, const char *what);

} // namespace lockdep
} // namespace posix
} // namespace tpusim

#endif
