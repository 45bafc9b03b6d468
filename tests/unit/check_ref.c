/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check_ref.c - the reference oracles (harness/ref) against spot values
 * worked out by hand from docs/datapath.md, so that a change to the
 * reference cannot make it agree with a wrong kernel by accident.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "ref_tdma.h"
#include "ref_tiu.h"

START_TEST(test_shift_and_saturate)
{
	ck_assert_int_eq(ref_rshift(5, 1, true), 3);     /* 2.5 rounds half up */
	ck_assert_int_eq(ref_rshift(-5, 1, true), -2);   /* -2.5 too */
	ck_assert_int_eq(ref_rshift(-5, 1, false), -3);  /* floor, not toward 0 */
	ck_assert_int_eq(ref_rshift(-5, 0, true), -5);
	/* the field is 6 bits: a shift of 63 (2^63 is no int64_t) */
	ck_assert_int_eq(ref_rshift(-5, 63, false), -1);
	ck_assert_int_eq(ref_rshift(5, 63, true), 0);
	ck_assert_int_eq(ref_rshift(INT64_MIN / 2, 62, false), -1);
	ck_assert_int_eq(ref_saturate(200, false, true), 127);
	ck_assert_int_eq(ref_saturate(-1, false, false), 0);
	ck_assert_int_eq(ref_saturate(70000, true, false), 65535);
	ck_assert_int_eq(ref_saturate(-40000, true, true), -32768);
}
END_TEST

START_TEST(test_eltwise_elem)
{
	struct ref_eltwise s8 = { .op = REF_TIU_ADD, .res_signed = true };
	struct ref_eltwise u8 = { .op = REF_TIU_SUB };

	ck_assert_int_eq(ref_eltwise_elem(&s8, 100, 100, 0), 127);
	ck_assert_int_eq(ref_eltwise_elem(&u8, 3, 5, 0), 0);
	s8.relu = true;
	ck_assert_int_eq(ref_eltwise_elem(&s8, -3, 1, 0), 0);
	/* mac: a * b + acc << lshift, then >> rshift rounded */
	s8 = (struct ref_eltwise){ .op = REF_TIU_MAC, .lshift = 1, .rshift = 2, .round = true,
				   .res_signed = true };
	ck_assert_int_eq(ref_eltwise_elem(&s8, 2, 3, 10), 7);          /* 26 / 4 = 6.5 */
	/* logic ops and shift wrap to the result width */
	s8 = (struct ref_eltwise){ .op = REF_TIU_AND, .res_signed = true };
	ck_assert_int_eq(ref_eltwise_elem(&s8, -1, 0x1FF, 0), -1);
	s8.op = REF_TIU_SHIFT;
	ck_assert_int_eq(ref_eltwise_elem(&s8, 1, 7, 0), -128);
	ck_assert_int_eq(ref_eltwise_elem(&s8, -8, -1, 0), -4);
	ck_assert_int_eq(ref_eltwise_elem(&s8, -7, -1, 0), -4);        /* arithmetic: floor */
	s8.res_wide = true;
	ck_assert_int_eq(ref_eltwise_elem(&s8, 1, 7, 0), 128);
}
END_TEST

START_TEST(test_eltwise_i8)
{
	const uint8_t a[3] = { 3, 0xFF, 0x80 };
	uint8_t r[3];
	struct ref_eltwise_i8_args e = { .op = REF_TIU_ADD, .a = a, .a_signed = true, .b = NULL,
					 .b_signed = true, .b_scalar = -1, .rshift = 1,
					 .res_signed = true };

	/* (3 - 1) / 2 = 1; (-1 - 1) / 2 = -1; (-128 - 1) / 2 = -64.5 -> -64 */
	ref_eltwise_i8(&e, r, 3);
	ck_assert_int_eq((int8_t)r[0], 1);
	ck_assert_int_eq((int8_t)r[1], -1);
	ck_assert_int_eq((int8_t)r[2], -64);
	e.op = REF_TIU_COPY;
	e.rshift = 0;
	ref_eltwise_i8(&e, r, 3);
	ck_assert(memcmp(r, a, 3) == 0);
}
END_TEST

START_TEST(test_conversions)
{
	ck_assert_uint_eq(ref_int8_to_bf16(0xFF, true), 0xBF80);       /* -1.0 */
	ck_assert_uint_eq(ref_int8_to_bf16(0xFF, false), 0x437F);      /* 255.0 */
	ck_assert_uint_eq(ref_bf16_to_int8(0x4020, true, false), 2);   /* 2.5 -> 2 (even) */
	ck_assert_uint_eq(ref_bf16_to_int8(0x4060, true, false), 4);   /* 3.5 -> 4 */
	ck_assert_uint_eq(ref_bf16_to_int8(0xC020, true, true), (uint8_t)-2);
	ck_assert_uint_eq(ref_bf16_to_int8(0x7FC0, false, false), 255); /* NaN */
}
END_TEST

START_TEST(test_addressing)
{
	static uint8_t lmem[8 * 0x8000], dram[0x100];
	struct ref_mem m = { lmem, 8, 0x8000, dram, 0x80000000ull, sizeof(dram) };
	struct ref_tensor l = { true, (7u << 15) | 0x10, 1, 2, 1, 4, 0, 0x40, 4, 1 };
	struct ref_tensor g = { false, 0x80000000ull, 1, 2, 1, 4, 8, 4, 4, 1 };
	struct ref_tensor big = g;

	/* channel 1 of lane 7 is lane 0 one channel stride further on */
	ck_assert_ptr_eq(ref_byte(&m, &l, 0, 1, 0, 2, 0), lmem + 0x10 + 0x40 + 2);
	ck_assert_ptr_eq(ref_byte(&m, &g, 0, 1, 0, 3, 0), dram + 4 + 3);
	ck_assert_ptr_null(ref_dram_at(&m, 0x80000000ull + sizeof(dram)));
	ck_assert(strlen(ref_error()) > 0);
	big.w = 5;
	ck_assert_int_eq(ref_tdma_copy(&m, &m, &big, &l, false, false), -1);  /* 10 into 8 */
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("ref");
	TCase *tc = tcase_create("oracles");

	tcase_add_test(tc, test_shift_and_saturate);
	tcase_add_test(tc, test_eltwise_elem);
	tcase_add_test(tc, test_eltwise_i8);
	tcase_add_test(tc, test_conversions);
	tcase_add_test(tc, test_addressing);
	suite_add_tcase(s, tc);
	return s;
}
