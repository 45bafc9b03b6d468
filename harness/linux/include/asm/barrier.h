/* SPDX-License-Identifier: Apache-2.0 */
/*
 * asm/barrier.h - memory barriers.  Simulated threads run one at a time on
 * one host thread and switch only at scheduling points (calls into the
 * sim-OS), so a compiler barrier orders everything a fence would.
 */
#ifndef LX_ASM_BARRIER_H
#define LX_ASM_BARRIER_H

#include <linux/compiler.h>

#define mb() barrier()
#define rmb() barrier()
#define wmb() barrier()
#define smp_mb() barrier()
#define smp_rmb() barrier()
#define smp_wmb() barrier()
#define smp_mb__before_atomic() barrier()
#define smp_mb__after_atomic() barrier()
#define smp_store_release(p, v) do { barrier(); WRITE_ONCE(*(p), (v)); } while (0)
#define smp_load_acquire(p)                               \
	({                                                \
		__typeof__(*(p)) __v = READ_ONCE(*(p));   \
		barrier();                                \
		__v;                                      \
	})

#endif /* LX_ASM_BARRIER_H */
