// SPDX-License-Identifier: Apache-2.0
//
// check_scenario_load.cpp - the scenario loader (harness/scenario/load*.cpp).
//
//   check_scenario_load          suite "load":
//     examples  every scenarios/examples/*.yaml loads without a diagnostic;
//     facts     hand-checked facts of the examples' in-memory form;
//     docs      every complete scenario in docs/scenarios.md loads;
//     units     the scalar parsers, Diag::str, hostile inputs (deep
//               nesting, alias bombs, huge numbers, NUL bytes, no file);
//     bad       every tests/scenario/bad/*.yaml is rejected with exactly one
//               diagnostic, at the position and with the message fragment
//               its first line gives: "# expect: LINE:COL: fragment".
//   check_scenario_load fuzz     suite "fuzz": 2000 seeded mutations of the
//               examples never crash the loader, and every rejection names
//               the file and a line:col inside it.
#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load_yaml.h"
#include "rng.h"
#include "scenario.h"

// Last: check.h (through check_main.h) defines a fail() macro that clashes
// with std::ios::fail.
#include "check_main.h"

using namespace tpusim::scn;

namespace {

std::vector<std::string> yaml_files(const std::string &dir)
{
	std::vector<std::string> out;
	if (DIR *d = opendir(dir.c_str())) {
		while (dirent *e = readdir(d)) {
			std::string n = e->d_name;
			if (n.size() > 5 && n.compare(n.size() - 5, 5, ".yaml") == 0)
				out.push_back(dir + "/" + n);
		}
		closedir(d);
	}
	std::sort(out.begin(), out.end());
	return out;
}

std::string slurp(const std::string &path)
{
	std::ifstream f(path, std::ios::binary);
	std::ostringstream ss;
	ss << f.rdbuf();
	return ss.str();
}

// "<digits>:<digits>: " at s[at...]: the two numbers and the index after
// the ": ", or false.  (std::regex trips -Wmaybe-uninitialized in GCC 12.)
bool line_col(const std::string &s, size_t at, long &line, long &col, size_t &rest)
{
	size_t i = at, j;
	for (j = i; j < s.size() && isdigit((unsigned char)s[j]); j++)
		;
	if (j == i || j - i > 9 || j >= s.size() || s[j] != ':')
		return false;
	line = std::stol(s.substr(i, j - i));
	i = j + 1;
	for (j = i; j < s.size() && isdigit((unsigned char)s[j]); j++)
		;
	if (j == i || j - i > 9 || s.compare(j, 2, ": ") != 0)
		return false;
	col = std::stol(s.substr(i, j - i));
	rest = j + 2;
	return true;
}

std::vector<std::string> split_lines(const std::string &t)
{
	std::vector<std::string> v;
	std::stringstream ss(t);
	std::string l;
	while (std::getline(ss, l))
		v.push_back(l);
	return v;
}

std::string all_diags(const std::vector<Diag> &d)
{
	std::string s;
	for (const auto &x : d)
		s += "\n  " + x.str();
	return s;
}

// path, or the example of that name, loaded without a diagnostic.
Scenario load_example(const std::string &name)
{
	Scenario s;
	std::vector<Diag> d;
	std::string path = name.find('/') == std::string::npos ? std::string(SCN_EXAMPLES_DIR) + "/" + name : name;
	bool ok = load_scenario(path, s, d);
	ck_assert_msg(ok && d.empty(), "%s does not load:%s", path.c_str(), all_diags(d).c_str());
	return s;
}

const Step &step(const Scenario &s, size_t p, size_t t, size_t i)
{
	ck_assert_uint_gt(s.processes.size(), p);
	ck_assert_uint_gt(s.processes[p].threads.size(), t);
	ck_assert_uint_gt(s.processes[p].threads[t].steps.size(), i);
	return s.processes[p].threads[t].steps[i];
}

} // namespace

// ---- examples ---------------------------------------------------------

START_TEST(examples_load)
{
	auto files = yaml_files(SCN_EXAMPLES_DIR);
	ck_assert_uint_ge(files.size(), 7);
	for (const auto &f : files) {
		Scenario s = load_example(f);
		ck_assert_str_eq(s.file.c_str(), f.c_str());
		ck_assert(!s.name.empty() && !s.description.empty() && !s.processes.empty());
	}
}
END_TEST

START_TEST(facts_basic)
{
	Scenario s = load_example("basic.yaml");
	ck_assert_str_eq(s.name.c_str(), "examples.basic");
	ck_assert_int_eq(s.schema, 1);
	// Only what the file sets: the rest keeps the model's and the sim-OS's
	// defaults.
	ck_assert(s.platform.chip() == "cv181x");
	ck_assert(!s.platform.has(tpusim::PlatformKey::dram_efficiency));
	ck_assert_uint_eq(s.jobs.size(), 1);
	const Job &j = s.jobs.at("add");
	ck_assert_uint_eq(j.tensors.size(), 3);
	ck_assert_str_eq(j.tensors[0].name.c_str(), "x");       // file order
	ck_assert_str_eq(j.tensors[2].name.c_str(), "out");
	ck_assert(j.tensors[2].output && !j.tensors[0].output);
	ck_assert_uint_eq(j.tensors[0].c, 16);
	ck_assert_uint_eq(j.tensors[0].w, 4);
	ck_assert(j.tensors[0].data.kind == Data::Kind::ramp && j.tensors[0].data.seed == 0);
	ck_assert(j.tensors[1].data.kind == Data::Kind::random && j.tensors[1].data.seed == 42);
	ck_assert_uint_eq(j.ops.size(), 4);
	ck_assert(j.ops[0].kind == Op::Kind::load && j.ops[0].tensor == "x");
	ck_assert(j.ops[2].kind == Op::Kind::add && j.ops[2].res == "z" && j.ops[2].b == "y");
	ck_assert(!j.ops[2].b_is_scalar);
	ck_assert_uint_eq(j.ops[2].rshift, 1);
	ck_assert(j.ops[3].kind == Op::Kind::store && j.ops[3].from == "z" && j.ops[3].to == "out");
	ck_assert_int_eq(j.ops[2].mark.line, 20);
	ck_assert_int_eq(j.ops[2].mark.col, 9);
	ck_assert_uint_eq(s.processes.size(), 1);
	ck_assert_str_eq(s.processes[0].name.c_str(), "app");
	ck_assert(step(s, 0, 0, 0).kind == Step::Kind::open && step(s, 0, 0, 0).dev == "tpu" &&
		  step(s, 0, 0, 0).as == "tpu");
	const Step &sub = step(s, 0, 0, 1);
	ck_assert(sub.kind == Step::Kind::submit && sub.job == "add" && sub.seq.var.empty() && sub.seq.add == 1);
	ck_assert(sub.expect.kind == Expect::Kind::ok);
	ck_assert_int_eq(sub.mark.line, 28);
	ck_assert_int_eq(sub.mark.col, 13);
	ck_assert(step(s, 0, 0, 3).kind == Step::Kind::close && step(s, 0, 0, 3).fd == "tpu");
	ck_assert(s.faults.empty() && s.expect.findings.empty());
}
END_TEST

START_TEST(facts_many_threads)
{
	Scenario s = load_example("many_threads.yaml");
	ck_assert_uint_eq(s.seed, 7);
	ck_assert(s.perturb == 0.1);
	ck_assert(s.platform.get(tpusim::PlatformKey::harts, 0) == 2);
	ck_assert_uint_eq(s.platform.set.size(), 1);
	ck_assert_uint_eq(s.processes[0].count, 2);
	ck_assert_uint_eq(s.processes[0].threads[0].count, 8);
	const Job &j = s.jobs.at("mul");
	ck_assert(j.tensors[0].is_signed && j.tensors[0].data.seed == 100);
	ck_assert(j.ops[1].kind == Op::Kind::mul && j.ops[1].b_is_scalar && j.ops[1].b_scalar == -3);
	ck_assert(j.ops[1].relu && j.ops[1].rshift == 2);
	ck_assert(step(s, 0, 0, 1).kind == Step::Kind::barrier && step(s, 0, 0, 1).barrier == "start");
	const Step &outer = step(s, 0, 0, 2);
	ck_assert(outer.kind == Step::Kind::repeat && outer.count == 50 && outer.var == "round");
	ck_assert_uint_eq(outer.body.size(), 2);
	const Step &inner = outer.body[1];
	ck_assert(inner.kind == Step::Kind::repeat && inner.count == 4 && inner.var == "k");
	ck_assert(inner.body[0].kind == Step::Kind::wait && inner.body[0].seq.var == "k" &&
		  inner.body[0].seq.add == 0);
	const Step &last = step(s, 0, 0, 4);
	ck_assert(last.kind == Step::Kind::wait && last.seq.var == "thread" && last.seq.add == 1000);
	ck_assert(s.expect.max_sim_time_ms == 60000);
}
END_TEST

START_TEST(facts_faults)
{
	// As the project driver runs it (some steps expect per driver).
	Scenario s = for_driver(load_example("faults.yaml"), "project");
	ck_assert_uint_eq(s.faults.size(), 2);
	ck_assert(s.faults[0].kind == Fault::Kind::slow_dram && s.faults[0].at_ms == 0 && s.faults[0].factor == 4 &&
		  !s.faults[0].armed);
	// Armed on an event: at 0 unless 'at' says otherwise.
	const Fault &sig = s.faults[1];
	ck_assert(sig.kind == Fault::Kind::signal && sig.at_ms == 0 && sig.thread == "app/waiter" && sig.armed &&
		  sig.on.kind == Trigger::Kind::in_driver && sig.on.thread == "app/waiter" && sig.on.count == 1);
	ck_assert_uint_eq(s.jobs.at("long").repeat_ops, 8);
	ck_assert(s.jobs.at("long").ops[1].kind == Op::Kind::or_);
	const Step &f0 = step(s, 0, 0, 1);
	ck_assert(f0.kind == Step::Kind::fault && f0.fault.kind == Fault::Kind::drop_irq && f0.fault.count == 1 &&
		  f0.fault.at_ms == -1 && !f0.fault.armed);
	const Step &w = step(s, 0, 0, 3);
	ck_assert(w.kind == Step::Kind::wait && w.retries == 1 && w.expect.kind == Expect::Kind::ok);
	const Step &h = step(s, 0, 0, 4);
	ck_assert(h.fault.kind == Fault::Kind::hang && h.fault.engine == "tiu" && h.fault.duration_ms == 0);
	ck_assert(h.fault.armed && h.fault.at_ms == -1 && h.fault.on.kind == Trigger::Kind::descriptor &&
		  h.fault.on.engine == "tiu" && h.fault.on.has_seq && h.fault.on.seq.add == 2 &&
		  h.fault.on.count == 1 && h.fault.on.thread.empty());
	ck_assert(step(s, 0, 0, 5).kind == Step::Kind::submit && step(s, 0, 0, 5).seq.add == 2);
	const Step &w2 = step(s, 0, 0, 6);
	ck_assert(w2.retries == 2 && w2.expect.kind == Expect::Kind::job_error && w2.expect.err == ETIMEDOUT);
	const Step &ts = step(s, 0, 0, 7);
	ck_assert(ts.fault.kind == Fault::Kind::tdma_status && ts.fault.bits == 0x2 && ts.fault.armed &&
		  ts.fault.on.engine == "tdma" && ts.fault.on.seq.add == 3 && ts.fault.on.count == 2);
	ck_assert(step(s, 0, 0, 9).expect.kind == Expect::Kind::job_error && step(s, 0, 0, 9).expect.err == EIO);
	ck_assert(step(s, 0, 0, 10).fault.kind == Fault::Kind::spurious_irq);
	const Step &fa = step(s, 0, 0, 11);
	ck_assert(fa.fault.kind == Fault::Kind::fail_alloc && fa.fault.count == 1);
	ck_assert(step(s, 0, 0, 12).expect.kind == Expect::Kind::error && step(s, 0, 0, 12).expect.err == ENOMEM);
	const Step &ww = step(s, 0, 1, 1);
	ck_assert(ww.kind == Step::Kind::wait && ww.seq.add == 99 && ww.expect.kind == Expect::Kind::error &&
		  ww.expect.err == EINTR);
	ck_assert_uint_eq(s.expect.log_contains.size(), 2);
	ck_assert_str_eq(s.expect.log_contains[0].c_str(), "not delivered");
	ck_assert(s.expect.findings.empty() && s.expect.max_sim_time_ms == 60000);
}
END_TEST

START_TEST(facts_raw_ioctl)
{
	Scenario s = load_example("raw_ioctl.yaml");
	const Job &j = s.jobs.at("add");
	ck_assert(j.tensors[0].data.kind == Data::Kind::values && j.tensors[0].data.values.size() == 64);
	ck_assert_int_eq(j.tensors[0].data.values[63], 63);
	ck_assert(j.ops[1].b_is_scalar && j.ops[1].b_scalar == 1 && j.ops[1].res == "x");
	ck_assert(step(s, 0, 0, 0).as == "dev");
	ck_assert(step(s, 0, 0, 1).kind == Step::Kind::dup && step(s, 0, 0, 1).fd == "dev" &&
		  step(s, 0, 0, 1).as == "dev2");
	const Step &i0 = step(s, 0, 0, 3);
	ck_assert(i0.kind == Step::Kind::ioctl && i0.ioctl_cmd == 0x7000 && i0.ioctl_arg.kind == IoctlArg::Kind::null);
	ck_assert(i0.expect.kind == Expect::Kind::error && i0.expect.err == ENOTTY);
	const Step &i1 = step(s, 0, 0, 4);
	ck_assert(i1.ioctl_cmd == 0xc0087006u && i1.ioctl_arg.kind == IoctlArg::Kind::wild);
	ck_assert(i1.expect.err == EFAULT);   // written "-EFAULT"
	const Step &i2 = step(s, 0, 0, 6);
	ck_assert(i2.ioctl_arg.kind == IoctlArg::Kind::job_fd && i2.ioctl_arg.seq.add == 5 && i2.fd == "dev2");
	const Step &i3 = step(s, 0, 0, 7);
	ck_assert(i3.ioctl_arg.kind == IoctlArg::Kind::bytes && i3.ioctl_arg.bytes.size() == 8 &&
		  i3.ioctl_arg.bytes[0] == 5);
	ck_assert(step(s, 0, 0, 9).kind == Step::Kind::close_job && step(s, 0, 0, 10).kind == Step::Kind::free_job);
	ck_assert(step(s, 0, 0, 11).ioctl_arg.kind == IoctlArg::Kind::fd_ptr &&
		  step(s, 0, 0, 11).ioctl_arg.fd_var == "ion");
	ck_assert(step(s, 1, 0, 2).kind == Step::Kind::exit);
}
END_TEST

START_TEST(facts_broken_build_cached_mutant)
{
	Scenario s = load_example("broken_build.yaml");
	const Job &j = s.jobs.at("bad");
	ck_assert(j.build.on == std::set<BuildFlag>{BuildFlag::no_eod_padding} && !j.cached);
	ck_assert_uint_eq(j.repeat_ops, 3);
	ck_assert(j.ops[2].kind == Op::Kind::mac && j.ops[2].lshift == 1 && j.ops[2].rshift == 3);
	ck_assert(j.ops[3].kind == Op::Kind::max && j.ops[3].b_is_scalar && j.ops[3].b_scalar == 0);
	ck_assert(s.expect.findings.empty() && s.expect.counters.size() == 1);

	Scenario c = load_example("cached.yaml");
	ck_assert(c.platform.chip() == "cv180x");
	const Job &x = c.jobs.at("xor");
	ck_assert(x.cached && !x.build.has(BuildFlag::no_invalidate));
	ck_assert(x.tensors[1].data.kind == Data::Kind::fill && x.tensors[1].data.fill == 0x55);
	ck_assert(x.ops[2].kind == Op::Kind::xor_);
	ck_assert(c.jobs.at("xor_stale").cached && c.jobs.at("xor_stale").build.has(BuildFlag::no_invalidate));
	ck_assert_uint_eq(c.expect.findings.size(), 2);
	ck_assert(c.requires_mutant.empty());

	Scenario m = load_example("mutant.yaml");
	ck_assert_str_eq(m.requires_mutant.c_str(), "wait-no-timeout");
	ck_assert(m.jobs.empty());
	ck_assert(m.faults[0].kind == Fault::Kind::signal && m.faults[0].at_ms == 30000);
	ck_assert(m.expect.max_sim_time_ms == 31000);
}
END_TEST

// Every complete scenario in docs/scenarios.md (a ```yaml block with a
// top-level "schema:" line) loads, and a block headed
// "# scenarios/examples/F.yaml" is made of lines of that file, in order
// ("# ..." marks an elision).
START_TEST(docs_examples_load)
{
	std::string md = slurp(SCN_DOCS);
	ck_assert_msg(!md.empty(), "cannot read %s", SCN_DOCS);
	size_t at = 0, blocks = 0;
	while ((at = md.find("```yaml\n", at)) != std::string::npos) {
		size_t start = at + 8, end = md.find("\n```", start);
		ck_assert(end != std::string::npos);
		std::string block = md.substr(start, end + 1 - start);
		at = end + 4;
		long line = (long)std::count(md.begin(), md.begin() + (long)start, '\n') + 1;
		const std::string head = "# scenarios/examples/";
		if (block.rfind(head, 0) == 0) {
			std::string name = block.substr(head.size(), block.find(".yaml") + 5 - head.size());
			auto file = split_lines(slurp(std::string(SCN_EXAMPLES_DIR) + "/" + name));
			ck_assert_msg(!file.empty(), "docs line %ld: no example %s", line, name.c_str());
			auto lines = split_lines(block);
			size_t at_line = 0;
			for (size_t i = 1; i < lines.size(); i++) {
				if (lines[i] == "# ...")
					continue;
				while (at_line < file.size() && file[at_line] != lines[i])
					at_line++;
				ck_assert_msg(at_line < file.size(), "docs line %ld: '%s' is not (in this order) in %s",
					      line + (long)i, lines[i].c_str(), name.c_str());
				at_line++;
			}
		}
		if (block.rfind("schema:", 0) != 0 && block.find("\nschema:") == std::string::npos)
			continue;
		Scenario s;
		std::vector<Diag> d;
		bool ok = load_scenario_text(block, "docs/scenarios.md block at line " + std::to_string(line), s, d);
		ck_assert_msg(ok, "%s", all_diags(d).c_str());
		blocks++;
	}
	ck_assert_uint_ge(blocks, 2);
}
END_TEST

// ---- units ------------------------------------------------------------

START_TEST(units_parsers)
{
	using namespace tpusim::scn::load;
	double ms;
	std::string why;
	ck_assert(parse_duration("10ms", ms, why) && ms == 10);
	ck_assert(parse_duration("1.5 s", ms, why) && ms == 1500);
	ck_assert(parse_duration("250us", ms, why) && ms == 0.25);
	ck_assert(parse_duration("100ns", ms, why) && ms > 0.99e-4 && ms < 1.01e-4);
	ck_assert(parse_duration("7", ms, why) && ms == 7);
	ck_assert(!parse_duration("-1ms", ms, why) && why == "negative duration");
	ck_assert(!parse_duration("5 min", ms, why));
	ck_assert(!parse_duration("ms", ms, why));
	ck_assert(!parse_duration("nan", ms, why));
	ck_assert(!parse_duration("1e400s", ms, why));
	bool neg;
	uint64_t mag;
	ck_assert(parse_integer("0x10", neg, mag) == IntParse::ok && mag == 16 && !neg);
	ck_assert(parse_integer("-128", neg, mag) == IntParse::ok && mag == 128 && neg);
	ck_assert(parse_integer(" 5", neg, mag) == IntParse::not_integer);
	ck_assert(parse_integer("+-5", neg, mag) == IntParse::not_integer);
	ck_assert(parse_integer("5x", neg, mag) == IntParse::not_integer);
	ck_assert(parse_integer("0x", neg, mag) == IntParse::not_integer);
	ck_assert(parse_integer("99999999999999999999999", neg, mag) == IntParse::overflow);
	ck_assert(is_ident("worker_1") && !is_ident("1worker") && !is_ident("a-b") && !is_ident(""));

	std::string d = Diag{Mark{"x.yaml", 3, 7}, "boom"}.str();
	ck_assert_str_eq(d.c_str(), "x.yaml:3:7: error: boom");
	std::string nofile = Diag{Mark{"x.yaml", 0, 0}, "gone"}.str();
	ck_assert_str_eq(nofile.c_str(), "x.yaml: error: gone");
}
END_TEST

static std::vector<Diag> load_text(const std::string &text, bool expect_ok = false)
{
	Scenario s;
	std::vector<Diag> d;
	bool ok = load_scenario_text(text, "t.yaml", s, d);
	ck_assert_msg(ok == d.empty(), "return value %d disagrees with %zu diagnostics", ok, d.size());
	ck_assert_msg(ok == expect_ok, "unexpected result %d:%s", ok, all_diags(d).c_str());
	for (const auto &x : d)
		ck_assert_msg(x.mark.file == "t.yaml" && x.mark.line > 0 && x.mark.col > 0, "no position: %s",
			      x.str().c_str());
	return d;
}

// text is refused with exactly one diagnostic, whose message holds
// fragment; that diagnostic.
static Diag refused_once(const std::string &text, const char *fragment)
{
	auto d = load_text(text);
	ck_assert_uint_eq(d.size(), 1);
	ck_assert_msg(d[0].message.find(fragment) != std::string::npos, "%s", d[0].str().c_str());
	return d[0];
}

static const char *const kHead = "schema: 1\nname: t\ndescription: d\n";
// A head and one process of one thread, whose steps follow.
static const std::string kSteps =
	std::string(kHead) + "processes:\n- name: p\n  threads:\n  - name: t\n    steps:\n";

// Per-driver expectations: what each driver's run expects, resolved by
// for_driver() before a run.
START_TEST(units_per_driver)
{
	const std::string t = kSteps +
			      "    - open: tpu\n"
			      "    - wait: {seq: 1}\n"
			      "      expect: {vendor: ok, default: timeout}\n"
			      "      took: {vendor: {max: 61s}, default: {min: 1ms, max: 2s}}\n"
			      "    - close: tpu\n"
			      "      expect: {project: EBADF}\n"
			      "    - close: tpu\n"
			      "      expect: {job_error: EINVAL}\n"
			      "expect:\n  findings: [waiter-stuck]\n  log_contains: [a]\n"
			      "  vendor: {findings: []}\n";
	// The last close's {job_error: ...} is the common form (and wrong on a
	// close): exactly one diagnostic, for it.
	refused_once(t, "'job_error' applies to wait and model steps only");
	const std::string good = t.substr(0, t.find("    - close: tpu\n      expect: {job_error")) +
				 t.substr(t.find("expect:\n  findings"));
	Scenario s;
	std::vector<Diag> d;
	ck_assert_msg(load_scenario_text(good, "t.yaml", s, d), "%s", all_diags(d).c_str());
	const Step &w = step(s, 0, 0, 1);
	ck_assert_uint_eq(w.expect_by_driver.size(), 2);
	ck_assert(w.expect_by_driver.at("default").kind == Expect::Kind::timeout);
	Scenario v = for_driver(s, "vendor"), p = for_driver(s, "project");
	ck_assert(step(v, 0, 0, 1).expect.kind == Expect::Kind::ok);
	ck_assert(step(p, 0, 0, 1).expect.kind == Expect::Kind::timeout);
	// took per driver, as expect.
	ck_assert(step(v, 0, 0, 1).took_min_ms == -1 && step(v, 0, 0, 1).took_max_ms == 61000);
	ck_assert(step(p, 0, 0, 1).took_min_ms == 1 && step(p, 0, 0, 1).took_max_ms == 2000);
	// Listed for project only: the others expect success.
	ck_assert(step(p, 0, 0, 2).expect.kind == Expect::Kind::error && step(p, 0, 0, 2).expect.err == EBADF);
	ck_assert(step(v, 0, 0, 2).expect.kind == Expect::Kind::ok);
	// The vendor block replaces findings and keeps the common log_contains.
	ck_assert_uint_eq(p.expect.findings.size(), 1);
	ck_assert_uint_eq(v.expect.findings.size(), 0);
	ck_assert_uint_eq(v.expect.log_contains.size(), 1);
	// A driver word that does not exist, in either place.
	const Diag bad = refused_once(kSteps + "    - open: tpu\n      expect: {project: ok, vendr: ok}\n",
				      "unknown key 'vendr' in expect (per driver)");
	ck_assert_msg(bad.message.find("did you mean 'vendor'") != std::string::npos, "%s", bad.str().c_str());
	refused_once(kSteps + "    - open: tpu\nexpect: {vendor: {vendor: {}}}\n",
		     "unknown key 'vendor' in expect (per driver)");
}
END_TEST

START_TEST(units_hostile)
{
	// No file at all.
	{
		Scenario s;
		std::vector<Diag> d;
		ck_assert(!load_scenario("/nonexistent/dir/x.yaml", s, d));
		ck_assert_uint_eq(d.size(), 1);
		ck_assert(d[0].str().rfind("/nonexistent/dir/x.yaml: error: cannot open", 0) == 0);
	}
	load_text("");
	load_text("\n\n# only a comment\n");
	load_text("42");
	load_text("[1, 2");
	load_text(std::string("schema: 1\0name: x\n", 18));
	load_text("schema: \xff\xfe\n");
	load_text("\t- a\n");
	// Deep nesting of flow collections, anywhere, ten times the cap (libyaml
	// alone is quadratic in the depth: 100 times deeper cost 25 s under
	// the sanitizers and proved nothing more).
	refused_once(std::string(kHead) + "processes: " + std::string(10000, '[') + std::string(10000, ']') + "\n",
		     "nested more than 1000 levels");
	load_text(std::string(kHead) + "platform: " + std::string(5000, '{') + "\n");
	// Huge numbers.
	load_text(std::string(kHead) + "seed: 184467440737095516160\nprocesses: []\n");
	load_text(std::string(kHead) + "perturb: 1e999999\nprocesses: []\n");
	// A repeat that contains itself through an alias: the shadowing check
	// (or the depth cap) ends it.
	refused_once(std::string(kHead) + "processes:\n- name: p\n  threads:\n  - name: t\n    steps: &s\n"
		     "    - repeat: {count: 1, steps: *s}\n", "");
	// An alias bomb: ten times ten times ... steps.  The step budget ends it
	// with one diagnostic, quickly.
	{
		std::string t = kSteps;
		// Build the lists inside-out as anchored flow sequences in one step.
		std::string inner = "{sleep: 1}";
		std::string lst = "&l0 [" + inner;
		for (int i = 1; i < 10; i++)
			lst += ", " + inner;
		lst += "]";
		std::string prev = "l0";
		std::string nested = lst;
		for (int k = 1; k <= 7; k++) {
			std::string name = "l" + std::to_string(k);
			std::string item = "{repeat: {count: 1, var: v" + std::to_string(k) + ", steps: *" + prev + "}}";
			std::string first = "{repeat: {count: 1, var: v" + std::to_string(k) + ", steps: " + nested + "}}";
			std::string l = "&" + name + " [" + first;
			for (int i = 1; i < 10; i++)
				l += ", " + item;
			l += "]";
			nested = l;
			prev = name;
		}
		t += "    - repeat: {count: 1, var: top, steps: " + nested + "}\n";
		refused_once(t, "too many steps");
	}
	// Many errors are capped.
	{
		std::string t = std::string(kHead) + "processes: [";
		for (int i = 0; i < 500; i++)
			t += "1, ";
		t += "]\n";
		auto d = load_text(t);
		ck_assert_uint_le(d.size(), 101);
		ck_assert(d.back().message.find("too many errors") != std::string::npos);
	}
	// And a minimal valid file, to show the scaffolding above is not the
	// reason for the failures.
	load_text(kSteps + "    - {sleep: 1ms}\n", true);
}
END_TEST

// ---- bad fixtures -----------------------------------------------------

static std::vector<std::string> g_bad;

START_TEST(bad_fixture)
{
	const std::string &path = g_bad.at((size_t)_i);
	std::string text = slurp(path);
	std::string first = text.substr(0, text.find('\n'));
	const std::string tag = "# expect: ";
	long eline = 0, ecol = 0;
	size_t rest = 0;
	ck_assert_msg(first.rfind(tag, 0) == 0 && line_col(first, tag.size(), eline, ecol, rest) &&
			      rest < first.size(),
		      "%s: first line must be '# expect: LINE:COL: fragment'", path.c_str());
	const std::string fragment = first.substr(rest);
	Scenario s;
	std::vector<Diag> d;
	bool ok = load_scenario(path, s, d);
	ck_assert_msg(!ok, "%s: accepted", path.c_str());
	ck_assert_msg(d.size() == 1, "%s: expected exactly one diagnostic, got %zu:%s", path.c_str(), d.size(),
		      all_diags(d).c_str());
	std::string prefix = path + ":" + std::to_string(eline) + ":" + std::to_string(ecol) + ": error: ";
	std::string got = d[0].str();
	ck_assert_msg(got.rfind(prefix, 0) == 0, "%s: expected the error at %ld:%ld, got:%s", path.c_str(), eline,
		      ecol, all_diags(d).c_str());
	ck_assert_msg(got.find(fragment, prefix.size()) != std::string::npos, "%s: message lacks '%s':%s",
		      path.c_str(), fragment.c_str(), all_diags(d).c_str());
}
END_TEST

// ---- fuzz -------------------------------------------------------------

namespace {

using tpusim::Rng;


std::string mutate(const std::string &orig, Rng &r)
{
	static const char kChars[] = ":-[]{}#&*!|>'\"%@,? \n\t$0123456789abcxyzEI._/\\~";
	std::string t = orig;
	int edits = 1 + (int)r.below(4);
	for (int e = 0; e < edits; e++) {
		if (r.below(4) == 0) {
			// A line-level edit: keeps most of the file valid YAML, so the
			// semantic checks get exercised too.
			auto lines = split_lines(t);
			if (lines.empty())
				break;
			size_t i = r.below(lines.size()), j = r.below(lines.size());
			switch (r.below(3)) {
			case 0:
				lines.erase(lines.begin() + (long)i);
				break;
			case 1:
				lines.insert(lines.begin() + (long)i, lines[i]);
				break;
			default:
				std::swap(lines[i], lines[j]);
			}
			t.clear();
			for (const auto &l : lines)
				t += l + "\n";
			continue;
		}
		if (t.empty())
			break;
		size_t at = r.below(t.size());
		switch (r.below(3)) {
		case 0:
			t.erase(at, 1 + r.below(3));
			break;
		case 1:
			t.insert(at, t.substr(at, 1 + r.below(8)));
			break;
		default:
			t[at] = r.below(16) == 0 ? (char)r.below(256) : kChars[r.below(sizeof kChars - 1)];
		}
	}
	return t;
}

} // namespace

// "check_scenario_load fuzz [COUNT [SEED]]" runs a longer or different
// campaign by hand; CTest uses the defaults.
static int g_fuzz_count = 2000;
static uint64_t g_fuzz_seed = 20240611;

START_TEST(fuzz_mutations)
{
	auto files = yaml_files(SCN_EXAMPLES_DIR);
	ck_assert_uint_ge(files.size(), 1);
	std::vector<std::string> texts;
	for (const auto &f : files)
		texts.push_back(slurp(f));
	Rng r(g_fuzz_seed);
	const int total = g_fuzz_count;
	int accepted = 0, rejected = 0;
	for (int n = 0; n < total; n++) {
		size_t which = (size_t)n % texts.size();
		std::string t = mutate(texts[which], r);
		Scenario s;
		std::vector<Diag> d;
		bool ok = load_scenario_text(t, "fuzz.yaml", s, d);
		if (ok) {
			ck_assert_msg(d.empty(), "mutation %d of %s: success with diagnostics", n, files[which].c_str());
			accepted++;
			continue;
		}
		rejected++;
		ck_assert_msg(!d.empty(), "mutation %d of %s: failure without a diagnostic", n, files[which].c_str());
		long nlines = (long)std::count(t.begin(), t.end(), '\n') + 1;
		for (const auto &x : d) {
			std::string str = x.str();
			long line = 0, col = 0;
			size_t rest = 0;
			ck_assert_msg(str.rfind("fuzz.yaml:", 0) == 0 && line_col(str, 10, line, col, rest) &&
					      str.compare(rest, 7, "error: ") == 0 && str.size() > rest + 7 && col >= 1,
				      "mutation %d of %s: bad diagnostic '%s'", n, files[which].c_str(), str.c_str());
			ck_assert_msg(line >= 1 && line <= nlines, "mutation %d of %s: line %ld outside the file: %s", n,
				      files[which].c_str(), line, str.c_str());
		}
	}
	// Both outcomes must occur, or the mutator is not doing its job.
	ck_assert_int_gt(accepted, 0);
	ck_assert_int_gt(rejected, total / 4);
	printf("fuzz: %d mutations, %d accepted, %d rejected\n", total, accepted, rejected);
}
END_TEST

int main(int argc, char **argv)
{
	bool fuzz = argc > 1 && !strcmp(argv[1], "fuzz");
	Suite *s;
	if (fuzz) {
		if (argc > 2)
			g_fuzz_count = atoi(argv[2]);
		if (argc > 3)
			g_fuzz_seed = strtoull(argv[3], nullptr, 0);
		printf("fuzz: seed %llu\n", (unsigned long long)g_fuzz_seed);
		s = suite_create("fuzz");
		TCase *tc = tcase_create("mutations");
		tcase_set_timeout(tc, 600);
		tcase_add_test(tc, fuzz_mutations);
		suite_add_tcase(s, tc);
	} else {
		s = suite_create("load");
		TCase *ex = tcase_create("examples");
		tcase_add_test(ex, examples_load);
		suite_add_tcase(s, ex);
		TCase *facts = tcase_create("facts");
		tcase_add_test(facts, facts_basic);
		tcase_add_test(facts, facts_many_threads);
		tcase_add_test(facts, facts_faults);
		tcase_add_test(facts, facts_raw_ioctl);
		tcase_add_test(facts, facts_broken_build_cached_mutant);
		suite_add_tcase(s, facts);
		TCase *docs = tcase_create("docs");
		tcase_add_test(docs, docs_examples_load);
		suite_add_tcase(s, docs);
		TCase *units = tcase_create("units");
		tcase_set_timeout(units, 120);
		tcase_add_test(units, units_parsers);
		tcase_add_test(units, units_hostile);
		tcase_add_test(units, units_per_driver);
		suite_add_tcase(s, units);
		g_bad = yaml_files(SCN_BAD_DIR);
		TCase *bad = tcase_create("bad");
		tcase_add_loop_test(bad, bad_fixture, 0, (int)g_bad.size());
		suite_add_tcase(s, bad);
	}
	int rc = run_suite(s);
	if (!fuzz && g_bad.size() < 25) {
		fprintf(stderr, "only %zu bad fixtures in %s (at least 25 expected)\n", g_bad.size(), SCN_BAD_DIR);
		return 1;
	}
	return rc;
}
