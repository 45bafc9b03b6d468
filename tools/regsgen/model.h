/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model.h - in-memory form of one regs/ YAML input, shared by the loader,
 * the validator and the emitters of regsgen.
 *
 * The loader fills these structures only with values that passed the
 * schema checks (types, required keys), so the emitters never re-check a
 * value.  Every element keeps the source position of the YAML nodes that
 * later semantic checks may blame, so an error always points at the line a
 * human has to edit.
 */
#ifndef REGSGEN_MODEL_H
#define REGSGEN_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* 1-based, as printed; 0 means "no position". */
struct pos {
	unsigned line;
	unsigned col;
};

enum access { ACC_RW, ACC_RO, ACC_W1C, ACC_SC, ACC_COUNT };

struct enumval {
	char *name;
	uint64_t value;
	char *desc;
	struct pos pos;       /* the name scalar */
	struct pos value_pos;
};

struct enumlist {
	struct enumval *v;
	size_t n;
};

struct field {
	char *name;
	unsigned msb, lsb;
	enum access access;
	uint64_t resval;
	char *desc;
	struct enumlist enums;
	struct pos pos;       /* the name scalar */
	struct pos bits_pos;
	struct pos resval_pos;
};

struct reg {
	char *name;
	uint64_t offset;
	char *desc;
	char *source;
	char *assumed;        /* NULL unless the YAML marks the register assumed */
	int is_array;
	uint64_t count, stride;
	struct field *fields;
	size_t nfields;
	struct pos pos;
	struct pos offset_pos;
};

struct sfield {
	char *name;
	uint64_t bit, width;
	uint64_t resval;
	char *desc;
	struct enumlist enums;
	struct pos pos;
	struct pos bit_pos;
	struct pos resval_pos;
};

/*
 * How a block's interrupt line follows its registers (YAML `irq_when`):
 * high while enable is set (or there is no enable) and any status bit is
 * set whose mask bit (aligned to the status field) is clear.  The model,
 * the RTL and the docs all derive the line from this one description.
 */
struct irq_ref {
	const struct reg *reg;    /* NULL: not given */
	const struct field *field;
	struct pos pos;
};

struct irq_when {
	int present;
	struct irq_ref status[8];  /* all in one register */
	size_t nstatus;
	struct irq_ref mask;       /* optional; needs exactly one status field of its width */
	struct irq_ref enable;     /* optional; a 1-bit field */
	struct pos pos;
};

enum input_kind { IN_BLOCK, IN_STRUCT };

struct input {
	const char *path;     /* as given on the command line; printed in errors */
	enum input_kind kind;
	char *name;           /* block or struct identifier */
	char *desc;
	char *source;
	struct pos name_pos;
	/* IN_BLOCK */
	uint64_t base, size;
	int has_irq;
	uint64_t irq;
	struct irq_when irq_when;
	struct reg *regs;
	size_t nregs;
	/* IN_STRUCT (size above is in bytes) */
	struct sfield *sfields;
	size_t nsfields;
	struct pos size_pos;
};

extern const char *const access_names[ACC_COUNT];

/* Register value of a field's reset value, in place. */
static inline uint32_t field_mask(const struct field *f)
{
	unsigned w = f->msb - f->lsb + 1;

	return (w >= 32 ? 0xFFFFFFFFu : ((1u << w) - 1u)) << f->lsb;
}

uint32_t reg_resval(const struct reg *r);
uint32_t reg_access_mask(const struct reg *r, enum access a);
uint32_t reg_defined_mask(const struct reg *r);
/* Bits of the status register that can raise the line (0 without irq_when). */
uint32_t irq_status_mask(const struct irq_when *w);

/* Upper-case copy of an identifier (malloc'd; exits on out of memory). */
char *upper_dup(const char *s);

#endif /* REGSGEN_MODEL_H */
