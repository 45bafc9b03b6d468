/* SPDX-License-Identifier: Apache-2.0 */
/* atomic.h - atomic_t and atomic64_t (sequentially consistent builtins). */
#ifndef LX_LINUX_ATOMIC_H
#define LX_LINUX_ATOMIC_H

#include <linux/types.h>

typedef struct {
	int counter;
} atomic_t;
typedef struct {
	s64 counter;
} atomic64_t;

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }

#define atomic_read(v) __atomic_load_n(&(v)->counter, __ATOMIC_SEQ_CST)
#define atomic_set(v, i) __atomic_store_n(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_add_return(i, v) __atomic_add_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_sub_return(i, v) __atomic_sub_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_fetch_add(i, v) __atomic_fetch_add(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_fetch_sub(i, v) __atomic_fetch_sub(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_add(i, v) ((void)atomic_add_return(i, v))
#define atomic_sub(i, v) ((void)atomic_sub_return(i, v))
#define atomic_inc(v) atomic_add(1, v)
#define atomic_dec(v) atomic_sub(1, v)
#define atomic_inc_return(v) atomic_add_return(1, v)
#define atomic_dec_return(v) atomic_sub_return(1, v)
#define atomic_dec_and_test(v) (atomic_dec_return(v) == 0)
#define atomic_inc_and_test(v) (atomic_inc_return(v) == 0)
#define atomic_sub_and_test(i, v) (atomic_sub_return(i, v) == 0)
#define atomic_xchg(v, i) __atomic_exchange_n(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_cmpxchg(v, old, new)                                                         \
	({                                                                                  \
		__typeof__((v)->counter) __old = (old);                                     \
		__atomic_compare_exchange_n(&(v)->counter, &__old, (new), false,            \
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);            \
		__old;                                                                      \
	})

#define atomic64_read(v) atomic_read(v)
#define atomic64_set(v, i) atomic_set(v, i)
#define atomic64_add(i, v) atomic_add(i, v)
#define atomic64_sub(i, v) atomic_sub(i, v)
#define atomic64_inc(v) atomic_inc(v)
#define atomic64_dec(v) atomic_dec(v)
#define atomic64_add_return(i, v) atomic_add_return(i, v)
#define atomic64_inc_return(v) atomic_inc_return(v)
#define atomic64_dec_return(v) atomic_dec_return(v)

#endif /* LX_LINUX_ATOMIC_H */
