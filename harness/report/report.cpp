// SPDX-License-Identifier: Apache-2.0
//
// report.cpp - console summary and JUnit XML.
#include "report.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace tpusim::scn {

std::string replay_command(const RunResult &r)
{
	std::string cmd = "tpusim run " + r.file + " --seed " + std::to_string(r.seed);
	// tpusim's own driver is the first word of the platform's `driver`.
	if (!r.driver.empty() && r.driver != driver_words().front())
		cmd += " --driver " + r.driver;
	if (r.fail_nth)
		cmd += " --fail-nth " + std::to_string(r.fail_nth);
	if (r.schedule)
		cmd += " --schedule " + std::to_string(r.schedule) + "   (shrink: tpusim shrink " + r.file +
		       " --seed " + std::to_string(r.seed) + " --schedule " + std::to_string(r.schedule) + ")";
	return cmd;
}

static double pct(std::vector<double> v, double p)
{
	if (v.empty())
		return 0;
	std::sort(v.begin(), v.end());
	size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
	return v[std::min(i, v.size() - 1)];
}

static std::string ms(double s)
{
	char b[32];
	snprintf(b, sizeof(b), s < 1e-3 ? "%.1f us" : s < 1 ? "%.3f ms" : "%.3f s",
		 s < 1e-3 ? s * 1e6 : s < 1 ? s * 1e3 : s);
	return b;
}

void print_run_line(const RunResult &r)
{
	printf("%s  %-36s %s%-10s sim %-10s wall %-9s jobs %-5llu hash %016llx\n",
	       r.pass ? "PASS" : "FAIL", r.name.empty() ? r.file.c_str() : r.name.c_str(),
	       r.schedule ? "s" : " ", r.schedule ? std::to_string(r.schedule).c_str() : "",
	       ms(r.sim_s).c_str(), ms(r.wall_s).c_str(), (unsigned long long)r.jobs_submitted,
	       (unsigned long long)r.trace_hash);
	if (r.schedule || r.replayed)
		printf("      schedule %u: %zu thread switch%s at %llu decision points%s\n", r.schedule,
		       r.switches.size(), r.switches.size() == 1 ? "" : "es",
		       (unsigned long long)r.decisions, r.replayed ? " (replayed)" : "");
	if (!r.pass || !r.findings.empty() || r.fail_nth) {
		printf("      %s\n", r.verdict.c_str());
		size_t shown = 0;
		for (const auto &f : r.findings) {
			if (shown++ == 8) {
				printf("      ... %zu more findings\n", r.findings.size() - 8);
				break;
			}
			std::string m = f.message.substr(0, f.message.find('\n'));
			printf("      [%s] %s: %s\n", ms(f.when_s).c_str(), f.checker.c_str(), m.c_str());
		}
		if (!r.pass)
			printf("      replay: %s\n", replay_command(r).c_str());
	}
	fflush(stdout);
}

void print_summary(const std::vector<RunResult> &results, double wall_s, bool schedules)
{
	size_t pass = 0, fail = 0;
	uint64_t jobs = 0;
	double sim = 0;

	printf("\n%-36s %8s %10s %10s %10s %7s %7s %6s\n", "scenario", "jobs", "lat p50", "lat p90",
	       "lat p99", "TDMA%", "TIU%", "queue");
	for (const auto &r : results) {
		std::vector<double> lat;
		for (const auto &j : r.jobs)
			if (j.claim_s >= 0 && j.submit_s >= 0)
				lat.push_back(j.claim_s - j.submit_s);
		(r.pass ? pass : fail)++;
		jobs += r.jobs_submitted;
		sim += r.sim_s;
		if (r.schedule)
			continue;  // one table row per scenario
		printf("%-36s %8llu %10s %10s %10s %6.1f%% %6.1f%% %6u\n", r.name.c_str(),
		       (unsigned long long)r.jobs_submitted, ms(pct(lat, 0.5)).c_str(),
		       ms(pct(lat, 0.9)).c_str(), ms(pct(lat, 0.99)).c_str(),
		       r.sim_s > 0 ? 100 * r.tdma_busy_s / r.sim_s : 0.0,
		       r.sim_s > 0 ? 100 * r.tiu_busy_s / r.sim_s : 0.0, r.max_queue);
	}
	printf("\n%zu run%s: %zu passed, %zu failed%s; %llu jobs; %s simulated in %.2f s wall",
	       results.size(), results.size() == 1 ? "" : "s", pass, fail,
	       schedules ? " (schedule exploration)" : "", (unsigned long long)jobs, ms(sim).c_str(),
	       wall_s);
	if (wall_s > 0)
		printf(" (%.1f runs/s)", results.size() / wall_s);
	printf("\n");
	for (const auto &r : results)
		if (!r.pass)
			printf("FAILED: %s — %s\n        replay: %s\n", r.name.c_str(), r.verdict.c_str(),
			       replay_command(r).c_str());
	fflush(stdout);
}

static std::string xml(const std::string &s)
{
	std::string o;
	for (char c : s) {
		switch (c) {
		case '<': o += "&lt;"; break;
		case '>': o += "&gt;"; break;
		case '&': o += "&amp;"; break;
		case '"': o += "&quot;"; break;
		default:
			if (static_cast<unsigned char>(c) >= 0x20 || c == '\n')
				o += c;
		}
	}
	return o;
}

bool write_junit(const std::string &path, const std::vector<RunResult> &results)
{
	FILE *f = fopen(path.c_str(), "w");
	size_t failures = 0;
	double total = 0;

	if (!f)
		return false;
	for (const auto &r : results) {
		failures += !r.pass;
		total += r.wall_s;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuite name=\"tpusim\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"%.3f\">\n",
		results.size(), failures, total);
	for (const auto &r : results) {
		std::string name = r.name + (r.schedule ? " [schedule " + std::to_string(r.schedule) + "]" : "");
		fprintf(f, "  <testcase classname=\"scenarios\" name=\"%s\" file=\"%s\" time=\"%.3f\">\n",
			xml(name).c_str(), xml(r.file).c_str(), r.wall_s);
		if (!r.pass) {
			std::string body;
			for (const auto &fi : r.findings)
				body += fi.checker + ": " + fi.message + "\n";
			body += "replay: " + replay_command(r) + "\n";
			fprintf(f, "    <failure message=\"%s\">%s</failure>\n", xml(r.verdict).c_str(),
				xml(body).c_str());
		}
		fprintf(f, "    <system-out>seed %llu, simulated %.9f s, hash %016llx</system-out>\n",
			(unsigned long long)r.seed, r.sim_s, (unsigned long long)r.trace_hash);
		fprintf(f, "  </testcase>\n");
	}
	fprintf(f, "</testsuite>\n");
	return fclose(f) == 0;
}

} // namespace tpusim::scn
