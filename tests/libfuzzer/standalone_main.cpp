// SPDX-License-Identifier: Apache-2.0
//
// standalone_main.cpp - runs a libFuzzer target without libFuzzer (the
// default and sanitizer builds, gcc): every file named, then for each
// file `--mutations N` seeded variants of it (bytes flipped, set to 0 or
// 0xff, the file cut or a run of bytes repeated) when it is at most
// --mutate-max BYTES (default 1 MiB), so CTest exercises the target's
// oracle on every build, not only in the clang campaign.
//   standalone_main [--mutations N] [--seed S] [--mutate-max BYTES] FILE...
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

std::vector<uint8_t> mutate(std::vector<uint8_t> b, std::mt19937_64 &rng)
{
	if (b.empty())
		return b;
	auto pos = [&]() { return static_cast<size_t>(rng() % b.size()); };
	switch (rng() % 5) {
	case 0:
		for (unsigned k = 1 + rng() % 8; k; k--)
			b[pos()] ^= static_cast<uint8_t>(1u << (rng() % 8));
		break;
	case 1:
		b[pos()] = 0;
		break;
	case 2:
		b[pos()] = 0xff;
		break;
	case 3:
		b.resize(pos());
		break;
	default: {
		const size_t at = pos(), n = std::min<size_t>(1 + rng() % 64, b.size() - at);
		std::vector<uint8_t> run(b.begin() + at, b.begin() + at + n);
		b.insert(b.begin() + at, run.begin(), run.end());
		break;
	}
	}
	return b;
}

} // namespace

int main(int argc, char **argv)
{
	unsigned long mutations = 0, seed = 1, mutate_max = 1ul << 20;
	std::vector<std::string> files;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mutations") && i + 1 < argc)
			mutations = strtoul(argv[++i], nullptr, 10);
		else if (!strcmp(argv[i], "--mutate-max") && i + 1 < argc)
			mutate_max = strtoul(argv[++i], nullptr, 10);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoul(argv[++i], nullptr, 10);
		else
			files.push_back(argv[i]);
	}
	if (files.empty()) {
		fprintf(stderr, "usage: %s [--mutations N] [--seed S] [--mutate-max BYTES] FILE...\n", argv[0]);
		return 2;
	}
	std::mt19937_64 rng(seed);
	unsigned long cases = 0;
	for (const std::string &f : files) {
		std::ifstream in(f, std::ios::binary);
		if (!in) {
			fprintf(stderr, "%s: cannot open\n", f.c_str());
			return 2;
		}
		const std::vector<uint8_t> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		LLVMFuzzerTestOneInput(b.data(), b.size());
		cases++;
		for (unsigned long k = 0; b.size() <= mutate_max && k < mutations; k++, cases++) {
			const std::vector<uint8_t> m = mutate(b, rng);
			LLVMFuzzerTestOneInput(m.data(), m.size());
		}
	}
	printf("%lu cases, no finding\n", cases);
	return 0;
}
