// SPDX-License-Identifier: Apache-2.0
/* refcount.c - refcount_t with Linux's use-after-free checks. */
#include <linux/kernel.h>
#include <linux/refcount.h>
#include <tpu/os.h>

void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);

	if (old == 0) {
		osal_kernel_bug("refcount_t: addition on 0; use-after-free");
		atomic_set(&r->refs, REFCOUNT_SATURATED);
	} else if (old < 0 || old + i < 0) {
		osal_kernel_bug("refcount_t: saturated; leaking memory");
		atomic_set(&r->refs, REFCOUNT_SATURATED);
	}
}

void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

bool refcount_inc_not_zero(refcount_t *r)
{
	int old = atomic_read(&r->refs);

	if (!old)
		return false;
	refcount_add(1, r);
	return true;
}

bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);

	if (old == i)
		return true;
	if (old < i) {
		osal_kernel_bug("refcount_t: underflow; use-after-free");
		atomic_set(&r->refs, REFCOUNT_SATURATED);
	}
	return false;
}
