/* SPDX-License-Identifier: Apache-2.0 */
/*
 * emit_md.c - docs/registers.md: one reference document for every input.
 *
 * The output must be byte-for-byte reproducible (a test compares it with
 * the committed copy), so it contains nothing that depends on the build:
 * input paths are printed as given, and CMake passes them relative to the
 * source tree.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"

/*
 * Running text from the YAML: kept on one line (table cells), with the
 * characters escaped that markdown would take as table syntax, emphasis
 * ("*_qm ops") or an HTML tag ("<-").
 */
static void cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*')
			fprintf(f, "\\%c", *s);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

static void access_summary(FILE *f, const struct reg *r)
{
	int a, first = 1;

	for (a = 0; a < ACC_COUNT; a++)
		if (reg_access_mask(r, (enum access)a)) {
			fprintf(f, "%s%s", first ? "" : ", ", access_names[a]);
			first = 0;
		}
}

static void enum_list(FILE *f, const struct enumlist *el)
{
	size_t e;

	if (!el->n)
		return;
	fputs(" Values:", f);
	for (e = 0; e < el->n; e++) {
		char *E = upper_dup(el->v[e].name);

		fprintf(f, "%s `%s` = 0x%" PRIX64 " (", e ? ";" : "", E, el->v[e].value);
		cell(f, el->v[e].desc);
		fputc(')', f);
		free(E);
	}
	fputc('.', f);
}

static void reg_offset(FILE *f, const struct reg *r)
{
	if (r->is_array)
		fprintf(f, "0x%03" PRIX64 " + 0x%" PRIX64 "*i, i < %" PRIu64, r->offset, r->stride, r->count);
	else
		fprintf(f, "0x%03" PRIX64, r->offset);
}

/* The line's equation, in the notation of the register tables. */
static void irq_line(FILE *f, const struct irq_when *w)
{
	size_t i;

	fputs("Interrupt line: high while ", f);
	if (w->enable.reg)
		fprintf(f, "`%s.%s` is 1 and ", w->enable.reg->name, w->enable.field->name);
	fputs(w->nstatus > 1 ? "any of " : "", f);
	for (i = 0; i < w->nstatus; i++)
		fprintf(f, "%s`%s.%s`", i ? ", " : "", w->status[i].reg->name, w->status[i].field->name);
	if (w->mask.reg)
		fprintf(f, " has a bit set whose `%s.%s` bit is 0", w->mask.reg->name, w->mask.field->name);
	else
		fputs(w->nstatus > 1 ? " is 1" : " is non-zero", f);
	fputs(".\n\n", f);
}

static void emit_block(FILE *f, const struct input *in)
{
	char *P = upper_dup(in->name);
	size_t i, j;

	fprintf(f, "## Block `%s`: ", in->name);
	cell(f, in->desc);
	fprintf(f, "\n\nFrom `%s`. Base `0x%08" PRIX64 "`, size `0x%" PRIX64 "`", in->path, in->base, in->size);
	if (in->has_irq)
		fprintf(f, ", interrupt %" PRIu64, in->irq);
	fprintf(f, ". Header `tpu/%s_regs.h`, macros `%s_<REG>_...`, RTL `gen/rtl/tpu_%s_regs.sv`.\n\n",
		in->name, P, in->name);
	if (in->irq_when.present)
		irq_line(f, &in->irq_when);
	fputs("Source: ", f);
	cell(f, in->source);
	fputs("\n\n| Offset | Register | Reset | Access | Description |\n|---|---|---|---|---|\n", f);
	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];
		char *R = upper_dup(r->name);

		fputs("| ", f);
		reg_offset(f, r);
		fprintf(f, " | %s%s | 0x%08" PRIX32 " | ", R, r->is_array ? "[i]" : "", reg_resval(r));
		access_summary(f, r);
		fputs(" | ", f);
		cell(f, r->desc);
		if (r->assumed) {
			fputs(" **Assumed:** ", f);
			cell(f, r->assumed);
		}
		fputs(" |\n", f);
		free(R);
	}
	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];
		char *R = upper_dup(r->name);

		fprintf(f, "\n### %s.%s%s (", P, R, r->is_array ? "[i]" : "");
		reg_offset(f, r);
		fprintf(f, ")\n\n");
		cell(f, r->desc);
		fprintf(f, "\n\nReset 0x%08" PRIX32 ". Source: ", reg_resval(r));
		cell(f, r->source);
		fputs("\n", f);
		if (r->assumed) {
			fputs("\n**Assumed:** ", f);
			cell(f, r->assumed);
			fputs("\n", f);
		}
		fputs("\n| Bits | Field | Access | Reset | Description |\n|---|---|---|---|---|\n", f);
		for (j = 0; j < r->nfields; j++) {
			const struct field *fl = &r->fields[j];
			char *F = upper_dup(fl->name);

			if (fl->msb == fl->lsb)
				fprintf(f, "| %u", fl->lsb);
			else
				fprintf(f, "| %u:%u", fl->msb, fl->lsb);
			fprintf(f, " | %s | %s | 0x%" PRIX64 " | ", F, access_names[fl->access], fl->resval);
			cell(f, fl->desc);
			enum_list(f, &fl->enums);
			fputs(" |\n", f);
			free(F);
		}
		free(R);
	}
	free(P);
}

static void emit_struct(FILE *f, const struct input *in)
{
	char *P = upper_dup(in->name);
	size_t i;

	fprintf(f, "## Struct `%s`: ", in->name);
	cell(f, in->desc);
	fprintf(f, "\n\nFrom `%s`. %" PRIu64 " bytes, little-endian; \"abs bit\" is the bit offset in the byte "
		   "stream (word*32 + bit). Header `tpu/%s.h`, macros `%s_<FIELD>_BIT` / `_WIDTH`, functions "
		   "`%s_reset()`, `%s_unpack()`, `%s_pack()`.\n\nSource: ",
		in->path, in->size, in->name, P, in->name, in->name, in->name);
	cell(f, in->source);
	fputs("\n\n| Word | Bits | Abs bit | Width | Field | Reset | Description |\n"
	      "|---|---|---|---|---|---|---|\n", f);
	for (i = 0; i < in->nsfields; i++) {
		const struct sfield *fl = &in->sfields[i];
		uint64_t lo = fl->bit, hi = fl->bit + fl->width - 1;
		uint64_t wlo = lo / 32, whi = hi / 32;

		if (wlo == whi) {
			fprintf(f, "| %" PRIu64 " | ", wlo);
			if (lo == hi)
				fprintf(f, "%" PRIu64, lo % 32);
			else
				fprintf(f, "%" PRIu64 ":%" PRIu64, hi % 32, lo % 32);
		} else {
			/* Split field: high word part first, as in the vendor tables. */
			fprintf(f, "| %" PRIu64 "-%" PRIu64 " | %" PRIu64 "[31:%" PRIu64 "] + %" PRIu64 "[%" PRIu64
				   ":0]", wlo, whi, wlo, lo % 32, whi, hi % 32);
		}
		fprintf(f, " | %" PRIu64 " | %" PRIu64 " | %s | 0x%" PRIX64 " | ", lo, fl->width, fl->name,
			fl->resval);
		cell(f, fl->desc);
		enum_list(f, &fl->enums);
		fputs(" |\n", f);
	}
	free(P);
}

int emit_markdown(const struct input *ins, size_t n, const char *path)
{
	struct outfile o;
	const char *slash = strrchr(path, '/');
	char *dir = NULL;
	size_t i;
	int ret;

	if (slash) {
		dir = xstrdup(path);
		dir[slash - path] = '\0';
	}
	ret = out_open(&o, dir, slash ? slash + 1 : path);
	free(dir);
	if (ret)
		return -1;
	fputs("<!-- Generated by tools/regsgen from regs/*.yaml \xe2\x80\x94 do not edit. "
	      "See docs/register-description.md. -->\n", o.f);
	fputs("# Registers and descriptor layouts\n\n"
	      "Reference generated from the register descriptions in `regs/`. Access types: "
	      "**rw** read/write; **ro** hardware-driven, writes ignored; **w1c** write 1 to clear; "
	      "**sc** self-clearing pulse that reads 0. Bits not covered by a field are reserved: "
	      "they read 0 and ignore writes. **Assumed** marks a reset value or layout that no public "
	      "source states; the reason follows.\n\nContents:\n\n", o.f);
	for (i = 0; i < n; i++) {
		fprintf(o.f, "- %s `%s`: ", ins[i].kind == IN_BLOCK ? "block" : "struct", ins[i].name);
		cell(o.f, ins[i].desc);
		fputc('\n', o.f);
	}
	for (i = 0; i < n; i++) {
		fputc('\n', o.f);
		if (ins[i].kind == IN_BLOCK)
			emit_block(o.f, &ins[i]);
		else
			emit_struct(o.f, &ins[i]);
	}
	return out_close(&o);
}
