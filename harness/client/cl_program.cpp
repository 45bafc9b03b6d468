// SPDX-License-Identifier: Apache-2.0
//
// cl_program.cpp - find a client module, load a fresh instance of it, run
// its main() and judge the run.
#include <cstring>
#include <dlfcn.h>
#include <filesystem>
#include <fcntl.h>
#include <regex.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "cl_session.h"
#include "program_dir.h"

namespace tpusim::client {

namespace {

bool is_file(const std::string &p)
{
	struct stat st;
	return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string in_dir(const std::string &dir, const std::string &name)
{
	for (const std::string &n : {name, name + ".so"})
		if (is_file(dir + "/" + n))
			return dir + "/" + n;
	return "";
}

// A module's globals live as long as it is loaded, and a client expects
// the state of a fresh process: every run after the first of the same
// file loads a private copy.  The file is known by its device and inode,
// as dlopen knows it: dlopen shares one instance per file, however its
// path is spelled ($TPUSIM_CLIENT_PATH is not canonicalised, a symlink).
void *load_fresh(const std::string &path, std::string &error)
{
	static std::set<std::pair<dev_t, ino_t>> used;
	struct stat st;
	if (stat(path.c_str(), &st) != 0) {
		error = "cannot stat " + path + ": " + strerror(errno);
		return nullptr;
	}
	std::string load = path;
	std::string copy;
	if (!used.insert({st.st_dev, st.st_ino}).second) {
		const char *tmp = getenv("TMPDIR");
		copy = std::string(tmp && *tmp ? tmp : "/tmp") + "/tpusim-client-XXXXXX";
		int out = mkstemp(copy.data());
		std::error_code ec;
		if (out >= 0)
			::close(out);
		if (out < 0 || !std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing,
							   ec)) {
			if (out >= 0)
				unlink(copy.c_str());
			error = "cannot copy " + path + " to " + copy + ": " +
				(out < 0 ? std::string(strerror(errno)) : ec.message());
			return nullptr;
		}
		load = copy;
	}
	void *h = dlopen(load.c_str(), RTLD_NOW | RTLD_LOCAL);
	if (!copy.empty())
		unlink(copy.c_str());
	if (!h)
		error = dlerror();
	return h;
}

// The verdict: exit status 0 and no output line matching the pattern.
void judge(const ClientSpec &s, ClientResult &r)
{
	if (!r.failure.empty())
		return;
	if (r.status != 0) {
		r.failure = "exit status " + std::to_string(r.status);
		return;
	}
	if (s.fail_pattern.empty())
		return;
	regex_t re;
	if (regcomp(&re, s.fail_pattern.c_str(), REG_EXTENDED | REG_ICASE | REG_NOSUB)) {
		r.failure = "bad fail pattern '" + s.fail_pattern + "'";
		return;
	}
	size_t at = 0;
	while (at < r.output.size() && r.failure.empty()) {
		size_t nl = r.output.find('\n', at);
		std::string line = r.output.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
		if (regexec(&re, line.c_str(), 0, nullptr, 0) == 0)
			r.failure = "output line matches '" + s.fail_pattern + "': " + line;
		at = nl == std::string::npos ? r.output.size() : nl + 1;
	}
	regfree(&re);
}

} // namespace

std::string last_lines(const std::string &output, unsigned n)
{
	size_t from = output.size();
	if (from && output[from - 1] == '\n')
		from--;
	for (unsigned i = 0; i < n && from > 0; i++) {
		size_t nl = output.rfind('\n', from - 1);
		from = nl == std::string::npos ? 0 : nl;
	}
	std::string tail = output.substr(from && output[from] == '\n' ? from + 1 : from);
	while (!tail.empty() && tail.back() == '\n')
		tail.pop_back();
	for (char &c : tail)
		if (c == '\n')
			c = '|';
	return tail;
}

std::string find_client(const std::string &program)
{
	if (program.find('/') != std::string::npos || is_file(program)) {
		// dlopen searches the library path for a name without a slash.
		char *abs = is_file(program) ? realpath(program.c_str(), nullptr) : nullptr;
		std::string r = abs ? abs : "";
		free(abs);
		return r;
	}
	if (const char *path = getenv("TPUSIM_CLIENT_PATH")) {
		std::string all = path;
		size_t at = 0;
		while (at <= all.size()) {
			size_t colon = all.find(':', at);
			std::string dir = all.substr(at, colon == std::string::npos ? std::string::npos : colon - at);
			std::string hit = dir.empty() ? "" : in_dir(dir, program);
			if (!hit.empty())
				return hit;
			if (colon == std::string::npos)
				break;
			at = colon + 1;
		}
	}
	// The build tree: harness/tpusim finds clients/ beside harness/.
	const std::string dir = program_dir();
	for (const std::string &d : {dir + "/clients", dir.substr(0, dir.rfind('/')) + "/clients"}) {
		std::string hit = in_dir(d, program);
		if (!hit.empty())
			return hit;
	}
	return "";
}

std::string no_client(const std::string &program)
{
	return "no client module '" + program + "' (a path, or NAME[.so] in $TPUSIM_CLIENT_PATH or the build's "
	       "clients/ folder)";
}

ClientResult run_client(const ClientSpec &s)
{
	ClientResult r;
	const std::string path = find_client(s.program);
	if (path.empty()) {
		r.failure = no_client(s.program);
		return r;
	}
	std::string error;
	void *h = load_fresh(path, error);
	if (!h) {
		r.failure = "cannot load client " + path + ": " + error;
		return r;
	}
	using Main = int (*)(int, char **);
	auto main_fn = reinterpret_cast<Main>(dlsym(h, "main"));
	if (!main_fn) {
		r.failure = "client " + path + " has no main()";
		return r;
	}
	r.loaded = true;

	std::vector<std::string> argv_s = {path};
	argv_s.insert(argv_s.end(), s.args.begin(), s.args.end());
	std::vector<char *> argv;
	for (std::string &a : argv_s)
		argv.push_back(a.data());
	argv.push_back(nullptr);

	// Heap-allocated: locals changed between setjmp and longjmp are lost.
	auto *session = new Session(s, r);
	if (setjmp(session->end) == 0) {
		session->enter();
		int rc = main_fn(static_cast<int>(argv.size() - 1), argv.data());
		session->leave();
		r.status = rc & 0xff;
	}
	session->release_all();
	delete session;
	judge(s, r);
	return r;
}

} // namespace tpusim::client
