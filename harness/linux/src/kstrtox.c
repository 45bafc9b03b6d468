// SPDX-License-Identifier: Apache-2.0
/* kstrtox.c - string to integer with the kernel's rules (lib/kstrtox.c). */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>

static unsigned int lower(char c)
{
	return (unsigned int)(unsigned char)c | 0x20u;
}

/* Base 0: "0x" + a hex digit is hex, a leading 0 octal, else decimal;
 * base 16 skips a "0x". */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			unsigned int c = lower(s[2]);

			if (lower(s[1]) == 'x' && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && lower(s[1]) == 'x')
		s += 2;
	return s;
}

/* Digits parsed (0: none), *overflow set when the value left 64 bits. */
static unsigned int parse(const char *s, unsigned int base, unsigned long long *p, bool *overflow)
{
	unsigned long long res = 0;
	unsigned int n = 0;

	*overflow = false;
	for (;; s++, n++) {
		unsigned int c = (unsigned char)*s, val;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if (lower((char)c) >= 'a' && lower((char)c) <= 'f')
			val = lower((char)c) - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		if (res > (~0ULL - val) / base)
			*overflow = true;
		res = res * base + val;
	}
	*p = res;
	return n;
}

static int kstrtoull_nosign(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	bool overflow;
	unsigned int n;

	s = fixup_radix(s, &base);
	n = parse(s, base, &v, &overflow);
	if (overflow)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return kstrtoull_nosign(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;

	if (s[0] == '-') {
		rv = kstrtoull_nosign(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)-tmp > 0)
			return -ERANGE;
		*res = (long long)-tmp;
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)tmp < 0)
			return -ERANGE;
		*res = (long long)tmp;
	}
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);

	if (rv < 0)
		return rv;
	*res = (unsigned long)tmp;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);

	if (rv < 0)
		return rv;
	*res = (long)tmp;
	return 0;
}

#define LX_KSTRTO_NARROW(name, type, wide, wide_fn)                      \
	int name(const char *s, unsigned int base, type *res)            \
	{                                                                \
		wide tmp;                                                \
		int rv = wide_fn(s, base, &tmp);                         \
		if (rv < 0)                                              \
			return rv;                                       \
		if (tmp != (wide)(type)tmp)                              \
			return -ERANGE;                                  \
		*res = (type)tmp;                                        \
		return 0;                                                \
	}

LX_KSTRTO_NARROW(kstrtouint, unsigned int, unsigned long long, kstrtoull)
LX_KSTRTO_NARROW(kstrtoint, int, long long, kstrtoll)
LX_KSTRTO_NARROW(kstrtou16, u16, unsigned long long, kstrtoull)
LX_KSTRTO_NARROW(kstrtos16, s16, long long, kstrtoll)
LX_KSTRTO_NARROW(kstrtou8, u8, unsigned long long, kstrtoull)
LX_KSTRTO_NARROW(kstrtos8, s8, long long, kstrtoll)

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	default:
		break;
	}
	return -EINVAL;
}
