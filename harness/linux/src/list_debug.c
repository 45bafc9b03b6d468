// SPDX-License-Identifier: Apache-2.0
/*
 * list_debug.c - CONFIG_DEBUG_LIST: list_add and list_del check the links
 * around the entry first.  A bad link is a finding of checker kernel-api
 * (Linux warns) and the operation is skipped (Linux 5.10's
 * CHECK_DATA_CORRUPTION without CONFIG_BUG_ON_DATA_CORRUPTION).
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <tpu/os.h>

bool __list_add_valid(struct list_head *new, struct list_head *prev, struct list_head *next)
{
	if (!prev || !next) {
		osal_kernel_bug("list_add corruption: prev (%p) or next (%p) is NULL (list head not "
				"initialised?)", (void *)prev, (void *)next);
		return false;
	}
	if (next->prev != prev) {
		osal_kernel_bug("list_add corruption. next->prev should be prev (%p), but was %p. "
				"(next=%p).", (void *)prev, (void *)next->prev, (void *)next);
		return false;
	}
	if (prev->next != next) {
		osal_kernel_bug("list_add corruption. prev->next should be next (%p), but was %p. "
				"(prev=%p).", (void *)next, (void *)prev->next, (void *)prev);
		return false;
	}
	if (new == prev || new == next) {
		osal_kernel_bug("list_add double add: new=%p, prev=%p, next=%p.", (void *)new,
				(void *)prev, (void *)next);
		return false;
	}
	return true;
}

bool __list_del_entry_valid(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	if (next == LIST_POISON1) {
		osal_kernel_bug("list_del corruption, %p->next is LIST_POISON1 (%p) (double list_del?)",
				(void *)entry, LIST_POISON1);
		return false;
	}
	if (prev == LIST_POISON2) {
		osal_kernel_bug("list_del corruption, %p->prev is LIST_POISON2 (%p) (double list_del?)",
				(void *)entry, LIST_POISON2);
		return false;
	}
	if (!next || !prev) {
		osal_kernel_bug("list_del corruption, %p->%s is NULL (entry never added?)", (void *)entry,
				!next ? "next" : "prev");
		return false;
	}
	if (prev->next != entry) {
		osal_kernel_bug("list_del corruption. prev->next should be %p, but was %p. (prev=%p)",
				(void *)entry, (void *)prev->next, (void *)prev);
		return false;
	}
	if (next->prev != entry) {
		osal_kernel_bug("list_del corruption. next->prev should be %p, but was %p. (next=%p)",
				(void *)entry, (void *)next->prev, (void *)next);
		return false;
	}
	return true;
}
