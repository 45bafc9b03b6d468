/* SPDX-License-Identifier: Apache-2.0 */
/*
 * types.h - the kernel's integer types and annotations, for drivers built
 * against the Linux API layer (docs/vendor-driver.md).
 *
 * Layer sources include these headers and include/tpu/os.h only, never
 * <sys/types.h>: glibc defines dev_t and loff_t with other widths.
 */
#ifndef LX_LINUX_TYPES_H
#define LX_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* asm-generic/int-ll64.h: the same widths on every architecture. */
typedef signed char s8;
typedef unsigned char u8;
typedef signed short s16;
typedef unsigned short u16;
typedef signed int s32;
typedef unsigned int u32;
typedef signed long long s64;
typedef unsigned long long u64;

typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s32 __s32;
typedef s64 __s64;

typedef int pid_t;
typedef u32 dev_t;
typedef long long loff_t;
typedef long ssize_t;
typedef unsigned int gfp_t;
typedef unsigned short umode_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef u64 resource_size_t;

/* Sparse annotations: nothing for the compiler.  A __user value is a
 * simulated user address and is never dereferenced by the layer. */
#define __user
#define __iomem
#define __kernel
#define __force
#define __must_check __attribute__((warn_unused_result))
#define __always_unused __attribute__((unused))
#define __maybe_unused __attribute__((unused))
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define BIT(n) (1UL << (n))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif /* LX_LINUX_TYPES_H */
