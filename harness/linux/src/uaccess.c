/* SPDX-License-Identifier: Apache-2.0 */
/*
 * uaccess.c - user memory on osal_copy_*_user.  Each call may fault, so
 * each is a might-sleep point (might_fault()).  The sim-OS copies all or
 * nothing: a fault leaves nothing copied, so copy_from_user zero-fills
 * the whole destination and returns n.
 */
#include <linux/kstrtox.h>
#include <linux/uaccess.h>
#include <string.h>

#include "lx_dev.h"

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	osal_might_sleep("copy_from_user");
	if (!n)
		return 0;
	if (osal_copy_from_user(to, (uint64_t)(uintptr_t)from, n)) {
		memset(to, 0, n);
		return n;
	}
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	osal_might_sleep("copy_to_user");
	if (!n)
		return 0;
	return osal_copy_to_user((uint64_t)(uintptr_t)to, from, n) ? n : 0;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	static const char zeros[256];
	unsigned long done = 0;

	osal_might_sleep("clear_user");
	while (done < n) {
		unsigned long k = n - done < sizeof(zeros) ? n - done : sizeof(zeros);

		if (osal_copy_to_user((uint64_t)(uintptr_t)to + done, zeros, k))
			break;
		done += k;
	}
	return n - done;
}

int lx_get_user(void *dst, const void __user *uptr, size_t size)
{
	osal_might_sleep("get_user");
	return osal_copy_from_user(dst, (uint64_t)(uintptr_t)uptr, size) ? -EFAULT : 0;
}

int lx_put_user(const void *src, void __user *uptr, size_t size)
{
	osal_might_sleep("put_user");
	return osal_copy_to_user((uint64_t)(uintptr_t)uptr, src, size) ? -EFAULT : 0;
}

static int lx_copy_str(const char __user *s, size_t count, char *buf, size_t bufsz)
{
	if (count > bufsz - 1)
		count = bufsz - 1;
	if (copy_from_user(buf, s, count))
		return -EFAULT;
	buf[count] = '\0';
	return 0;
}

/* The user's string, at most 23 bytes of it, parsed as kstrtox.c parses. */
int kstrtouint_from_user(const char __user *s, size_t count, unsigned int base,
			 unsigned int *res)
{
	char buf[24];
	int ret = lx_copy_str(s, count, buf, sizeof(buf));

	return ret ? ret : kstrtouint(buf, base, res);
}

int kstrtoint_from_user(const char __user *s, size_t count, unsigned int base, int *res)
{
	char buf[24];
	int ret = lx_copy_str(s, count, buf, sizeof(buf));

	return ret ? ret : kstrtoint(buf, base, res);
}
