/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hx_sys.h - system calls for simulated user threads: the user-side twin of
 * os.h (what the driver calls from the kernel side).
 *
 * What user space (the runtime library, scenario steps, tests) calls from a
 * user thread spawned by the sim-OS, which implements it
 * (harness/os/hx_sys.cpp).  Each call acts on the calling
 * thread's process and is a scheduling point.  Errors are negative errnos,
 * as the raw Linux syscalls return them.  User memory is the process's
 * simulated address space: arguments that the driver reads are placed there
 * (hx_umalloc + hx_uwrite) and passed as user addresses.
 */
#ifndef TPU_HX_SYS_H
#define TPU_HX_SYS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

int hx_open(const char *path);
int hx_close(int fd);
int hx_dup(int fd);
long hx_ioctl(int fd, unsigned int cmd, uint64_t uarg);
/* Map len bytes of fd at offset; 0 with *uaddr set, or -errno. */
long hx_mmap(int fd, uint64_t len, uint64_t offset, uint64_t *uaddr);
int hx_munmap(uint64_t uaddr);
long hx_read(int fd, uint64_t ubuf, size_t len);
long hx_write(int fd, uint64_t ubuf, size_t len);

/* User heap: a fresh region (never reused addresses); 0 on failure. */
uint64_t hx_umalloc(size_t len);
int hx_ufree(uint64_t uaddr);
/* CPU loads and stores of user memory; 0 or -EFAULT. */
int hx_uwrite(uint64_t uaddr, const void *src, size_t len);
int hx_uread(uint64_t uaddr, void *dst, size_t len);
/* What a CPU load would return, without being one: no cache line is
 * filled and no checker sees it (a host-side view of user memory kept in
 * step with the simulation, harness/client); 0 or -EFAULT. */
int hx_upeek(uint64_t uaddr, void *dst, size_t len);
/* 0 when a device node exists at path (access(2) with F_OK), else -ENOENT. */
int hx_access(const char *path);

uint64_t hx_gettid(void);
int hx_getpid(void);
/* Let virtual time pass (user-space sleep). */
void hx_usleep(uint64_t us);
/* Virtual time now, ns. */
uint64_t hx_now_ns(void);

#ifdef __cplusplus
}
#endif

#endif
