// SPDX-License-Identifier: Apache-2.0
//
// ops.h - the operations a scenario job's program is made of, defined once.
//
// One row per operation: X(id, "key", tiu_op, flags, "meaning").  tiu_op is
// the element-wise op code of the TIU descriptor, the generated tsk_eu_typ
// enum of regs/tiu_desc.yaml; the two TDMA moves have none (-1).  From the table come `Op::Kind` (scenario.h), the
// loader's keys and messages, the Op -> descriptor mapping of the job
// compiler, and the Operations table of docs/scenarios.md.  The host
// reference of each op is its case in ref_op (job.cpp), which maps it to
// harness/ref: a switch over Op::Kind, so -Wswitch names the reference a
// new row still lacks.
#ifndef TPUSIM_VOCAB_OPS_H
#define TPUSIM_VOCAB_OPS_H

extern "C" {
#include "tpu/tiu_desc.h"
}

// Flags: a TIU op; one with a second operand `b` (tensor or scalar); the op
// takes `lshift` (accumulator shift).
#define TPUSIM_OP_TIU 1u
#define TPUSIM_OP_B 2u
#define TPUSIM_OP_LSHIFT 8u

#define TPUSIM_OP_BIN (TPUSIM_OP_TIU | TPUSIM_OP_B)

#define TPUSIM_OPS(X)                                                                               \
	X(load, "load", -1, 0, "DRAM input tensor `T` → LMEM tensor named `T` (`load: T`).")        \
	X(store, "store", -1, 0,                                                                    \
	  "LMEM tensor `L` → DRAM output tensor `T` of the same shape (`store: {from: L, to: T}`).") \
	X(add, "add", TIU_DESC_TSK_EU_TYP_ADD, TPUSIM_OP_BIN, "`R = A + B`, saturated.")                         \
	X(sub, "sub", TIU_DESC_TSK_EU_TYP_SUB, TPUSIM_OP_BIN, "`R = A - B`, saturated.")                         \
	X(mul, "mul", TIU_DESC_TSK_EU_TYP_MUL, TPUSIM_OP_BIN, "`R = A * B`, saturated.")                         \
	X(mac, "mac", TIU_DESC_TSK_EU_TYP_MAC, TPUSIM_OP_BIN | TPUSIM_OP_LSHIFT,                                 \
	  "`R = A * B`; `lshift: 0..31` is the descriptor's accumulator left shift. Scenario "      \
	  "tensors are 8-bit, so the job is built without accumulation.")                           \
	X(max, "max", TIU_DESC_TSK_EU_TYP_MAX, TPUSIM_OP_BIN, "`R = max(A, B)`.")                                \
	X(min, "min", TIU_DESC_TSK_EU_TYP_MIN, TPUSIM_OP_BIN, "`R = min(A, B)`.")                                \
	X(and_, "and", TIU_DESC_TSK_EU_TYP_AND, TPUSIM_OP_BIN, "`R = A & B`, wraps.")          \
	X(or_, "or", TIU_DESC_TSK_EU_TYP_OR, TPUSIM_OP_BIN, "`R = A \\| B`, wraps.")           \
	X(xor_, "xor", TIU_DESC_TSK_EU_TYP_XOR, TPUSIM_OP_BIN, "`R = A ^ B`, wraps.")          \
	X(shift, "shift", TIU_DESC_TSK_EU_TYP_SHIFT, TPUSIM_OP_BIN,                            \
	  "`R = A << B` (right when `B` is negative), wraps.")                                      \
	X(copy, "copy", TIU_DESC_TSK_EU_TYP_COPY, TPUSIM_OP_TIU, "`R = A` (`copy: {res: R, a: A}`).")

namespace tpusim {

struct OpInfo {
	const char *key;
	int tiu_op;         // tsk_eu_typ, -1 for the TDMA moves
	unsigned flags;
	const char *meaning;
};

} // namespace tpusim

#endif
