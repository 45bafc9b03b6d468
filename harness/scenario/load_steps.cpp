// SPDX-License-Identifier: Apache-2.0
//
// load_steps.cpp - the 'processes' section (processes, threads, steps with
// their expectations), fault mappings (as steps and as timed events), and
// <value>s that may name repeat variables.
//
// Steps are checked in program order per thread: an fd variable must have
// been opened (or dup'ed) by an earlier step of the same thread, a job must
// be declared, a $variable must belong to an enclosing repeat (or be
// $thread / $process).  Barriers and thread references are collected here
// and checked in check_refs() once every process is known.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <regex.h>
#include <sys/stat.h>

#include "load_sections.h"
#include "load_yaml.h"
#include "errnos.h"
#include "ioctls.h"

namespace tpusim::scn::load {

namespace {

// ---- steps ------------------------------------------------------------

constexpr unsigned kMaxRepeatDepth = 64;

class ThreadWalk {
public:
	ThreadWalk(Ctx &c, const Declared &decl, Refs &refs, const std::string &proc, const std::string &thread,
		   uint64_t replicas)
	    : c_(c), decl_(decl), refs_(refs), proc_(proc), thread_(thread), replicas_(replicas)
	{
		scope_.in_thread = true;
	}

	void steps(const Node *n, const std::string &what, std::vector<Step> &out);

private:
	bool step(const Node *n, Step &s);
	bool action(const Entry &e, const Map &m, Step &s);
	bool expect(const Node *n, const Step &s, const char *action, Expect &e);
	bool driver_expect(const Node *n, Step &s, const char *action);
	bool fd_var(const Node *n, const std::string &what, std::string &out);
	bool seq_of(const Node *n, const char *action, Value &seq);
	bool file_path(const Node *n, const std::string &key, const std::string &noun, const std::string &text,
		       std::string &out);
	bool ioctl_cmd(const Node *n, uint32_t &cmd);
	bool ioctl_check(const Node *n, const Node *arg, IoctlCheck &chk);
	bool get_regex(const Node *n, const std::string &what, std::string &out,
		       std::shared_ptr<const regex_t> &re);
	bool took(const Node *n, Step &s);
	bool took_bounds(const Node *n, Step &s);
	bool per_driver(const Node *n);

	Ctx &c_;
	const Declared &decl_;
	Refs &refs_;
	std::string proc_, thread_;
	uint64_t replicas_;
	Scope scope_;
	std::vector<std::string> fds_;   // opened so far, in order (for messages)
	std::set<std::string> fd_set_;   // the same, for lookups
	// An earlier step that might have opened an fd had an error: do not
	// report unknown fd variables again.
	bool uncertain_ = false;
	unsigned depth_ = 0;
};

void ThreadWalk::steps(const Node *n, const std::string &what, std::vector<Step> &out)
{
	std::vector<const Node *> items;
	if (!seq_items(c_, n, what, items))
		return;
	if (items.empty()) {
		c_.error(n, what + " must not be empty");
		return;
	}
	for (const Node *it : items) {
		if (!c_.spend_step(it))
			return;
		Step s;
		if (step(it, s))
			out.push_back(std::move(s));
	}
}

// The steps a flag applies to, for "'as' applies to open and dup steps only".
std::string steps_with(unsigned flag)
{
	std::vector<std::string> keys = step_table().keys_with(flag);
	std::string out;
	for (size_t i = 0; i < keys.size(); i++)
		out += (i == 0 ? "" : i + 1 == keys.size() ? " and " : ", ") + keys[i];
	return out + " steps only";
}

bool ThreadWalk::step(const Node *n, Step &s)
{
	const auto &table = step_table();
	s.mark = c_.mark(n);
	if (n && n->type == YAML_SCALAR_NODE && is_scalar(n)) {
		c_.error(n, "a step must be a mapping with one action (one of: " + join(table.keys()) +
				    "), got " + describe(n));
		uncertain_ = true;
		return false;
	}
	std::vector<std::string> keys = table.keys();
	keys.insert(keys.end(), {"as", "expect", "retries", "took"});
	Map m(c_, n, "step", keys);
	if (!m.ok()) {
		uncertain_ = true;
		return false;
	}
	const Entry *act = nullptr;
	for (const auto &e : m.entries()) {
		if (!table.find(e.name))
			continue;
		if (act) {
			c_.error(e.key, "a step has exactly one action; this one has '" + act->name + "' and '" +
						e.name + "'");
			uncertain_ = true;
			return false;
		}
		act = &e;
	}
	if (!act) {
		if (!m.had_unknown())
			c_.error(n, "step has no action (expected one of: " + join(table.keys()) + ")");
		uncertain_ = true;
		return false;
	}
	s.kind = table.find(act->name)->kind;
	const unsigned flags = table[s.kind].flags;

	bool ok = true;
	if (m.has("as") && !(flags & TPUSIM_STEP_AS)) {
		c_.error(m.key_node("as"), "'as' applies to " + steps_with(TPUSIM_STEP_AS) + ", not to '" +
						   act->name + "'");
		ok = false;
	}
	if (m.has("retries") && !(flags & TPUSIM_STEP_RETRIES)) {
		c_.error(m.key_node("retries"), "'retries' applies to " + steps_with(TPUSIM_STEP_RETRIES) +
							", not to '" + act->name + "'");
		ok = false;
	}
	if (m.has("expect") && !(flags & TPUSIM_STEP_EXPECT)) {
		c_.error(m.key_node("expect"), "'expect' does not apply to a '" + act->name + "' step");
		ok = false;
	}
	bool acted = action(*act, m, s);
	if (!acted && (flags & TPUSIM_STEP_AS))
		uncertain_ = true;   // a variable may be missing because of this error
	ok = acted && ok;
	if (const Node *v = m.get("retries"); v && (flags & TPUSIM_STEP_RETRIES))
		ok = get_unsigned(c_, v, "'retries'", 0, 1000000, s.retries) && ok;
	if (const Node *v = m.get("expect"); v && (flags & TPUSIM_STEP_EXPECT))
		ok = driver_expect(v, s, act->name.c_str()) && ok;
	if (const Node *v = m.get("took"))
		ok = took(v, s) && ok;
	return ok;
}

bool ThreadWalk::fd_var(const Node *n, const std::string &what, std::string &out)
{
	if (!get_ident(c_, n, what, out))
		return false;
	if (fd_set_.count(out))
		return true;
	if (uncertain_)
		return false;
	c_.error(n, "fd variable '" + out + "' is not opened by an earlier step of thread " + proc_ + "/" +
			    thread_ + " (" +
			    (fds_.empty() ? std::string("nothing is opened yet; use 'open: tpu' or 'open: ion'")
					  : suggest(out, fds_) + "opened: " + join(fds_)) +
			    ")");
	return false;
}

bool ThreadWalk::seq_of(const Node *n, const char *action, Value &seq)
{
	Map m(c_, n, std::string("'") + action + "'", {"seq"});
	if (!m.ok())
		return false;
	const Node *v = m.require("seq");
	return v && get_value(c_, v, "'seq'", scope_, seq);
}

// A file a step reads (a model, a client): ${NAME} takes the environment
// variable NAME; a relative path is relative to the scenario file's
// folder.  The file must exist now, so that a wrong path is an error at
// its line, not a failed run.
bool ThreadWalk::file_path(const Node *n, const std::string &key, const std::string &noun, const std::string &text,
			   std::string &out)
{
	std::string p;
	for (size_t i = 0; i < text.size();) {
		if (text.compare(i, 2, "${") != 0) {
			p += text[i++];
			continue;
		}
		const size_t end = text.find('}', i);
		if (end == std::string::npos) {
			c_.error(n, "'" + key + "': '${' without a closing '}'");
			return false;
		}
		const std::string name = text.substr(i + 2, end - i - 2);
		const char *val = getenv(name.c_str());
		if (!val || !*val) {
			c_.error(n, "'" + key + "': the environment variable '" + name + "' is not set");
			return false;
		}
		p += val;
		i = end + 1;
	}
	if (p.empty() || p[0] != '/') {
		const size_t slash = c_.file.rfind('/');
		if (slash != std::string::npos)
			p = c_.file.substr(0, slash + 1) + p;
	}
	struct stat st;
	if (stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
		c_.error(n, "'" + key + "': no " + noun + " '" + p + "'");
		return false;
	}
	out = p;
	return true;
}

// took: {min: DURATION, max: DURATION}, either may be left out.
// The keys of a per-driver form (expect:, took:): the driver words and
// "default".
static std::vector<std::string> per_driver_keys()
{
	std::vector<std::string> keys = driver_words();
	keys.push_back("default");
	return keys;
}

// A per-driver form is a mapping whose first key is one of those.
bool ThreadWalk::per_driver(const Node *n)
{
	if (!n || n->type != YAML_MAPPING_NODE || n->data.mapping.pairs.start >= n->data.mapping.pairs.top)
		return false;
	const Node *k = c_.child(n->data.mapping.pairs.start->key);
	const auto keys = per_driver_keys();
	return k && is_scalar(k) && std::find(keys.begin(), keys.end(), text(k)) != keys.end();
}

// took: {min, max}, or {<driver>: {min, max}, ..., default: ...}: bounds
// per driver (a driver not listed gets `default`, else no bound).
bool ThreadWalk::took(const Node *n, Step &s)
{
	if (!per_driver(n))
		return took_bounds(n, s);
	Map m(c_, n, "'took' (per driver)", per_driver_keys());
	if (!m.ok())
		return false;
	bool ok = true;
	for (const auto &e : m.entries()) {
		Step one;
		ok = took_bounds(e.value, one) && ok;
		s.took_by_driver[e.name] = {one.took_min_ms, one.took_max_ms};
	}
	s.took_mark = c_.mark(n);
	return ok && !m.had_unknown();
}

bool ThreadWalk::took_bounds(const Node *n, Step &s)
{
	s.took_mark = c_.mark(n);
	Map m(c_, n, "'took'", {"min", "max"});
	if (!m.ok())
		return false;
	if (m.entries().empty()) {
		if (!m.had_unknown())
			c_.error(n, "'took' needs 'min', 'max' or both");
		return false;
	}
	bool ok = true;
	if (const Node *v = m.get("min"))
		ok = get_duration(c_, v, "'min'", s.took_min_ms) && ok;
	if (const Node *v = m.get("max"))
		ok = get_duration(c_, v, "'max'", s.took_max_ms) && ok;
	if (ok && s.took_max_ms >= 0 && s.took_min_ms > s.took_max_ms) {
		c_.error(n, "'took': 'min' is above 'max'");
		ok = false;
	}
	return ok;
}

// An ioctl command by name (the vocab/ioctls.h table) or as any 32-bit
// number (raw numbers reach commands no table knows, as a fuzzer would).
bool ThreadWalk::ioctl_cmd(const Node *n, uint32_t &cmd)
{
	bool neg;
	uint64_t mag;
	if (is_plain(n) && parse_integer(text(n), neg, mag) != IntParse::not_integer) {
		int64_t v;
		if (!get_int(c_, n, "'cmd'", 0, 0xffffffffLL, v))
			return false;
		cmd = static_cast<uint32_t>(v);
		return true;
	}
	std::string name;
	if (!get_string(c_, n, "'cmd'", name))
		return false;
	unsigned v;
	if (!ioctl_by_name(name, v)) {
		const auto &names = ioctl_names();
		c_.error(n, "unknown ioctl " + quoted(name) + " (" + suggest(name, names) +
				    "expected a 32-bit number or one of: " + join(names) + ")");
		return false;
	}
	cmd = v;
	return true;
}

// check: {offset: BYTE, size: 1|2|4|8, min: N, max: N}: a value the
// driver copied out into the {bytes: [...]} argument.
bool ThreadWalk::ioctl_check(const Node *n, const Node *arg, IoctlCheck &chk)
{
	chk.mark = c_.mark(n);
	Map m(c_, n, "'check'", {"offset", "size", "min", "max"});
	if (!m.ok())
		return false;
	if (!m.has("min") && !m.has("max")) {
		if (!m.had_unknown())
			c_.error(n, "'check' needs 'min', 'max' or both");
		return false;
	}
	bool ok = true;
	int64_t off = 0, size = 8;
	if (const Node *v = m.get("offset"))
		ok = get_int(c_, v, "'offset'", 0, 4095, off) && ok;
	if (const Node *v = m.get("size")) {
		if (!get_int(c_, v, "'size'", 1, 8, size)) {
			ok = false;
		} else if (size & (size - 1)) {
			c_.error(v, "'size' must be 1, 2, 4 or 8, got " + std::to_string(size));
			ok = false;
		}
	}
	if (const Node *v = m.get("min"))
		ok = get_u64(c_, v, "'min'", chk.min) && ok;
	if (const Node *v = m.get("max"))
		ok = get_u64(c_, v, "'max'", chk.max) && ok;
	if (ok && chk.min > chk.max) {
		c_.error(n, "'check': 'min' is above 'max'");
		ok = false;
	}
	// Only a {bytes: [...]} argument is a buffer the step owns and can
	// read back, and the value must lie inside it.
	size_t have = 0;
	if (arg && arg->type == YAML_MAPPING_NODE && arg->data.mapping.pairs.start < arg->data.mapping.pairs.top) {
		const Node *k = c_.child(arg->data.mapping.pairs.start->key);
		const Node *b = c_.child(arg->data.mapping.pairs.start->value);
		if (k && is_scalar(k) && text(k) == "bytes") {
			if (b && b->type == YAML_SEQUENCE_NODE)
				have = static_cast<size_t>(b->data.sequence.items.top - b->data.sequence.items.start);
		} else {
			arg = nullptr;
		}
	} else {
		arg = nullptr;
	}
	if (!arg) {
		c_.error(n, "'check' reads the driver's answer from 'arg: {bytes: [...]}'; this ioctl has no such "
			    "argument");
		return false;
	}
	if (ok && static_cast<size_t>(off + size) > have) {
		c_.error(n, "'check': bytes " + std::to_string(off) + ".." + std::to_string(off + size - 1) +
				    " lie outside the " + std::to_string(have) + "-byte argument");
		ok = false;
	}
	chk.offset = static_cast<unsigned>(off);
	chk.size = static_cast<unsigned>(size);
	chk.on = ok;
	return ok;
}

// A POSIX extended regular expression, compiled now so that a bad one is
// an error at its line.
bool ThreadWalk::get_regex(const Node *n, const std::string &what, std::string &out,
			   std::shared_ptr<const regex_t> &re)
{
	if (!get_string(c_, n, what, out))
		return false;
	auto *r = new regex_t;
	const int rc = regcomp(r, out.c_str(), REG_EXTENDED | REG_NEWLINE | REG_NOSUB);
	if (rc) {
		char msg[256];
		regerror(rc, r, msg, sizeof(msg));
		delete r;
		c_.error(n, what + ": bad regular expression " + quoted(out) + ": " + msg);
		return false;
	}
	re.reset(r, [](const regex_t *p) {
		regfree(const_cast<regex_t *>(p));
		delete p;
	});
	return true;
}

bool ThreadWalk::action(const Entry &e, const Map &m, Step &s)
{
	const Node *v = e.value;
	switch (s.kind) {
	case Step::Kind::open: {
		// A device word, or any node the sim-OS has (a driver's /proc
		// file, another /dev node): a path gets no default variable.
		const bool path = is_scalar(v) && !text(v).empty() && text(v)[0] == '/';
		if (path) {
			if (!get_string(c_, v, "'open'", s.dev))
				return false;
			if (s.dev.size() > 255 || s.dev.find_first_of(std::string("\0\n", 2)) != std::string::npos) {
				c_.error(v, "'open': a path is at most 255 characters, on one line");
				return false;
			}
			if (!m.has("as")) {
				c_.error(m.node(), "an 'open' of a path needs 'as: <fd variable>'");
				return false;
			}
		} else if (is_scalar(v) && text(v).find('/') != std::string::npos) {
			c_.error(v, "'open' must be tpu, ion or an absolute path (/proc/..., /dev/...), got " +
					    quoted(text(v)));
			return false;
		} else if (!get_word(c_, v, "'open'", {"tpu", "ion"}, s.dev)) {
			return false;
		}
		s.as = s.dev;
		if (const Node *as = m.get("as"))
			if (!get_ident(c_, as, "'as'", s.as))
				return false;
		if (fd_set_.insert(s.as).second)
			fds_.push_back(s.as);
		return true;
	}
	case Step::Kind::close:
		return fd_var(v, "'close'", s.fd);
	case Step::Kind::free:
		return fd_var(v, "'free'", s.fd);
	case Step::Kind::alloc: {
		Map am(c_, v, "'alloc'", {"as", "size", "cached"});
		if (!am.ok())
			return false;
		const Node *as = am.require("as");
		const Node *size = am.require("size");
		bool ok = as && size;
		int64_t sz = 0;
		if (as && get_ident(c_, as, "'as'", s.as)) {
			if (fd_set_.insert(s.as).second)
				fds_.push_back(s.as);
		} else {
			ok = false;
		}
		if (size && get_int(c_, size, "'size'", 1, int64_t(1) << 30, sz))
			s.size = static_cast<uint64_t>(sz);
		else
			ok = false;
		if (const Node *cached = am.get("cached"))
			ok = get_bool(c_, cached, "'cached'", s.cached) && ok;
		return ok;
	}
	case Step::Kind::dup: {
		bool ok = fd_var(v, "'dup'", s.fd);
		const Node *as = m.get("as");
		if (!as) {
			c_.error(m.node(), "a dup step needs 'as: <new fd variable>'");
			return false;
		}
		if (!get_ident(c_, as, "'as'", s.as))
			return false;
		if (fd_set_.insert(s.as).second)
			fds_.push_back(s.as);
		return ok;
	}
	case Step::Kind::submit: {
		Map sm(c_, v, "'submit'", {"job", "seq"});
		if (!sm.ok())
			return false;
		const Node *job = sm.require("job");
		const Node *seq = sm.require("seq");
		bool ok = job && seq;
		if (job && get_ident(c_, job, "'job'", s.job)) {
			if (!decl_.jobs.count(s.job) && !decl_.jobs_incomplete) {
				std::vector<std::string> names(decl_.jobs.begin(), decl_.jobs.end());
				c_.error(job, "undefined job '" + s.job + "' (" +
						      (names.empty() ? std::string("the scenario has no 'jobs'")
								     : suggest(s.job, names) + "jobs: " + join(names)) +
						      ")");
				ok = false;
			} else if (!decl_.jobs.count(s.job)) {
				ok = false;
			}
		} else {
			ok = false;
		}
		if (seq)
			ok = get_value(c_, seq, "'seq'", scope_, s.seq) && ok;
		return ok;
	}
	case Step::Kind::model: {
		Map mm(c_, v, "'model'", {"file", "inputs", "seed", "iterations", "seq"});
		if (!mm.ok())
			return false;
		const Node *file = mm.require("file");
		std::string path;
		bool ok = file && get_string(c_, file, "'file'", path) && file_path(file, "file", "model file", path, s.model_file);
		if (const Node *in = mm.get("inputs")) {
			std::string w;
			ok = get_word(c_, in, "'inputs'", {"random", "zeros"}, w) && ok;
			s.model_zeros = w == "zeros";
		}
		if (const Node *seed = mm.get("seed"))
			ok = get_u64(c_, seed, "'seed'", s.model_seed) && ok;
		s.count = 1;
		if (const Node *it = mm.get("iterations"))
			ok = get_unsigned(c_, it, "'iterations'", 1, 1000, s.count) && ok;
		if (const Node *seq = mm.get("seq"))
			ok = get_value(c_, seq, "'seq'", scope_, s.seq) && ok;
		else
			s.seq.add = 1000000;
		return ok;
	}
	case Step::Kind::client: {
		Map cm(c_, v, "'client'", {"program", "args", "fail_on", "seed"});
		if (!cm.ok())
			return false;
		const Node *prog = cm.require("program");
		bool ok = prog && get_string(c_, prog, "'program'", s.client_program);
		// A path is the scenario's; a bare name is a build's client module,
		// found when the step runs.
		if (ok && s.client_program.find('/') != std::string::npos)
			ok = file_path(prog, "program", "client module", std::string(s.client_program), s.client_program);
		if (const Node *args = cm.get("args")) {
			std::vector<const Node *> items;
			ok = seq_items(c_, args, "'args'", items) && ok;
			for (const Node *a : items) {
				std::string w;
				ok = get_string(c_, a, "an argument", w) && ok;
				s.client_args.push_back(w);
			}
		}
		if (const Node *f = cm.get("fail_on"))
			ok = get_string(c_, f, "'fail_on'", s.client_fail_on) && ok;
		s.model_seed = 0;
		if (const Node *seed = cm.get("seed"))
			ok = get_u64(c_, seed, "'seed'", s.model_seed) && ok;
		return ok;
	}
	case Step::Kind::wait:
	case Step::Kind::close_job:
	case Step::Kind::free_job:
		return seq_of(v, e.name.c_str(), s.seq);
	case Step::Kind::sleep:
		return get_duration(c_, v, "'sleep'", s.duration_ms);
	case Step::Kind::barrier: {
		if (!get_ident(c_, v, "'barrier'", s.barrier))
			return false;
		BarrierUse &u = refs_.barriers[s.barrier];
		std::string me = proc_ + "/" + thread_;
		if (u.threads.empty()) {
			u.first = c_.mark(v);
			u.first_thread = me;
		}
		if (u.threads.insert(me).second)
			u.participants += replicas_;
		return true;
	}
	case Step::Kind::exit: {
		bool b;
		if (!get_bool(c_, v, "'exit'", b))
			return false;
		if (!b) {
			c_.error(v, "'exit' must be true (leave the step out instead)");
			return false;
		}
		return true;
	}
	case Step::Kind::ioctl: {
		Map im(c_, v, "'ioctl'", {"fd", "cmd", "arg", "check"});
		if (!im.ok())
			return false;
		const Node *fd = im.require("fd");
		const Node *cmd = im.require("cmd");
		bool ok = fd && cmd;
		if (fd)
			ok = fd_var(fd, "'fd'", s.fd) && ok;
		if (cmd)
			ok = ioctl_cmd(cmd, s.ioctl_cmd) && ok;
		if (const Node *chk = im.get("check"))
			ok = ioctl_check(chk, im.get("arg"), s.ioctl_check) && ok;
		const Node *arg = im.get("arg");
		IoctlArg &a = s.ioctl_arg;
		if (!arg || is_null(arg)) {
			a.kind = IoctlArg::Kind::null;
		} else if (is_scalar(arg) && text(arg) == "wild") {
			a.kind = IoctlArg::Kind::wild;
		} else if (arg->type == YAML_MAPPING_NODE) {
			Map am(c_, arg, "'arg'", {"bytes", "job_fd", "fd_ptr"});
			if (am.entries().size() != 1) {
				if (am.entries().empty() && am.had_unknown())
					return false;
				if (am.entries().empty())
					c_.error(arg, "'arg' must have exactly one of: bytes, job_fd, fd_ptr");
				else
					c_.error(am.entries()[1].key, "'arg' must have exactly one of bytes, job_fd, "
								      "fd_ptr; this one has '" +
								      am.entries()[0].name + "' and '" +
								      am.entries()[1].name + "'");
				return false;
			}
			const Entry &ae = am.entries()[0];
			if (ae.name == "bytes") {
				a.kind = IoctlArg::Kind::bytes;
				std::vector<const Node *> items;
				if (!seq_items(c_, ae.value, "'bytes'", items))
					return false;
				if (items.size() > 4096) {
					c_.error(ae.value, "'bytes' has " + std::to_string(items.size()) +
								   " elements (at most 4096)");
					return false;
				}
				for (const Node *it : items) {
					int64_t b;
					if (get_int(c_, it, "a byte", 0, 255, b))
						a.bytes.push_back((uint8_t)b);
					else
						ok = false;
				}
			} else if (ae.name == "job_fd") {
				a.kind = IoctlArg::Kind::job_fd;
				ok = get_value(c_, ae.value, "'job_fd'", scope_, a.seq) && ok;
			} else {
				a.kind = IoctlArg::Kind::fd_ptr;
				ok = fd_var(ae.value, "'fd_ptr'", a.fd_var) && ok;
			}
		} else {
			c_.error(arg, "'arg' must be null, wild, {bytes: [...]}, {job_fd: <seq>} or "
				      "{fd_ptr: <fd variable>}, got " + describe(arg));
			return false;
		}
		return ok;
	}
	case Step::Kind::read:
	case Step::Kind::write: {
		const bool is_read = s.kind == Step::Kind::read;
		const char *extra = is_read ? "match" : "text";
		Map rm(c_, v, "'" + e.name + "'", {"fd", "bytes", extra});
		if (!rm.ok())
			return false;
		const Node *fd = rm.require("fd");
		bool ok = fd != nullptr;
		if (fd)
			ok = fd_var(fd, "'fd'", s.fd) && ok;
		const Node *bytes = rm.get("bytes");
		const Node *txt = rm.get("text");
		if (bytes && txt) {
			c_.error(rm.key_node("text"), "'write' takes 'bytes' or 'text', not both");
			return false;
		}
		if (txt) {
			ok = get_string(c_, txt, "'text'", s.text) && ok;
			if (ok && (s.text.empty() || s.text.size() > 4096)) {
				c_.error(txt, "'text' has " + std::to_string(s.text.size()) + " bytes (1..4096)");
				ok = false;
			}
			s.has_text = true;
			s.size = s.text.size();
			return ok;
		}
		if (!bytes) {
			if (!rm.had_unknown())
				c_.error(v, std::string("'") + e.name + "' needs 'bytes'" + (is_read ? "" : " or 'text'"));
			return false;
		}
		int64_t n = 0;
		if (get_int(c_, bytes, "'bytes'", 1, 4096, n))
			s.size = static_cast<uint64_t>(n);
		else
			ok = false;
		if (const Node *re = rm.get("match"))
			ok = get_regex(re, "'match'", s.match, s.match_re) && ok;
		return ok;
	}
	case Step::Kind::suspend: {
		Map sm(c_, v, "'suspend'", {"for"});
		if (!sm.ok())
			return false;
		const Node *d = sm.require("for");
		return d && get_duration(c_, d, "'for'", s.duration_ms);
	}
	case Step::Kind::fault:
		return load_fault(c_, v, false, scope_, refs_, s.fault);
	case Step::Kind::repeat: {
		Map rm(c_, v, "'repeat'", {"count", "var", "steps"});
		if (!rm.ok())
			return false;
		if (depth_ >= kMaxRepeatDepth) {
			c_.error(v, "repeats are nested more than " + std::to_string(kMaxRepeatDepth) + " levels deep");
			return false;
		}
		const Node *count = rm.require("count");
		const Node *body = rm.require("steps");
		bool ok = count && body;
		if (count)
			ok = get_unsigned(c_, count, "'count'", 1, 10000000, s.count) && ok;
		s.var = "i";
		const Node *var = rm.get("var");
		if (var && !get_ident(c_, var, "'var'", s.var))
			return false;
		for (const auto &outer : scope_.vars)
			if (outer == s.var) {
				c_.error(var ? var : v, "repeat variable '" + s.var +
								"' shadows the variable of an enclosing repeat "
								"(give this one another name with 'var:')");
				return false;
			}
		if (s.var == "thread" || s.var == "process") {
			c_.error(var ? var : v, "repeat variable '" + s.var + "' shadows the built-in $" + s.var);
			return false;
		}
		if (!body)
			return false;
		scope_.vars.push_back(s.var);
		depth_++;
		size_t before = c_.errors();
		steps(body, "'steps' of repeat", s.body);
		depth_--;
		scope_.vars.pop_back();
		return ok && c_.errors() == before;
	}
	}
	return false;
}

// expect: one expectation, or {<driver>: <expectation>, ..., default: ...}
// (a mapping without job_error): one per driver of the platform parameter.
bool ThreadWalk::driver_expect(const Node *n, Step &s, const char *action)
{
	if (!per_driver(n))
		return expect(n, s, action, s.expect);
	Map m(c_, n, "expect (per driver)", per_driver_keys());
	if (!m.ok())
		return false;
	bool ok = true;
	for (const auto &e : m.entries())
		ok = expect(e.value, s, action, s.expect_by_driver[e.name]) && ok;
	return ok && !m.had_unknown();
}

bool ThreadWalk::expect(const Node *n, const Step &s, const char *action, Expect &e)
{
	e.mark = c_.mark(n);
	const bool is_wait = s.kind == Step::Kind::wait || s.kind == Step::Kind::model;
	if (n && n->type == YAML_MAPPING_NODE) {
		Map m(c_, n, "expect", {"job_error"});
		if (!m.ok())
			return false;
		const Node *v = m.require("job_error");
		if (!v)
			return false;
		if (!is_wait) {
			c_.error(m.key_node("job_error"), std::string("'job_error' applies to wait and model steps only, not to '") +
								  action + "'");
			return false;
		}
		std::string name;
		if (!get_string(c_, v, "'job_error'", name))
			return false;
		int err = errno_by_name(name);
		if (!err) {
			const auto &names = errno_names();
			c_.error(v, "unknown errno " + quoted(name) + " (" + suggest(name, names) + "expected one of: " +
					    join(names) + ")");
			return false;
		}
		e.kind = Expect::Kind::job_error;
		e.err = err;
		return true;
	}
	std::string w;
	if (!is_scalar(n)) {
		c_.error(n, "'expect' must be ok, timeout, any, an errno name (EINVAL, ...) or {job_error: "
			    "<errno>}, got " + describe(n));
		return false;
	}
	w = text(n);
	if (w == "ok") {
		e.kind = Expect::Kind::ok;
		return true;
	}
	if (w == "any") {
		e.kind = Expect::Kind::any;
		return true;
	}
	int err = errno_by_name(w);
	if (w == "timeout" || (is_wait && err == ETIMEDOUT)) {
		if (!is_wait) {
			c_.error(n, std::string("'expect: timeout' applies to wait steps only, not to '") + action +
					    "' (expect ETIMEDOUT if the call itself returns it)");
			return false;
		}
		e.kind = Expect::Kind::timeout;
		e.err = ETIMEDOUT;
		return true;
	}
	if (!err) {
		auto names = errno_names();
		names.insert(names.begin(), {"ok", "timeout", "any"});
		c_.error(n, "unknown expectation " + quoted(w) + " (" + suggest(w, names) + "expected one of: " +
				    join(names) + ", or {job_error: <errno>})");
		return false;
	}
	e.kind = Expect::Kind::error;
	e.err = err;
	return true;
}

// ---- processes --------------------------------------------------------

constexpr uint64_t kMaxThreads = 4096;

} // namespace

// Records name (what it names) at mark; a repeat is reported, with where the first was.
static void unique_name(Ctx &c, const Node *at, const Mark &mark, const std::string &what,
			const std::string &name, std::map<std::string, Mark> &names)
{
	auto first = names.emplace(name, mark);
	if (!first.second)
		c.error(at, "duplicate " + what + " (first at " + std::to_string(first.first->second.line) + ":" +
				    std::to_string(first.first->second.col) + ")");
}

void load_processes(Ctx &c, const Node *n, const Declared &decl, Refs &refs, std::vector<Process> &out)
{
	std::vector<const Node *> items;
	if (!seq_items(c, n, "'processes'", items))
		return;
	if (items.empty()) {
		c.error(n, "'processes' must not be empty: a scenario needs at least one process");
		return;
	}
	uint64_t total = 0;
	bool total_reported = false;
	std::map<std::string, Mark> proc_names;
	for (const Node *pn : items) {
		Map pm(c, pn, "process", {"name", "count", "threads"});
		if (!pm.ok())
			continue;
		Process p;
		p.mark = c.mark(pn);
		const Node *name = pm.require("name");
		if (name && get_ident(c, name, "process 'name'", p.name))
			unique_name(c, name, p.mark, "process name '" + p.name + "'", p.name, proc_names);
		else if (name)
			p.name = "?";
		if (const Node *v = pm.get("count"))
			get_unsigned(c, v, "process 'count'", 1, 1024, p.count);
		const Node *threads = pm.require("threads");
		std::map<std::string, Mark> thread_names;
		std::vector<const Node *> tl;
		if (threads && seq_items(c, threads, "'threads'", tl) && tl.empty())
			c.error(threads, "'threads' of process '" + p.name + "' must not be empty");
		for (const Node *tn : tl) {
			Map tm(c, tn, "thread", {"name", "count", "steps"});
			if (!tm.ok())
				continue;
			Thread t;
			t.mark = c.mark(tn);
			const Node *tname = tm.require("name");
			if (tname && get_ident(c, tname, "thread 'name'", t.name))
				unique_name(c, tname, t.mark, "thread name '" + t.name + "' in process '" + p.name + "'",
					    t.name, thread_names);
			else
				t.name = "?";
			if (const Node *v = tm.get("count"))
				get_unsigned(c, v, "thread 'count'", 1, 1024, t.count);
			total += (uint64_t)p.count * t.count;
			if (total > kMaxThreads && !total_reported) {
				total_reported = true;
				c.error(tn, "too many threads: the processes so far have " + std::to_string(total) +
						    " thread replicas in total (at most " + std::to_string(kMaxThreads) +
						    ")");
			}
			if (const Node *steps = tm.require("steps")) {
				ThreadWalk w(c, decl, refs, p.name, t.name, (uint64_t)p.count * t.count);
				w.steps(steps, "'steps' of thread '" + t.name + "'", t.steps);
			}
			p.threads.push_back(std::move(t));
		}
		out.push_back(std::move(p));
	}
}

} // namespace tpusim::scn::load
