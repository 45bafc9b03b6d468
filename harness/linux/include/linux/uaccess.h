/* SPDX-License-Identifier: Apache-2.0 */
/*
 * uaccess.h - user memory (osal_copy_*_user).  Every call may fault and
 * so may sleep: each one is checked like might_fault() in a debug kernel
 * (osal_might_sleep).  A fault copies nothing: copy_from_user zero-fills
 * the whole destination and returns n.
 */
#ifndef LX_LINUX_UACCESS_H
#define LX_LINUX_UACCESS_H

#include <linux/errno.h>
#include <linux/types.h>

/* Bytes NOT copied: 0 on success. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);

/* 0 or -EFAULT. */
int lx_get_user(void *dst, const void __user *uptr, size_t size);
int lx_put_user(const void *src, void __user *uptr, size_t size);

/* x = *ptr, typed by *ptr; on a fault x = 0 and -EFAULT. */
#define get_user(x, ptr)                                                           \
	({                                                                         \
		union {                                                            \
			unsigned char b[sizeof(*(ptr))];                           \
			unsigned long long a;                                      \
		} __gu_buf;                                                        \
		int __gu_err = lx_get_user(__gu_buf.b, (ptr), sizeof(*(ptr)));     \
		(x) = __gu_err ? (__typeof__(*(ptr)))0                             \
			       : *(__typeof__(*(ptr)) *)__gu_buf.b;                \
		__gu_err;                                                          \
	})
#define put_user(x, ptr)                                                           \
	({                                                                         \
		__typeof__(*(ptr)) __pu_val = (x);                                 \
		lx_put_user(&__pu_val, (ptr), sizeof(*(ptr)));                     \
	})
#define __get_user(x, ptr) get_user(x, ptr)
#define __put_user(x, ptr) put_user(x, ptr)

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	(void)addr;
	(void)size;
	return true;
}

/* Copy in up to count bytes (at most 23) and parse them as kstrtouint
 * does: base 0 detects 0x / 0, one trailing newline is accepted.  0,
 * -EINVAL, -ERANGE or -EFAULT. */
int kstrtouint_from_user(const char __user *s, size_t count, unsigned int base,
			 unsigned int *res);
int kstrtoint_from_user(const char __user *s, size_t count, unsigned int base, int *res);

#endif /* LX_LINUX_UACCESS_H */
