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

#include "load_sections.h"
#include "load_yaml.h"
#include "tpu/tdma_regs.h"

namespace tpusim::scn::load {

namespace {

struct ErrnoName {
	const char *name;
	int value;
};

const ErrnoName kErrnos[] = {
	{"EINVAL", EINVAL}, {"EBADF", EBADF},   {"EFAULT", EFAULT}, {"ENOTTY", ENOTTY},
	{"ETIMEDOUT", ETIMEDOUT}, {"ENOMEM", ENOMEM}, {"EIO", EIO}, {"EINTR", EINTR},
	{"EOPNOTSUPP", EOPNOTSUPP}, {"ENODEV", ENODEV}, {"EPERM", EPERM}, {"ENOENT", ENOENT},
	{"EBUSY", EBUSY},
};

std::vector<std::string> errno_names()
{
	std::vector<std::string> v;
	for (const auto &e : kErrnos)
		v.push_back(e.name);
	return v;
}

// "EINVAL" or "-EINVAL" -> EINVAL; 0 if unknown.
int errno_value(std::string s)
{
	if (!s.empty() && s[0] == '-')
		s.erase(0, 1);
	for (const auto &e : kErrnos)
		if (s == e.name)
			return e.value;
	return 0;
}

const char *const kValueHelp = "an integer >= 0 or \"$var\", \"$var+N\", \"$var-N\"";

bool get_value(Ctx &c, const Node *n, const std::string &what, const Scope &sc, Value &out)
{
	out = Value();
	out.mark = c.mark(n);
	if (!is_scalar(n)) {
		c.error(n, what + " must be " + kValueHelp + ", got " + describe(n));
		return false;
	}
	std::string s = text(n);
	if (s.empty() || s[0] != '$') {
		bool neg;
		uint64_t mag;
		if (!is_plain(n) || parse_integer(s, neg, mag) == IntParse::not_integer) {
			c.error(n, what + " must be " + kValueHelp + ", got " + describe(n));
			return false;
		}
		return get_int(c, n, what, 0, 0xffffffffLL, out.add);
	}
	size_t i = 1;
	while (i < s.size() && s[i] != '+' && s[i] != '-')
		i++;
	std::string var = s.substr(1, i - 1);
	int64_t off = 0;
	bool ok = is_ident(var);
	if (ok && i < s.size()) {
		std::string digits = s.substr(i + 1);
		ok = !digits.empty() && digits.size() <= 10 &&
		     digits.find_first_not_of("0123456789") == std::string::npos;
		if (ok) {
			off = std::stoll(digits);
			ok = off <= 0xffffffffLL;
			if (s[i] == '-')
				off = -off;
		}
	}
	if (!ok) {
		c.error(n, what + " must be " + kValueHelp + ", got " + describe(n));
		return false;
	}
	bool defined = false;
	for (const auto &v : sc.vars)
		defined = defined || v == var;
	if (sc.in_thread && (var == "thread" || var == "process"))
		defined = true;
	if (!defined) {
		std::vector<std::string> avail;
		for (const auto &v : sc.vars)
			avail.push_back("$" + v);
		if (sc.in_thread) {
			avail.push_back("$thread");
			avail.push_back("$process");
		}
		c.error(n, "undefined variable '$" + var + "' (" +
				   (avail.empty() ? std::string("no variables here: timed faults are outside threads")
						  : suggest("$" + var, avail) + "defined here: " + join(avail)) +
				   ")");
		return false;
	}
	out.var = var;
	out.add = off;
	return true;
}

// ---- steps ------------------------------------------------------------

struct Action {
	const char *key;
	Step::Kind kind;
	bool expect;   // takes an 'expect'
};

const Action kActions[] = {
	{"open", Step::Kind::open, true},        {"close", Step::Kind::close, true},
	{"dup", Step::Kind::dup, true},          {"submit", Step::Kind::submit, true},
	{"wait", Step::Kind::wait, true},        {"close_job", Step::Kind::close_job, true},
	{"free_job", Step::Kind::free_job, true}, {"sleep", Step::Kind::sleep, false},
	{"barrier", Step::Kind::barrier, false}, {"exit", Step::Kind::exit, false},
	{"ioctl", Step::Kind::ioctl, true},      {"fault", Step::Kind::fault, false},
	{"repeat", Step::Kind::repeat, false},   {"alloc", Step::Kind::alloc, true},
	{"free", Step::Kind::free, true},
};

#define ACTION_KEYS                                                                                  \
	"open", "close", "dup", "submit", "wait", "close_job", "free_job", "sleep", "barrier", "exit", \
		"ioctl", "fault", "repeat", "alloc", "free"

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
	bool fd_var(const Node *n, const std::string &what, std::string &out);
	bool seq_of(const Node *n, const char *action, Value &seq);

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

bool ThreadWalk::step(const Node *n, Step &s)
{
	s.mark = c_.mark(n);
	if (n && n->type == YAML_SCALAR_NODE && is_scalar(n)) {
		c_.error(n, "a step must be a mapping with one action (one of: " + join({ACTION_KEYS}) +
				    "), got " + describe(n));
		uncertain_ = true;
		return false;
	}
	Map m(c_, n, "step", {ACTION_KEYS, "as", "expect", "retries"});
	if (!m.ok()) {
		uncertain_ = true;
		return false;
	}
	const Entry *act = nullptr;
	for (const auto &e : m.entries()) {
		bool is_action = false;
		for (const auto &a : kActions)
			is_action = is_action || e.name == a.key;
		if (!is_action)
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
			c_.error(n, "step has no action (expected one of: " + join({ACTION_KEYS}) + ")");
		uncertain_ = true;
		return false;
	}
	const Action *info = nullptr;
	for (const auto &a : kActions)
		if (act->name == a.key)
			info = &a;
	s.kind = info->kind;

	bool ok = true;
	if (m.has("as") && s.kind != Step::Kind::open && s.kind != Step::Kind::dup) {
		c_.error(m.key_node("as"), "'as' applies to open and dup steps only, not to '" + act->name + "'");
		ok = false;
	}
	if (m.has("retries") && s.kind != Step::Kind::wait) {
		c_.error(m.key_node("retries"), "'retries' applies to wait steps only, not to '" + act->name + "'");
		ok = false;
	}
	if (m.has("expect") && !info->expect) {
		c_.error(m.key_node("expect"), "'expect' does not apply to a '" + act->name + "' step");
		ok = false;
	}
	bool acted = action(*act, m, s);
	if (!acted && (s.kind == Step::Kind::open || s.kind == Step::Kind::dup))
		uncertain_ = true;   // a variable may be missing because of this error
	ok = acted && ok;
	if (const Node *v = m.get("retries"); v && s.kind == Step::Kind::wait)
		ok = get_unsigned(c_, v, "'retries'", 0, 1000000, s.retries) && ok;
	if (const Node *v = m.get("expect"); v && info->expect)
		ok = expect(v, s, info->key, s.expect) && ok;
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

bool ThreadWalk::action(const Entry &e, const Map &m, Step &s)
{
	const Node *v = e.value;
	switch (s.kind) {
	case Step::Kind::open: {
		if (!get_word(c_, v, "'open'", {"tpu", "ion"}, s.dev))
			return false;
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
		Map im(c_, v, "'ioctl'", {"fd", "cmd", "arg"});
		if (!im.ok())
			return false;
		const Node *fd = im.require("fd");
		const Node *cmd = im.require("cmd");
		bool ok = fd && cmd;
		if (fd)
			ok = fd_var(fd, "'fd'", s.fd) && ok;
		int64_t cv = 0;
		if (cmd && get_int(c_, cmd, "'cmd'", 0, 0xffffffffLL, cv))
			s.ioctl_cmd = (uint32_t)cv;
		else
			ok = false;
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

bool ThreadWalk::expect(const Node *n, const Step &s, const char *action, Expect &e)
{
	e.mark = c_.mark(n);
	const bool is_wait = s.kind == Step::Kind::wait;
	if (n && n->type == YAML_MAPPING_NODE) {
		Map m(c_, n, "expect", {"job_error"});
		if (!m.ok())
			return false;
		const Node *v = m.require("job_error");
		if (!v)
			return false;
		if (!is_wait) {
			c_.error(m.key_node("job_error"), std::string("'job_error' applies to wait steps only, not to '") +
								  action + "'");
			return false;
		}
		std::string name;
		if (!get_string(c_, v, "'job_error'", name))
			return false;
		int err = errno_value(name);
		if (!err) {
			auto names = errno_names();
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
	int err = errno_value(w);
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

bool load_fault(Ctx &c, const Node *n, bool timed, const Scope &sc, Refs &refs, Fault &f)
{
	f.mark = c.mark(n);
	Map m(c, n, "fault",
	      {"at", "drop_irq", "spurious_irq", "stuck_irq", "hang", "tdma_status", "slow_dram", "fail_alloc",
	       "fail_kzalloc", "fail_request_irq", "signal", "corrupt_output"});
	if (!m.ok())
		return false;
	bool ok = true;
	if (timed) {
		if (const Node *at = m.require("at"))
			ok = get_duration(c, at, "'at'", f.at_ms);
		else
			ok = false;
	} else if (m.has("at")) {
		c.error(m.key_node("at"), "'at' is for the top-level 'faults' list; a fault step happens when "
					  "its thread reaches it");
		ok = false;
	}
	const Entry *kind = nullptr;
	for (const auto &e : m.entries()) {
		if (e.name == "at")
			continue;
		if (kind) {
			c.error(e.key, "a fault has exactly one kind; this one has '" + kind->name + "' and '" +
					       e.name + "'");
			return false;
		}
		kind = &e;
	}
	if (!kind) {
		if (m.had_unknown())
			return false;
		c.error(n, "fault has no kind (expected one of: drop_irq, spurious_irq, stuck_irq, hang, "
			   "tdma_status, slow_dram, fail_alloc, fail_kzalloc, fail_request_irq, signal, "
			   "corrupt_output)");
		return false;
	}
	const std::string &k = kind->name;
	const Node *v = kind->value;
	auto must_be_true = [&](Fault::Kind fk) {
		bool b;
		f.kind = fk;
		if (!get_bool(c, v, "'" + k + "'", b))
			return false;
		if (!b) {
			c.error(v, "'" + k + "' must be true (leave the fault out instead)");
			return false;
		}
		return true;
	};
	if (k == "drop_irq") {
		f.kind = Fault::Kind::drop_irq;
		ok = get_unsigned(c, v, "'drop_irq'", 1, 1000000, f.count) && ok;
	} else if (k == "spurious_irq") {
		ok = must_be_true(Fault::Kind::spurious_irq) && ok;
	} else if (k == "stuck_irq") {
		ok = must_be_true(Fault::Kind::stuck_irq) && ok;
	} else if (k == "hang") {
		f.kind = Fault::Kind::hang;
		Map hm(c, v, "'hang'", {"engine", "for"});
		if (!hm.ok())
			return false;
		const Node *eng = hm.require("engine");
		const Node *dur = hm.require("for");
		ok = ok && eng && dur;
		if (eng)
			ok = get_word(c, eng, "'engine'", {"tdma", "tiu"}, f.engine) && ok;
		if (dur) {
			if (is_plain(dur) && text(dur) == "forever") {
				f.duration_ms = 0;
			} else if (get_duration(c, dur, "'for'", f.duration_ms)) {
				if (f.duration_ms <= 0) {
					c.error(dur, "'for' must be greater than 0 (write 'forever' for a hang that "
						     "lasts until the engine is reset)");
					ok = false;
				}
			} else {
				ok = false;
			}
		}
	} else if (k == "tdma_status") {
		f.kind = Fault::Kind::tdma_status;
		std::string w = text(v);
		if (is_plain(v) && w == "buserr")
			f.bits = TDMA_INT_MASK_STATUS_BUSERR;
		else if (is_plain(v) && w == "decerr")
			f.bits = TDMA_INT_MASK_STATUS_DECERR;
		else if (is_plain(v) && w == "zero")
			f.bits = TDMA_INT_MASK_STATUS_ZERO;
		else {
			bool neg;
			uint64_t mag;
			if (is_plain(v) && parse_integer(w, neg, mag) != IntParse::not_integer) {
				int64_t bits;
				if (get_int(c, v, "'tdma_status' bits", 1, 0xffff, bits))
					f.bits = (uint32_t)bits;
				else
					ok = false;
			} else {
				c.error(v, "'tdma_status' must be buserr, decerr, zero or status bits 0x1..0xffff, "
					   "got " + describe(v));
				ok = false;
			}
		}
	} else if (k == "slow_dram") {
		f.kind = Fault::Kind::slow_dram;
		ok = get_double(c, v, "'slow_dram'", 1, 1e6, false, f.factor) && ok;
	} else if (k == "fail_alloc" || k == "fail_kzalloc" || k == "fail_request_irq") {
		f.kind = k == "fail_alloc" ? Fault::Kind::fail_alloc
			 : k == "fail_kzalloc" ? Fault::Kind::fail_kzalloc
					       : Fault::Kind::fail_request_irq;
		ok = get_unsigned(c, v, "'" + k + "'", 1, 1000000, f.count) && ok;
		if (f.kind == Fault::Kind::fail_request_irq && (!timed || (ok && f.at_ms != 0))) {
			c.error(kind->key, "'fail_request_irq' acts when the driver is probed: it must be a timed "
					   "fault with 'at: 0'");
			ok = false;
		}
	} else if (k == "signal") {
		f.kind = Fault::Kind::signal;
		if (get_string(c, v, "'signal'", f.thread))
			refs.threads.push_back({f.thread, c.mark(v)});
		else
			ok = false;
	} else if (k == "corrupt_output") {
		f.kind = Fault::Kind::corrupt_output;
		Map cm(c, v, "'corrupt_output'", {"seq", "thread"});
		if (!cm.ok())
			return false;
		const Node *seq = cm.require("seq");
		ok = ok && seq;
		if (seq)
			ok = get_value(c, seq, "'seq'", sc, f.seq) && ok;
		if (const Node *t = cm.get("thread")) {
			if (get_string(c, t, "'thread'", f.thread))
				refs.threads.push_back({f.thread, c.mark(t)});
			else
				ok = false;
		}
	}
	return ok;
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
		if (name && get_ident(c, name, "process 'name'", p.name)) {
			auto first = proc_names.find(p.name);
			if (first != proc_names.end())
				c.error(name, "duplicate process name '" + p.name + "' (first at " +
						      std::to_string(first->second.line) + ":" +
						      std::to_string(first->second.col) + ")");
			else
				proc_names.emplace(p.name, p.mark);
		} else if (name) {
			p.name = "?";
		}
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
			if (tname && get_ident(c, tname, "thread 'name'", t.name)) {
				auto first = thread_names.find(t.name);
				if (first != thread_names.end())
					c.error(tname, "duplicate thread name '" + t.name + "' in process '" + p.name +
							       "' (first at " + std::to_string(first->second.line) + ":" +
							       std::to_string(first->second.col) + ")");
				else
					thread_names.emplace(t.name, t.mark);
			} else {
				t.name = "?";
			}
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
