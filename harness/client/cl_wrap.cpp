// SPDX-License-Identifier: Apache-2.0
//
// cl_wrap.cpp - the __wrap_ entry points a relinked client calls instead of
// libc's (wrapped-symbols.txt).  While a client's code runs, device calls
// go to its Session; everything else, and every call made while tpusim's
// own code runs, goes to the host as if nothing were wrapped.
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cl_session.h"

using tpusim::client::Session;

// glibc's, declared by <assert.h> only without NDEBUG.
extern "C" [[noreturn]] void __assert_fail(const char *expr, const char *file, unsigned line,
					   const char *func) noexcept;

namespace {

mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}

int open_any(const char *path, int flags, mode_t mode)
{
	Session *s = Session::active;

	if (s && s->is_device(path))
		return s->open(path);
	return ::open(path, flags, mode);
}

void *mmap_any(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	Session *s = Session::active;

	if (s && s->owns_fd(fd))
		return s->mmap(len, fd, static_cast<long>(off));
	return ::mmap(addr, len, prot, flags, fd, off);
}

} // namespace

extern "C" {

int __wrap_open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return open_any(path, flags, mode);
}

int __wrap_open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return open_any(path, flags | O_LARGEFILE, mode);
}

int __wrap_close(int fd)
{
	Session *s = Session::active;

	return s && s->owns_fd(fd) ? s->close(fd) : ::close(fd);
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	va_start(ap, req);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	Session *s = Session::active;

	return s && s->owns_fd(fd) ? s->ioctl(fd, req, arg) : ::ioctl(fd, req, arg);
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return mmap_any(addr, len, prot, flags, fd, off);
}

void *__wrap_mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return mmap_any(addr, len, prot, flags, fd, off);
}

int __wrap_munmap(void *addr, size_t len)
{
	Session *s = Session::active;

	return s && s->owns_map(addr, len) ? s->munmap(addr, len) : ::munmap(addr, len);
}

clock_t __wrap_clock(void)
{
	Session *s = Session::active;

	return s ? static_cast<clock_t>(s->clock_now()) : ::clock();
}

int __wrap_rand(void)
{
	Session *s = Session::active;

	return s ? static_cast<int>(s->random_next()) : ::rand();
}

long __wrap_random(void)
{
	Session *s = Session::active;

	return s ? s->random_next() : ::random();
}

void __wrap_srand(unsigned seed)
{
	Session *s = Session::active;

	if (s)
		s->random_seed(seed);
	else
		::srand(seed);
}

void __wrap_srandom(unsigned seed)
{
	__wrap_srand(seed);
}

[[noreturn]] void __wrap_exit(int status)
{
	Session *s = Session::active;

	if (!s)
		::exit(status);
	s->finish(status & 0xff, "");
}

[[noreturn]] void __wrap_abort(void)
{
	Session *s = Session::active;

	if (!s)
		::abort();
	s->finish(134, "abort()");
}

[[noreturn]] void __wrap___assert_fail(const char *expr, const char *file, unsigned line, const char *func)
{
	Session *s = Session::active;

	if (!s)
		__assert_fail(expr, file, line, func);
	// glibc's message, into the client's output.
	fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file, line, func, expr);
	s->finish(134, std::string("assertion failed: ") + expr + " (" + file + ":" + std::to_string(line) + ")");
}

} // extern "C"
