/* SPDX-License-Identifier: Apache-2.0 */
/*
 * uaccess.c - user memory on osal_copy_*_user.  Each call may fault, so
 * each is a might-sleep point (might_fault()).  The sim-OS copies all or
 * nothing: a fault leaves nothing copied, so copy_from_user zero-fills
 * the whole destination and returns n.
 */
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

/* lib/kstrtox.c: an optional '+', the radix from the prefix when base is
 * 0 (0x: 16, 0: 8, else 10), digits up to the end or one newline. */
static int lx_kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	unsigned int n = 0;

	if (*s == '+')
		s++;
	if (base == 0) {
		if (s[0] == '0') {
			if ((s[1] | 0x20) == 'x' &&
			    ((s[2] >= '0' && s[2] <= '9') || ((s[2] | 0x20) >= 'a' && (s[2] | 0x20) <= 'f')))
				base = 16;
			else
				base = 8;
		} else {
			base = 10;
		}
	}
	if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	for (;; s++, n++) {
		unsigned int d;
		char c = *s;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (unsigned int)((c | 0x20) - 'a' + 10);
		else
			break;
		if (d >= base)
			break;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (!n)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
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

int kstrtouint_from_user(const char __user *s, size_t count, unsigned int base,
			 unsigned int *res)
{
	char buf[24];
	unsigned long long v;
	int ret = lx_copy_str(s, count, buf, sizeof(buf));

	if (!ret)
		ret = lx_kstrtoull(buf, base, &v);
	if (ret)
		return ret;
	if (v != (unsigned int)v)
		return -ERANGE;
	*res = (unsigned int)v;
	return 0;
}

int kstrtoint_from_user(const char __user *s, size_t count, unsigned int base, int *res)
{
	char buf[24];
	unsigned long long v;
	long long sv;
	int ret = lx_copy_str(s, count, buf, sizeof(buf));

	if (ret)
		return ret;
	if (buf[0] == '-') {
		ret = lx_kstrtoull(buf + 1, base, &v);
		if (ret)
			return ret;
		if (v > (1ULL << 63))
			return -ERANGE;
		sv = v == (1ULL << 63) ? (long long)(-0x7fffffffffffffffLL - 1) : -(long long)v;
	} else {
		ret = lx_kstrtoull(buf, base, &v);
		if (ret)
			return ret;
		if (v > 0x7fffffffffffffffULL)
			return -ERANGE;
		sv = (long long)v;
	}
	if (sv != (int)sv)
		return -ERANGE;
	*res = (int)sv;
	return 0;
}
