// SPDX-License-Identifier: Apache-2.0
//
// cli_args.cpp - the parser and usage text over the command and option
// tables of cli_args.h.  Every rejected argument gets a message naming it.
#include "cli_args.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <type_traits>

#include "scenario.h"

namespace tpusim::cli {

namespace {

struct CommandRow {
	Command id;
	const char *name, *operands, *help;
};

const CommandRow kCommands[] = {
#define TPUSIM_X(id, name, operands, help) {Command::id, name, operands, help},
	TPUSIM_CLI_COMMANDS(TPUSIM_X)
#undef TPUSIM_X
};

constexpr unsigned command_bit(Command c)
{
	return 1u << static_cast<unsigned>(c);
}

static_assert(command_bit(Command::run) == TPUSIM_CLI_RUN && command_bit(Command::check) == TPUSIM_CLI_CHECK &&
		      command_bit(Command::list) == TPUSIM_CLI_LIST &&
		      command_bit(Command::shrink) == TPUSIM_CLI_SHRINK && command_bit(Command::docs) == TPUSIM_CLI_DOCS &&
		      command_bit(Command::model) == TPUSIM_CLI_MODEL && command_bit(Command::pmu) == TPUSIM_CLI_PMU &&
		      command_bit(Command::client) == TPUSIM_CLI_CLIENT,
	      "the TPUSIM_CLI_* bits follow the command table's order");

struct OptionRow {
	Option id;
	const char *name, *alias, *arg;
	unsigned commands;
	const char *help;
};

const OptionRow kOptions[] = {
#define TPUSIM_X(id, name, alias, arg, cmds, help) {Option::id, name, alias, arg, cmds, help},
	TPUSIM_CLI_OPTIONS(TPUSIM_X)
#undef TPUSIM_X
};

bool parse_u64(const std::string &s, uint64_t &v)
{
	char *end;
	errno = 0;
	if (s.empty() || s[0] == '-')
		return false;
	v = strtoull(s.c_str(), &end, 0);
	return !*end && !errno;
}

bool env_u64(const char *name, uint64_t &v)
{
	const char *s = getenv(name);
	return s && parse_u64(s, v);
}

// --shard auto: the CI's own variables.  GitLab numbers its parallel jobs
// from 1, CircleCI and Buildkite from 0.
std::string shard_from_env(Args &a)
{
	static const struct {
		const char *index, *total;
		unsigned base;
	} kCi[] = {
		{"CI_NODE_INDEX", "CI_NODE_TOTAL", 1},
		{"CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0},
		{"BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0},
	};
	for (const auto &ci : kCi) {
		uint64_t i, n;
		if (!env_u64(ci.index, i) || !env_u64(ci.total, n))
			continue;
		if (!n || i < ci.base || i - ci.base >= n)
			return std::string("--shard auto: ") + ci.index + "=" + std::to_string(i) + " is out of range for " +
			       ci.total + "=" + std::to_string(n);
		a.shard_i = static_cast<unsigned>(i - ci.base);
		a.shard_n = static_cast<unsigned>(n);
		return "";
	}
	a.shard_i = 0;
	a.shard_n = 1;
	return "";   // not sharded by the CI: run everything
}

std::string parse_shard(const std::string &v, Args &a)
{
	if (v == "auto")
		return shard_from_env(a);
	size_t slash = v.find('/');
	uint64_t i, n;
	if (slash == std::string::npos || !parse_u64(v.substr(0, slash), i) || !parse_u64(v.substr(slash + 1), n) ||
	    n == 0 || n > 1000000)
		return "--shard '" + v + "': expected i/N with 0 <= i < N (or 'auto')";
	if (i >= n)
		return "--shard " + v + ": shards are numbered from 0, so i must be below " + std::to_string(n) +
		       " (use 0/" + std::to_string(n) + " .. " + std::to_string(n - 1) + "/" + std::to_string(n) +
		       "; for a 1-based CI index such as GitLab's CI_NODE_INDEX, use --shard auto)";
	a.shard_i = static_cast<unsigned>(i);
	a.shard_n = static_cast<unsigned>(n);
	return "";
}

// Options whose value is kept as it is.
const std::pair<Option, std::string Args::*> kText[] = {
	{Option::junit, &Args::junit},           {Option::trace, &Args::trace},
	{Option::vcd, &Args::vcd},               {Option::reg_log, &Args::reg_log},
	{Option::rtl_trace, &Args::rtl_trace},   {Option::replay, &Args::replay},
	{Option::output, &Args::out},            {Option::bin_dir, &Args::bin_dir},
	{Option::figures, &Args::figures},       {Option::output_dir, &Args::output_dir},
	{Option::save_inputs, &Args::save_inputs}, {Option::npz_out, &Args::npz_out},
	{Option::pmu, &Args::pmu_out},           {Option::fail_on, &Args::fail_on},
};

// A comma-separated list of distinct words from `words` into `got`; a
// message naming the option when the value is not one.
std::string word_list(const OptionRow &o, const std::string &v, const std::vector<std::string> &words,
		      std::vector<std::string> &got)
{
	std::string known;
	for (const auto &w : words)
		known += (known.empty() ? "" : ", ") + w;
	got.clear();
	std::istringstream in(v);
	std::string w;
	while (std::getline(in, w, ',')) {
		if (std::find(words.begin(), words.end(), w) == words.end() || std::count(got.begin(), got.end(), w))
			return std::string(o.name) + " '" + v +
			       "': expected one word or a comma-separated list of distinct words from: " + known;
		got.push_back(w);
	}
	if (got.empty())
		return std::string(o.name) + " '" + v + "': expected one of: " + known;
	return "";
}

// The option's value into `a`; a message when it is not acceptable.
std::string apply(const OptionRow &o, const std::string &v, Args &a)
{
	for (const auto &t : kText)
		if (t.first == o.id) {
			a.*t.second = v;
			return "";
		}
	// An integer lo..hi into dst (unsigned or int).
	auto number = [&](auto &dst, uint64_t lo, uint64_t hi) -> std::string {
		uint64_t n = 0;
		if (!parse_u64(v, n) || n < lo || n > hi)
			return std::string(o.name) + " '" + v + "': expected an integer " + std::to_string(lo) + ".." +
			       std::to_string(hi);
		dst = static_cast<std::remove_reference_t<decltype(dst)>>(n);
		return "";
	};
	switch (o.id) {
	case Option::seed:
		if (!parse_u64(v, a.seed))
			return "--seed '" + v + "': expected an unsigned 64-bit integer";
		return "";
	case Option::schedules:
		return number(a.schedules, 1, 1000000);
	case Option::schedule:
		return number(a.schedule, 0, 1000000);
	case Option::shard:
		return parse_shard(v, a);
	case Option::jobs:
		return number(a.jobs, 1, 1024);
	case Option::regs: {
		// Each word's value is its index among the platform's choices.
		const auto words = scn::platform_choices(scn::platform_table()[PlatformKey::regs]);
		std::vector<std::string> got;
		const std::string err = word_list(o, v, words, got);
		a.regs.clear();
		for (const auto &w : got)
			a.regs.push_back(static_cast<int>(std::find(words.begin(), words.end(), w) - words.begin()));
		return err;
	}
	case Option::driver:
		return word_list(o, v, scn::driver_words(), a.drivers);
	case Option::result_fd:
		return number(a.result_fd, 0, 1 << 20);
	case Option::disable_checker: {
		Checker c;
		if (!checker_by_name(v, c)) {
			std::string all;
			for (const auto &name : checker_names())
				all += (all.empty() ? "" : ", ") + name;
			return "--disable-checker '" + v + "': no such checker (checkers: " + all + ")";
		}
		a.disabled.insert(c);
		return "";
	}
	case Option::fail_nth:
		return number(a.fail_nth, 1, 100000000);
	case Option::fail_budget:
		return number(a.fail_budget, 1, 100000000);
	case Option::input:
		a.inputs.push_back(v);
		return "";
	case Option::compare:
		return "";
	case Option::iterations:
		return number(a.iterations, 1, 1000000);
	case Option::processes:
		return number(a.processes, 1, 64);
	case Option::clock:
		return number(a.clock_mhz, 1, 4000);
	case Option::junit:
	case Option::trace:
	case Option::vcd:
	case Option::reg_log:
	case Option::rtl_trace:
	case Option::replay:
	case Option::output:
	case Option::bin_dir:
	case Option::figures:
	case Option::output_dir:
	case Option::save_inputs:
	case Option::npz_out:
	case Option::pmu:
	case Option::fail_on:
		return "";   // text, kept as it is (kText above)
	case Option::ops:
	case Option::ops_all:
	case Option::reference:
	case Option::layers:
	case Option::coverage:
	case Option::coverage_check:
	case Option::fail_each:
	case Option::timing_only:
	case Option::quiet:
	case Option::cmake:
	case Option::check:
	case Option::write:
		return "";   // flags: being given is all
	}
	return "";
}

std::string command_list()
{
	std::string s;
	for (const auto &c : kCommands)
		s += (s.empty() ? "" : ", ") + std::string(c.name);
	return s;
}

} // namespace

bool parse_args(int argc, char **argv, Args &a, std::string &error)
{
	error.clear();
	if (argc < 2)
		return false;
	const CommandRow *cmd = nullptr;
	for (const auto &c : kCommands)
		if (!strcmp(argv[1], c.name))
			cmd = &c;
	if (!cmd) {
		error = std::string("unknown command '") + argv[1] + "' (commands: " + command_list() + ")";
		return false;
	}
	a.cmd = cmd->id;
	for (int i = 2; i < argc; i++) {
		std::string arg = argv[i];
		if (arg.empty() || arg[0] != '-' || arg == "-") {
			a.paths.push_back(arg);
			// A client's own arguments follow its program, options or not.
			if (a.cmd == Command::client) {
				a.client_args.assign(argv + i + 1, argv + argc);
				break;
			}
			continue;
		}
		const OptionRow *o = nullptr;
		for (const auto &row : kOptions)
			if (arg == row.name || (*row.alias && arg == row.alias))
				o = &row;
		if (!o) {
			error = "unknown option '" + arg + "'";
			return false;
		}
		if (!(o->commands & command_bit(a.cmd))) {
			error = std::string(o->name) + " does not apply to 'tpusim " + cmd->name + "'";
			return false;
		}
		std::string value;
		if (*o->arg == '[') {
			// An optional value ("[FILE.bin]"): the next argument if it
			// ends in the bracket's suffix, so that "--pmu FILE.cvimodel"
			// still leaves the model file an operand.
			const std::string opt = o->arg, suffix = opt.substr(opt.rfind('.'), opt.size() - 1 - opt.rfind('.'));
			const std::string next = i + 1 < argc ? argv[i + 1] : "";
			if (next.size() > suffix.size() && next[0] != '-' &&
			    next.compare(next.size() - suffix.size(), suffix.size(), suffix) == 0)
				value = argv[++i];
		} else if (*o->arg) {
			if (i + 1 >= argc) {
				error = std::string(o->name) + " needs a value (" + o->arg + ")";
				return false;
			}
			value = argv[++i];
		}
		if (!(error = apply(*o, value, a)).empty())
			return false;
		a.given.insert(o->id);
	}
	// Combinations the option table cannot express, in the order they are
	// judged: the first that holds is the error.
	const std::pair<bool, std::string> rules[] = {
		{a.has(Option::fail_each) && a.has(Option::fail_nth),
		 "--fail-each and --fail-nth exclude each other (--fail-each runs every --fail-nth K)"},
		{a.has(Option::coverage_check) && !a.has(Option::coverage), "--coverage-check applies to --coverage only"},
		{a.has(Option::ops_all) && !a.has(Option::ops), "--ops-all applies to --ops only"},
		{a.has(Option::fail_budget) && !a.has(Option::fail_each), "--fail-budget applies to --fail-each only"},
		{a.has(Option::fail_each) && (a.schedules > 1 || a.regs.size() > 1 || !a.replay.empty()),
		 "--fail-each runs one schedule on one register implementation: it does not combine "
		 "with --schedules, --regs cpp,rtl or --replay (use --schedule K, --regs WORD)"},
		{a.regs.size() > 1 && a.drivers.size() > 1,
		 "--regs cpp,rtl and --driver project,vendor are two differential runs: give one at a time"},
		{a.has(Option::fail_each) && a.drivers.size() > 1,
		 "--fail-each runs on one driver: it does not combine with --driver project,vendor"},
		{a.has(Option::result_fd) &&
			 (a.paths.size() != 1 || a.schedule < 0 || a.drivers.size() > 1 || a.regs.size() > 1),
		 "--result-fd runs one schedule of one scenario file: it needs one file, --schedule K, "
		 "and at most one --driver and --regs word"},
		{a.has(Option::reg_log) && !a.has(Option::result_fd), "--reg-log applies to --result-fd only"},
		{a.paths.empty(), std::string("'tpusim ") + cmd->name + "' needs " + cmd->operands},
		{a.cmd == Command::model && a.paths.size() != 1 && !a.has(Option::compare),
		 "'tpusim model' runs one model file, got " + std::to_string(a.paths.size()) +
			 " (--compare takes several)"},
		{a.has(Option::figures) && !a.has(Option::compare), "--figures applies to --compare only"},
		{a.cmd == Command::pmu && a.paths.size() != 1,
		 "'tpusim pmu' decodes one PMU buffer file, got " + std::to_string(a.paths.size())},
	};
	for (const auto &rule : rules)
		if (rule.first) {
			error = rule.second;
			return false;
		}
	return true;
}

std::string usage_text()
{
	std::string s = "usage: tpusim <command> [options] <operands>\n\ncommands:\n";
	for (const auto &c : kCommands) {
		s += std::string("  ") + c.name + " " + c.operands + "\n      " + c.help + "\n";
		std::string opts;
		for (const auto &o : kOptions)
			if (o.commands & command_bit(c.id))
				opts += std::string(" [") + o.name + (*o.arg ? std::string(" ") + o.arg : "") + "]";
		if (!opts.empty())
			s += "     " + opts + "\n";
	}
	s += "\noptions:\n";
	for (const auto &o : kOptions) {
		std::string head = std::string("  ") + o.name + (*o.alias ? std::string(", ") + o.alias : "") +
				   (*o.arg ? std::string(" ") + o.arg : "");
		s += head + "\n      " + o.help + "\n";
	}
	return s;
}

} // namespace tpusim::cli
