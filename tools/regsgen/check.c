/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check.c - cross-element validation of register blocks and struct layouts.
 *
 * Each error is reported at the later of the two clashing elements, so the
 * message points at the line most likely to have just been added or edited,
 * and names the earlier one with its line so both can be found.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"

static int is_c_keyword(const char *s)
{
	/* C11 and C++17 keywords: struct fields become members of a struct
	 * that is compiled as both. */
	static const char *const kw[] = {
		"alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
		"case", "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "const_cast",
		"constexpr", "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast",
		"else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
		"if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
		"nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
		"reinterpret_cast", "restrict", "return", "short", "signed", "sizeof", "static",
		"static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
		"throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
		"virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (!strcmp(s, kw[i]))
			return 1;
	return 0;
}

static void check_enums(const char *path, const struct enumlist *el)
{
	size_t i, j;

	for (i = 1; i < el->n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(el->v[i].name, el->v[j].name)) {
				diag_error(path, el->v[i].pos, "duplicate enum name '%s' (first at line %u)",
					   el->v[i].name, el->v[j].pos.line);
				break;
			}
}

static void check_reg_fields(const char *path, const struct reg *r)
{
	size_t i, j;

	for (i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];

		for (j = 0; j < i; j++) {
			const struct field *g = &r->fields[j];

			if (!strcmp(f->name, g->name)) {
				diag_error(path, f->pos, "duplicate field name '%s' in register '%s' (first at line %u)",
					   f->name, r->name, g->pos.line);
				break;
			}
			if (field_mask(f) & field_mask(g)) {
				diag_error(path, f->bits_pos,
					   "field '%s' (bits %u:%u) overlaps field '%s' (bits %u:%u) in register '%s'",
					   f->name, f->msb, f->lsb, g->name, g->msb, g->lsb, r->name);
				break;
			}
		}
		check_enums(path, &f->enums);
	}
}

struct slot {
	uint64_t offset;
	size_t reg;
	uint64_t idx;
};

static int slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->reg != y->reg)
		return x->reg < y->reg ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void slot_name(const struct input *in, const struct slot *s, char *buf, size_t n)
{
	const struct reg *r = &in->regs[s->reg];

	if (r->is_array)
		snprintf(buf, n, "'%s[%llu]'", r->name, (unsigned long long)s->idx);
	else
		snprintf(buf, n, "'%s'", r->name);
}

static void check_block(const struct input *in)
{
	struct slot *slots;
	size_t i, j, nslots = 0, total = 0;
	int layout_ok = 1;

	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];
		uint64_t last = r->offset + (r->is_array ? (r->count - 1) * r->stride : 0);

		for (j = 0; j < i; j++)
			if (!strcmp(r->name, in->regs[j].name)) {
				diag_error(in->path, r->pos, "duplicate register name '%s' (first at line %u)",
					   r->name, in->regs[j].pos.line);
				break;
			}
		if (r->offset % 4) {
			diag_error(in->path, r->offset_pos, "register '%s': offset 0x%llX is not 4-byte aligned",
				   r->name, (unsigned long long)r->offset);
			layout_ok = 0;
		} else if (last + 4 > in->size) {
			if (r->is_array)
				diag_error(in->path, r->offset_pos,
					   "register array '%s' ends at 0x%llX, outside the block (size 0x%llX)",
					   r->name, (unsigned long long)(last + 4), (unsigned long long)in->size);
			else
				diag_error(in->path, r->offset_pos,
					   "register '%s': offset 0x%llX is outside the block (size 0x%llX)",
					   r->name, (unsigned long long)r->offset, (unsigned long long)in->size);
			layout_ok = 0;
		}
		check_reg_fields(in->path, r);
		total += r->is_array ? (size_t)r->count : 1;
	}
	if (!layout_ok)
		return;

	/* Offsets and strides are 4-aligned here, so registers either coincide
	 * or are disjoint: sorting the expanded offsets finds every overlap. */
	slots = xcalloc(total, sizeof(*slots));
	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];
		uint64_t k, n = r->is_array ? r->count : 1;

		for (k = 0; k < n; k++) {
			slots[nslots].offset = r->offset + k * r->stride;
			slots[nslots].reg = i;
			slots[nslots].idx = k;
			nslots++;
		}
	}
	qsort(slots, nslots, sizeof(*slots), slot_cmp);
	for (i = 1; i < nslots; i++) {
		const struct slot *a = &slots[i - 1], *b = &slots[i];
		char an[160], bn[160];

		if (a->offset != b->offset)
			continue;
		slot_name(in, a, an, sizeof(an));
		slot_name(in, b, bn, sizeof(bn));
		if (a->reg == b->reg)
			continue; /* impossible with stride >= 4, kept for safety */
		if (in->regs[a->reg].is_array || in->regs[b->reg].is_array)
			diag_error(in->path, in->regs[b->reg].offset_pos,
				   "array expansion overlaps: register %s and register %s both at offset 0x%llX",
				   bn, an, (unsigned long long)b->offset);
		else
			diag_error(in->path, in->regs[b->reg].offset_pos,
				   "register %s overlaps register %s at offset 0x%llX (line %u)", bn, an,
				   (unsigned long long)b->offset, in->regs[a->reg].pos.line);
	}
	free(slots);
}

static void check_struct(const struct input *in)
{
	size_t i, j;

	for (i = 0; i < in->nsfields; i++) {
		const struct sfield *f = &in->sfields[i];

		if (is_c_keyword(f->name))
			diag_error(in->path, f->pos, "field name '%s' is a C or C++ keyword", f->name);
		if (f->bit + f->width > in->size * 8) {
			diag_error(in->path, f->bit_pos,
				   "field '%s' (bits %llu..%llu) is outside the %llu-byte struct",
				   f->name, (unsigned long long)f->bit,
				   (unsigned long long)(f->bit + f->width - 1), (unsigned long long)in->size);
			continue;
		}
		for (j = 0; j < i; j++) {
			const struct sfield *g = &in->sfields[j];

			if (!strcmp(f->name, g->name)) {
				diag_error(in->path, f->pos, "duplicate field name '%s' (first at line %u)", f->name,
					   g->pos.line);
				break;
			}
			if (f->bit < g->bit + g->width && g->bit < f->bit + f->width) {
				diag_error(in->path, f->bit_pos,
					   "field '%s' (bits %llu..%llu) overlaps field '%s' (bits %llu..%llu)",
					   f->name, (unsigned long long)f->bit,
					   (unsigned long long)(f->bit + f->width - 1), g->name,
					   (unsigned long long)g->bit, (unsigned long long)(g->bit + g->width - 1));
				break;
			}
		}
		check_enums(in->path, &f->enums);
	}
}

void check_input(const struct input *in, int strict_names)
{
	if (strict_names) {
		/* The build declares its outputs from the file names, so the
		 * names inside must agree or outputs would silently go missing. */
		const char *base = strrchr(in->path, '/');
		size_t n;

		base = base ? base + 1 : in->path;
		n = strlen(base);
		if (n < 5 || strcmp(base + n - 5, ".yaml") || strlen(in->name) != n - 5 ||
		    strncmp(base, in->name, n - 5))
			diag_error(in->path, in->name_pos, "name '%s' does not match the file name '%s'", in->name,
				   base);
	}
	if (in->kind == IN_BLOCK)
		check_block(in);
	else
		check_struct(in);
}

/* ---- generated identifiers ---- */

struct gname {
	char *name;
	const char *path;
	struct pos pos;
	size_t seq;
};

struct gnames {
	struct gname *v;
	size_t n, cap;
};

static void add_name(struct gnames *g, const char *path, struct pos pos, const char *fmt, ...)
	REGSGEN_PRINTF(4, 5);

static void add_name(struct gnames *g, const char *path, struct pos pos, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (g->n == g->cap) {
		struct gname *nv;

		g->cap = g->cap ? g->cap * 2 : 256;
		nv = xcalloc(g->cap, sizeof(*nv));
		if (g->n)
			memcpy(nv, g->v, g->n * sizeof(*nv));
		free(g->v);
		g->v = nv;
	}
	g->v[g->n].name = upper_dup(buf);
	g->v[g->n].path = path;
	g->v[g->n].pos = pos;
	g->v[g->n].seq = g->n;
	g->n++;
}

static int gname_cmp(const void *a, const void *b)
{
	const struct gname *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Names are compared upper-cased: macros are upper case, and C identifiers
 * and file names are lower case, so clashes within each class are found and
 * a struct named like another file's header ("tdma_regs") is caught too.
 */
void check_names(const struct input *ins, size_t n)
{
	static const struct pos nopos = { 0, 0 };
	struct gnames g = { 0 };
	size_t i, j, k, e;

	/* The list of all blocks (emit_block_list) is generated once per run;
	 * a NULL path marks it so that its names sort first and are reported
	 * as reserved. */
	add_name(&g, NULL, nopos, "file regblocks.h");
	add_name(&g, NULL, nopos, "file regblocks.c");
	add_name(&g, NULL, nopos, "TPU_REGBLOCKS_H");
	add_name(&g, NULL, nopos, "tpu_regblk_all");
	add_name(&g, NULL, nopos, "TPU_REG_BLOCK_COUNT");
	for (i = 0; i < n; i++) {
		const struct input *in = &ins[i];
		const char *p = in->path;
		const char *b = in->name;

		if (in->kind == IN_BLOCK) {
			add_name(&g, p, in->name_pos, "file %s_regs.h", b);
			add_name(&g, p, in->name_pos, "file %s_regtab.c", b);
			add_name(&g, p, in->name_pos, "TPU_%s_REGS_H", b);
			add_name(&g, p, in->name_pos, "tpu_regblk_%s", b);
			add_name(&g, p, in->name_pos, "%s_BASE", b);
			add_name(&g, p, in->name_pos, "%s_SIZE", b);
			if (in->has_irq)
				add_name(&g, p, in->name_pos, "%s_IRQ", b);
			for (j = 0; j < in->nregs; j++) {
				const struct reg *r = &in->regs[j];

				add_name(&g, p, r->pos, "%s_%s_REG", b, r->name);
				add_name(&g, p, r->pos, "%s_%s_RESVAL", b, r->name);
				if (r->is_array) {
					add_name(&g, p, r->pos, "%s_%s_COUNT", b, r->name);
					add_name(&g, p, r->pos, "%s_%s_STRIDE", b, r->name);
				}
				for (k = 0; k < r->nfields; k++) {
					const struct field *f = &r->fields[k];

					add_name(&g, p, f->pos, "%s_%s_%s_SHIFT", b, r->name, f->name);
					add_name(&g, p, f->pos, "%s_%s_%s_WIDTH", b, r->name, f->name);
					add_name(&g, p, f->pos, "%s_%s_%s_MASK", b, r->name, f->name);
					for (e = 0; e < f->enums.n; e++)
						add_name(&g, p, f->enums.v[e].pos, "%s_%s_%s_VAL_%s", b, r->name,
							 f->name, f->enums.v[e].name);
				}
			}
		} else {
			add_name(&g, p, in->name_pos, "file %s.h", b);
			add_name(&g, p, in->name_pos, "TPU_%s_H", b);
			add_name(&g, p, in->name_pos, "struct %s", b);
			add_name(&g, p, in->name_pos, "%s_reset", b);
			add_name(&g, p, in->name_pos, "%s_pack", b);
			add_name(&g, p, in->name_pos, "%s_unpack", b);
			add_name(&g, p, in->name_pos, "%s_SIZE", b);
			for (j = 0; j < in->nsfields; j++) {
				const struct sfield *f = &in->sfields[j];

				add_name(&g, p, f->pos, "%s_%s_BIT", b, f->name);
				add_name(&g, p, f->pos, "%s_%s_WIDTH", b, f->name);
				for (e = 0; e < f->enums.n; e++)
					add_name(&g, p, f->enums.v[e].pos, "%s_%s_%s", b, f->name, f->enums.v[e].name);
			}
		}
	}
	if (g.n)
		qsort(g.v, g.n, sizeof(*g.v), gname_cmp);
	for (i = 1; i < g.n; i++)
		if (!strcmp(g.v[i].name, g.v[i - 1].name)) {
			/* Blame the later definition in command-line/file order. */
			const struct gname *first = &g.v[i - 1], *dup = &g.v[i];

			if (!first->path) {
				diag_error(dup->path, dup->pos,
					   "generated name %s is reserved for the list of all blocks", dup->name);
				continue;
			}
			diag_error(dup->path, dup->pos, "duplicate generated name %s (also generated at %s:%u:%u)",
				   dup->name, first->path, first->pos.line, first->pos.col);
		}
	for (i = 0; i < g.n; i++)
		free(g.v[i].name);
	free(g.v);
}
