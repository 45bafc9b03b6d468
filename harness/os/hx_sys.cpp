// SPDX-License-Identifier: Apache-2.0
//
// hx_sys.cpp - user-thread system calls onto the VFS.
#include "tpu/hx_sys.h"

#include "simos.h"
#include "vfs.h"

using tpusim::Process;
using tpusim::SimOs;
using tpusim::SimThread;

// A system call: a scheduling point, then the call, bracketed so that an
// injected failure inside it can be held against what it returns
// (SimOs::syscall_exit).
static Process *enter(SimOs &os, const char *name)
{
	SimThread *t = os.current();

	os.sched_point();
	os.syscall_enter(t, name);
	return t->proc;
}

static long leave(SimOs &os, long rc)
{
	return os.syscall_exit(os.current(), rc);
}

extern "C" {

int hx_open(const char *path)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "open");

	return static_cast<int>(leave(os, p ? os.vfs().open(p, path) : -EPERM));
}

int hx_close(int fd)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "close");

	return static_cast<int>(leave(os, p ? os.vfs().close(p, fd) : -EPERM));
}

int hx_dup(int fd)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "dup");

	return static_cast<int>(leave(os, p ? os.vfs().dup(p, fd) : -EPERM));
}

long hx_ioctl(int fd, unsigned int cmd, uint64_t uarg)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "ioctl");

	return leave(os, p ? os.vfs().ioctl(p, fd, cmd, uarg) : -EPERM);
}

long hx_mmap(int fd, uint64_t len, uint64_t offset, uint64_t *uaddr)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "mmap");

	return leave(os, p ? os.vfs().mmap(p, fd, len, offset, uaddr) : -EPERM);
}

int hx_munmap(uint64_t uaddr)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "munmap");

	return static_cast<int>(leave(os, p ? os.vfs().unmap(p, uaddr) : -EPERM));
}

long hx_read(int fd, uint64_t ubuf, size_t len)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "read");

	return leave(os, p ? os.vfs().rw(p, fd, ubuf, len, &osal_file_ops::read) : -EPERM);
}

long hx_write(int fd, uint64_t ubuf, size_t len)
{
	SimOs &os = SimOs::get();
	Process *p = enter(os, "write");

	return leave(os, p ? os.vfs().rw(p, fd, ubuf, len, &osal_file_ops::write) : -EPERM);
}

uint64_t hx_umalloc(size_t len)
{
	SimOs &os = SimOs::get();
	Process *p = os.current()->proc;

	return p ? os.vfs().map_heap(p, len) : 0;
}

int hx_ufree(uint64_t uaddr)
{
	SimOs &os = SimOs::get();
	Process *p = os.current()->proc;

	return p ? os.vfs().unmap(p, uaddr) : -EPERM;
}

int hx_uwrite(uint64_t uaddr, const void *src, size_t len)
{
	SimOs &os = SimOs::get();

	return os.vfs().user_copy(os.current()->proc, uaddr, const_cast<void *>(src), len, true);
}

int hx_uread(uint64_t uaddr, void *dst, size_t len)
{
	SimOs &os = SimOs::get();

	return os.vfs().user_copy(os.current()->proc, uaddr, dst, len, false);
}

int hx_upeek(uint64_t uaddr, void *dst, size_t len)
{
	SimOs &os = SimOs::get();

	return os.vfs().user_peek(os.current()->proc, uaddr, dst, len);
}

int hx_access(const char *path)
{
	return SimOs::get().vfs().has_chrdev(path) ? 0 : -ENOENT;
}

uint64_t hx_gettid(void)
{
	return SimOs::get().current()->tid;
}

int hx_getpid(void)
{
	Process *p = SimOs::get().current()->proc;

	return p ? p->pid : 0;
}

void hx_usleep(uint64_t us)
{
	SimOs &os = SimOs::get();
	SimThread *t = os.current();
	sc_core::sc_time end = os.now() + sc_core::sc_time(static_cast<double>(us), sc_core::SC_US);

	while (os.now() < end)
		os.sleep(t, end - os.now(), false, "usleep");
}

uint64_t hx_now_ns(void)
{
	return static_cast<uint64_t>(SimOs::get().now().to_seconds() * 1e9 + 0.5);
}

} // extern "C"
