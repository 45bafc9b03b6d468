/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * tpu_list.h - a minimal intrusive doubly linked list (Linux list_head
 * style) for the driver's task and done lists.
 *
 * os.h deliberately offers no containers; this header is the driver's own,
 * so driver/ needs nothing from the host but the OS interface.  None of
 * these helpers lock: the caller holds the lock that protects the list.
 */
#ifndef TPU_DRIVER_LIST_H
#define TPU_DRIVER_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "tpu/os.h"

struct tpu_list {
	struct tpu_list *next;
	struct tpu_list *prev;
};

static inline void tpu_list_init(struct tpu_list *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool tpu_list_empty(const struct tpu_list *head)
{
	return head->next == head;
}

/* Insert n before head, i.e. at the tail of the list (FIFO order). */
static inline void tpu_list_add_tail(struct tpu_list *n, struct tpu_list *head)
{
	n->prev = head->prev;
	n->next = head;
	head->prev->next = n;
	head->prev = n;
}

/* Unlink n and leave it self-linked, so a second del is harmless. */
static inline void tpu_list_del(struct tpu_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	tpu_list_init(n);
}

/* First entry or NULL; the caller converts with tpu_list_entry(). */
static inline struct tpu_list *tpu_list_first(const struct tpu_list *head)
{
	return tpu_list_empty(head) ? NULL : head->next;
}

#define tpu_list_entry(ptr, type, member) osal_container_of(ptr, type, member)

/* Iterate; pos may not be unlinked inside the loop body (use _safe). */
#define tpu_list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* Iterate while allowing the body to unlink pos. */
#define tpu_list_for_each_safe(pos, tmp, head) \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif /* TPU_DRIVER_LIST_H */
