/* SPDX-License-Identifier: Apache-2.0 */
/*
 * refcount.h - refcount_t with Linux's checks: an increment from zero and a
 * decrement below zero are findings of checker kernel-api
 * ("refcount_t: addition on 0; use-after-free", "underflow"), and the
 * count then saturates as Linux leaves it.
 */
#ifndef LX_LINUX_REFCOUNT_H
#define LX_LINUX_REFCOUNT_H

#include <limits.h>

#include <linux/atomic.h>
#include <linux/types.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_SATURATED (INT_MIN / 2)

static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r)
{
	return (unsigned int)atomic_read(&r->refs);
}
void refcount_inc(refcount_t *r);
void refcount_add(int i, refcount_t *r);
bool refcount_inc_not_zero(refcount_t *r);
bool refcount_sub_and_test(int i, refcount_t *r);
static inline bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}
static inline void refcount_dec(refcount_t *r)
{
	(void)refcount_sub_and_test(1, r);
}

#endif /* LX_LINUX_REFCOUNT_H */
