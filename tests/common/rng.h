/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rng.h - the one pseudo-random generator of the test suites (xorshift64*),
 * for C and C++.  Every random test input is a function of a seed, so a
 * failure replays from the seed it prints.
 *
 * The sequence is frozen: the fuzzers' recorded regressions
 * (tests/fuzz/regressions) replay only while seed -> sequence stays the
 * same, so change neither the seeding nor next().
 */
#ifndef TPUSIM_TESTS_RNG_H
#define TPUSIM_TESTS_RNG_H

#include <stddef.h>
#include <stdint.h>

struct test_rng {
	uint64_t s;
};

static inline void test_rng_seed(struct test_rng *r, uint64_t seed)
{
	r->s = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
	if (!r->s)
		r->s = 1;  /* xorshift never leaves 0 */
}

static inline uint64_t test_rng_next(struct test_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1Dull;
}

/* The high half: xorshift64*'s low bits are its weakest. */
static inline uint32_t test_rng_u32(struct test_rng *r)
{
	return (uint32_t)(test_rng_next(r) >> 32);
}

/* 0 .. n-1 (0 when n is 0). */
static inline uint32_t test_rng_below(struct test_rng *r, uint32_t n)
{
	return n ? (uint32_t)(test_rng_next(r) % n) : 0;
}

/* lo .. hi, both included. */
static inline uint32_t test_rng_in(struct test_rng *r, uint32_t lo, uint32_t hi)
{
	return lo + (uint32_t)(test_rng_next(r) % ((uint64_t)hi - lo + 1));
}

static inline uint8_t test_rng_byte(struct test_rng *r)
{
	return (uint8_t)(test_rng_next(r) >> 56);
}

static inline void test_rng_fill(struct test_rng *r, void *p, size_t n)
{
	uint8_t *b = (uint8_t *)p;
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = test_rng_byte(r);
}

#ifdef __cplusplus
#include <initializer_list>
#include <vector>

namespace tpusim {

class Rng {
public:
	explicit Rng(uint64_t seed) { test_rng_seed(&r_, seed); }

	uint64_t next() { return test_rng_next(&r_); }
	uint32_t u32() { return test_rng_u32(&r_); }
	uint32_t below(uint32_t n) { return test_rng_below(&r_, n); }
	bool chance(unsigned pct) { return below(100) < pct; }
	uint8_t byte() { return test_rng_byte(&r_); }
	template <typename T> T pick(std::initializer_list<T> l)
	{
		return *(l.begin() + below(static_cast<uint32_t>(l.size())));
	}
	void fill(void *p, size_t n) { test_rng_fill(&r_, p, n); }
	void fill(std::vector<uint8_t> &v) { fill(v.data(), v.size()); }

private:
	test_rng r_;
};

} // namespace tpusim
#endif

#endif
