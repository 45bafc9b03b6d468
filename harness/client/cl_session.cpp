// SPDX-License-Identifier: Apache-2.0
//
// cl_session.cpp - a running client's fds, mappings and ioctl arguments,
// carried between its host memory and the simulated process.
#include "cl_session.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <iterator>
#include <sys/mman.h>
#include <unistd.h>

#include "ioctls.h"
#include "tpu/hx_sys.h"

namespace tpusim::client {

Session *Session::active = nullptr;

namespace {

// The client's stdout and stderr: one stream into ClientResult::output.
ssize_t stream_write(void *cookie, const char *buf, size_t len)
{
	auto *s = static_cast<Session *>(cookie);

	s->res.output.append(buf, len);
	if (s->spec.echo) {
		size_t done = 0;
		while (done < len) {
			ssize_t n = ::write(STDOUT_FILENO, buf + done, len - done);
			if (n <= 0)
				break;
			done += static_cast<size_t>(n);
		}
	}
	return static_cast<ssize_t>(len);
}

// The C++ standard streams of a client, onto its stdio stream.
class StdioBuf : public std::streambuf {
public:
	explicit StdioBuf(FILE *f) : f_(f) {}

protected:
	int_type overflow(int_type c) override
	{
		if (traits_type::eq_int_type(c, traits_type::eof()))
			return traits_type::not_eof(c);
		return fputc(traits_type::to_char_type(c), f_) == EOF ? traits_type::eof() : c;
	}
	std::streamsize xsputn(const char *s, std::streamsize n) override
	{
		return static_cast<std::streamsize>(fwrite(s, 1, static_cast<size_t>(n), f_));
	}
	int sync() override { return fflush(f_) == 0 ? 0 : -1; }

private:
	FILE *f_;
};

size_t page_round(size_t len)
{
	const size_t pg = static_cast<size_t>(sysconf(_SC_PAGESIZE));
	return (len + pg - 1) / pg * pg;
}

} // namespace

Session::Session(const ClientSpec &s, ClientResult &r) : spec(s), res(r)
{
	cookie_io_functions_t io = {};
	io.write = stream_write;
	stream_ = fopencookie(this, "w", io);
	if (stream_) {
		setvbuf(stream_, nullptr, _IOLBF, 0);
		cxx_buf_ = std::make_unique<StdioBuf>(stream_);
	}
	fegetenv(&client_env_);
	start_ns_ = hx_now_ns();
	initstate_r(1, rnd_state_, sizeof(rnd_state_), &rnd_);   // a fresh process's srand(1)
}

Session::~Session()
{
	if (inside())
		leave();
	if (stream_)
		fclose(stream_);
	if (scratch_)
		hx_ufree(scratch_);
}

void Session::enter()
{
	fegetenv(&sim_env_);
	saved_out_ = stdout;
	saved_err_ = stderr;
	stdout = stream_ ? stream_ : saved_out_;
	stderr = stream_ ? stream_ : saved_err_;
	if (cxx_buf_) {
		saved_cout_ = std::cout.rdbuf(cxx_buf_.get());
		saved_cerr_ = std::cerr.rdbuf(cxx_buf_.get());
		saved_clog_ = std::clog.rdbuf(cxx_buf_.get());
	}
	fesetenv(&client_env_);
	active = this;
}

void Session::leave()
{
	active = nullptr;
	fegetenv(&client_env_);
	fesetenv(&sim_env_);
	if (cxx_buf_) {
		std::cout.flush();
		std::cout.rdbuf(saved_cout_);
		std::cerr.rdbuf(saved_cerr_);
		std::clog.rdbuf(saved_clog_);
	}
	if (stream_)
		fflush(stream_);
	stdout = saved_out_;
	stderr = saved_err_;
}

void Session::finish(int status, const std::string &failure)
{
	if (inside())
		leave();
	res.status = status;
	if (res.failure.empty())
		res.failure = failure;
	std::longjmp(end, 1);
}

long Session::done(long rc)
{
	enter();
	if (rc < 0) {
		errno = static_cast<int>(-rc);
		return -1;
	}
	return rc;
}

bool Session::is_device(const char *path)
{
	return path && hx_access(path) == 0;
}

int Session::placeholder(int simfd)
{
	// A host fd of the client's own stands for each simulated one: the
	// numbers never collide with the host files the client opens itself,
	// and 0 is never handed out (runtimes take open() <= 0 as failure).
	int h = ::open("/dev/null", O_RDWR | O_CLOEXEC);
	if (h < 0)
		return -EMFILE;
	fds_[h] = simfd;
	return h;
}

int Session::open(const char *path)
{
	return static_cast<int>(done(routed([&]() -> long {
		long rc = hx_open(path);
		if (rc < 0)
			return rc;
		int h = placeholder(static_cast<int>(rc));
		if (h < 0)
			hx_close(static_cast<int>(rc));
		return h;
	})));
}

int Session::close(int hostfd)
{
	return static_cast<int>(done(routed([&]() -> long {
		long rc = hx_close(fds_[hostfd]);
		fds_.erase(hostfd);
		::close(hostfd);
		return rc;
	})));
}

void *Session::mmap(size_t len, int hostfd, long off)
{
	void *host = MAP_FAILED;
	long rc = routed([&]() -> long {
		uint64_t uaddr = 0;
		long r = off < 0 ? -EINVAL : hx_mmap(fds_[hostfd], len, static_cast<uint64_t>(off), &uaddr);
		if (r < 0)
			return r;
		Shadow sh;
		sh.len = len;
		sh.host_len = page_round(len);
		sh.uaddr = uaddr;
		host = ::mmap(nullptr, sh.host_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (host == MAP_FAILED) {
			hx_munmap(uaddr);
			return -ENOMEM;
		}
		sh.host = static_cast<uint8_t *>(host);
		sh.synced.resize(len);
		maps_[reinterpret_cast<uintptr_t>(host)] = std::move(sh);
		return r;
	});
	done(rc);
	return rc < 0 ? MAP_FAILED : host;
}

std::map<uintptr_t, Shadow>::const_iterator Session::map_in(const void *addr, size_t len) const
{
	const uintptr_t a = reinterpret_cast<uintptr_t>(addr);
	auto it = maps_.upper_bound(a);
	if (it != maps_.begin() && std::prev(it)->first + std::prev(it)->second.host_len > a)
		return std::prev(it);
	return it != maps_.end() && len > it->first - a ? it : maps_.end();
}

int Session::munmap(void *addr, size_t len)
{
	return static_cast<int>(done(routed([&]() -> long {
		auto it = maps_.find(map_in(addr, len)->first);
		if (it->first != reinterpret_cast<uintptr_t>(addr) || len < it->second.len) {
			// Unmapping a part would free part of the host shadow that
			// every call compares: refused, and the run is not a pass.
			if (res.failure.empty())
				res.failure = "munmap of part of a device mapping (" + std::to_string(len) +
					      " bytes at offset " +
					      std::to_string(reinterpret_cast<uintptr_t>(addr) - it->first) + " of " +
					      std::to_string(it->second.len) + "): not supported";
			return -EINVAL;
		}
		long rc = hx_munmap(it->second.uaddr);
		::munmap(it->second.host, it->second.host_len);
		maps_.erase(it);
		return rc;
	})));
}

int Session::ioctl(int hostfd, unsigned long req, void *arg)
{
	const unsigned cmd = static_cast<unsigned>(req);
	long rc = routed([&]() {
		res.ioctls++;
		return routed_ioctl(fds_[hostfd], cmd, arg);
	});
	count_failure(cmd, rc);
	return static_cast<int>(done(rc));
}

void Session::count_failure(unsigned cmd, long rc)
{
	if (rc >= 0) {
		fail_streak_ = 0;
		return;
	}
	fail_streak_ = cmd == fail_cmd_ && rc == fail_rc_ ? fail_streak_ + 1 : 1;
	fail_cmd_ = cmd;
	fail_rc_ = rc;
	if (spec.retry_limit && fail_streak_ >= spec.retry_limit)
		finish(137, std::string("stopped: ioctl ") + ioctl_name(cmd) + " failed with " + std::to_string(rc) +
				    " " + std::to_string(fail_streak_) + " times in a row (the client retries forever)");
}

uint64_t Session::scratch(size_t len)
{
	if (len > scratch_len_) {
		if (scratch_)
			hx_ufree(scratch_);
		scratch_len_ = std::max<size_t>(len, 4096);
		scratch_ = hx_umalloc(scratch_len_);
		if (!scratch_)
			scratch_len_ = 0;
	}
	return scratch_;
}

// The argument is copied into user memory and back, as the kernel would
// see it; fds and the one pointer an argument may hold are translated
// (IoctlLayout in harness/vocab/ioctls.h).  Commands no row names are copied
// by their _IOC size and direction.
long Session::routed_ioctl(int simfd, unsigned cmd, void *arg)
{
	const IoctlInfo *info = ioctl_info(cmd);
	const unsigned dir = cmd >> 30;    // _IOC_WRITE 1 (to the kernel), _IOC_READ 2
	const size_t bytes = info ? info->arg.bytes : (cmd >> 16) & 0x3fff;

	if (!arg || !bytes || !dir)
		return hx_ioctl(simfd, cmd, reinterpret_cast<uintptr_t>(arg));
	const IoctlLayout none = {0, -1, false, -1, -1, 0};
	const IoctlLayout &a = info ? info->arg : none;
	std::vector<uint8_t> buf(bytes);
	std::memcpy(buf.data(), arg, bytes);

	if (a.fd_off >= 0 && !a.fd_out && static_cast<size_t>(a.fd_off) + 4 <= bytes) {
		int32_t fd;
		std::memcpy(&fd, buf.data() + a.fd_off, 4);
		auto it = fds_.find(fd);
		fd = it != fds_.end() ? it->second : -1;   // not a device fd of ours: a bad fd
		std::memcpy(buf.data() + a.fd_off, &fd, 4);
	}
	uint64_t host_ptr = 0;
	size_t arr_len = 0;
	if (a.ptr_off >= 0) {
		uint32_t cnt;
		std::memcpy(&host_ptr, buf.data() + a.ptr_off, 8);
		std::memcpy(&cnt, buf.data() + a.count_off, 4);
		arr_len = host_ptr ? static_cast<size_t>(cnt) * a.elem : 0;
	}
	uint64_t u = scratch(bytes + arr_len);
	if (!u)
		return -ENOMEM;
	if (arr_len) {
		uint64_t uarr = u + bytes;
		hx_uwrite(uarr, reinterpret_cast<const void *>(host_ptr), arr_len);
		std::memcpy(buf.data() + a.ptr_off, &uarr, 8);
	}
	hx_uwrite(u, buf.data(), bytes);
	long rc = hx_ioctl(simfd, cmd, u);
	if (!(dir & 2))
		return rc;
	hx_uread(u, buf.data(), bytes);
	if (arr_len) {
		hx_uread(u + bytes, reinterpret_cast<void *>(host_ptr), arr_len);
		std::memcpy(buf.data() + a.ptr_off, &host_ptr, 8);
	}
	if (rc >= 0 && a.fd_off >= 0 && a.fd_out) {
		int32_t fd;
		std::memcpy(&fd, buf.data() + a.fd_off, 4);
		int h = placeholder(fd);
		if (h < 0) {
			hx_close(fd);
			return h;
		}
		std::memcpy(buf.data() + a.fd_off, &h, 4);
	}
	std::memcpy(arg, buf.data(), bytes);
	return rc;
}

// Only the bytes the client changed become stores: rewriting unchanged
// bytes would dirty lines it never wrote, and their write-back could
// clobber what the TPU wrote since.
void Session::push()
{
	for (auto &kv : maps_) {
		Shadow &s = kv.second;
		if (!std::memcmp(s.host, s.synced.data(), s.len))
			continue;
		size_t i = 0;
		while (i < s.len) {
			if (s.host[i] == s.synced[i]) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < s.len && s.host[j] != s.synced[j])
				j++;
			hx_uwrite(s.uaddr + i, s.host + i, j - i);
			std::memcpy(s.synced.data() + i, s.host + i, j - i);
			res.bytes_pushed += j - i;
			i = j;
		}
	}
}

void Session::pull()
{
	for (auto &kv : maps_) {
		Shadow &s = kv.second;
		if (hx_upeek(s.uaddr, s.synced.data(), s.len) == 0)
			std::memcpy(s.host, s.synced.data(), s.len);
	}
}

// clock() is the process's CPU time, which tpusim does not model: virtual
// time since the start, plus one tick per call, so that a loop reseeding
// from clock() until its draw fits sees a new seed each time.
long Session::clock_now()
{
	return static_cast<long>(spec.clock_base + (hx_now_ns() - start_ns_) / 1000 + ++clock_calls_);
}

long Session::random_next()
{
	int32_t r = 0;
	random_r(&rnd_, &r);
	return r;
}

void Session::random_seed(unsigned seed)
{
	srandom_r(seed, &rnd_);
}

void Session::release_all()
{
	push();
	for (auto &kv : maps_) {
		hx_munmap(kv.second.uaddr);
		::munmap(kv.second.host, kv.second.host_len);
	}
	maps_.clear();
	for (auto &kv : fds_) {
		hx_close(kv.second);
		::close(kv.first);
	}
	fds_.clear();
}

} // namespace tpusim::client
