/* SPDX-License-Identifier: Apache-2.0 */
/*
 * emit_c.c - the C outputs: <block>_regs.h, <block>_regtab.c and
 * <struct>.h.
 *
 * Headers contain only macros, plain structs and static inline functions
 * so that they compile unchanged as C11 and C++17 under -Wall -Wextra
 * -Werror -Wshadow.  Field values of descriptors are moved through a byte
 * array rather than 32-bit words because several TIU fields straddle word
 * boundaries and the descriptor is little-endian regardless of the host.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"

#define NAME_COL 48

/* #define <name><suffix>, the value aligned at NAME_COL. */
static void def(FILE *f, const char *name, const char *suffix, const char *valfmt, ...)
	REGSGEN_PRINTF(4, 5);

static void def(FILE *f, const char *name, const char *suffix, const char *valfmt, ...)
{
	va_list ap;
	int n = fprintf(f, "#define %s%s", name, suffix);

	do
		fputc(' ', f);
	while (++n < NAME_COL);
	va_start(ap, valfmt);
	vfprintf(f, valfmt, ap);
	va_end(ap);
	fputc('\n', f);
}

static void comment(FILE *f, const char *prefix, const char *text)
{
	fputs("/* ", f);
	if (prefix)
		fprintf(f, "%s: ", prefix);
	put_comment_line(f, text);
	fputs(" */\n", f);
}

static void file_banner(FILE *f, const char *outname, const struct input *in)
{
	fputs("/* SPDX-License-Identifier: Apache-2.0 */\n/*\n", f);
	fprintf(f, " * %s - generated from %s \xe2\x80\x94 do not edit.\n *\n * ", outname, in->path);
	put_comment_line(f, in->desc);
	fputs(".\n * Source: ", f);
	put_comment_line(f, in->source);
	fputs("\n */\n", f);
}

/* Enough hex digits for every offset in the block, at least 3. */
static int offset_digits(const struct input *in)
{
	int d = 3;

	while (d < 8 && (in->size - 1) >> (4 * d))
		d++;
	return d;
}

int emit_block_header(const struct input *in, const char *dir)
{
	struct outfile o;
	char *P, fname[256], buf[1024], pr[512];
	FILE *f;
	size_t i, j, e;
	int od = offset_digits(in);

	snprintf(fname, sizeof(fname), "%s_regs.h", in->name);
	if (out_open(&o, dir, fname))
		return -1;
	f = o.f;
	P = upper_dup(in->name);
	file_banner(f, fname, in);
	fprintf(f, "#ifndef TPU_%s_REGS_H\n#define TPU_%s_REGS_H\n\n#include \"tpu/regblocks.h\"\n#include \"tpu/regdesc.h\"\n\n",
		P, P);

	comment(f, NULL, in->desc);
	def(f, P, "_BASE", "0x%08" PRIX64 "ull", in->base);
	def(f, P, "_SIZE", "0x%" PRIX64 "u", in->size);
	if (in->has_irq)
		def(f, P, "_IRQ", "%" PRIu64, in->irq);

	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];
		char *R = upper_dup(r->name);

		fputc('\n', f);
		comment(f, R, r->desc);
		snprintf(pr, sizeof(pr), "%s_%s", P, R);
		if (r->is_array) {
			def(f, pr, "_REG(i)", "(0x%0*" PRIX64 "u + (i) * 0x%" PRIX64 "u)", od, r->offset, r->stride);
			def(f, pr, "_COUNT", "%" PRIu64 "u", r->count);
			def(f, pr, "_STRIDE", "0x%" PRIX64 "u", r->stride);
		} else {
			def(f, pr, "_REG", "0x%0*" PRIX64 "u", od, r->offset);
		}
		def(f, pr, "_RESVAL", "0x%08" PRIX32 "u", reg_resval(r));
		for (j = 0; j < r->nfields; j++) {
			const struct field *fl = &r->fields[j];
			char *F = upper_dup(fl->name);
			char tag[512];

			snprintf(tag, sizeof(tag), "%s.%s (%s)", R, F, access_names[fl->access]);
			comment(f, tag, fl->desc);
			snprintf(buf, sizeof(buf), "%s_%s", pr, F);
			def(f, buf, "_SHIFT", "%u", fl->lsb);
			def(f, buf, "_WIDTH", "%u", fl->msb - fl->lsb + 1);
			def(f, buf, "_MASK", "0x%08" PRIX32 "u", field_mask(fl));
			for (e = 0; e < fl->enums.n; e++) {
				char *E = upper_dup(fl->enums.v[e].name);

				snprintf(tag, sizeof(tag), "%s.%s = %s", R, F, E);
				comment(f, tag, fl->enums.v[e].desc);
				/* _VAL_ keeps values apart from the field's _MASK/_SHIFT
				 * names: STATUS_VAL_ZERO is a value, STATUS_MASK a mask. */
				snprintf(tag, sizeof(tag), "_VAL_%s", E);
				def(f, buf, tag, "0x%" PRIX64 "u", fl->enums.v[e].value);
				free(E);
			}
			if (fl->enums.n) {
				/* The values as a list, for code that offers them by name
				 * (scenario fault arguments): X("name", value). */
				fprintf(f, "#define %s_%s_%s_VALUES(X)", P, R, F);
				for (e = 0; e < fl->enums.n; e++)
					fprintf(f, " \\\n\tX(\"%s\", 0x%" PRIX64 "u)", fl->enums.v[e].name,
						fl->enums.v[e].value);
				fputc('\n', f);
			}
			free(F);
		}
		/* The fields as a list: X("name", mask, "access"). */
		fprintf(f, "#define %s_%s_FIELDS(X)", P, R);
		for (j = 0; j < r->nfields; j++)
			fprintf(f, " \\\n\tX(\"%s\", 0x%08" PRIX32 "u, \"%s\")", r->fields[j].name,
				field_mask(&r->fields[j]), access_names[r->fields[j].access]);
		fputc('\n', f);
		free(R);
	}

	fprintf(f, "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	fprintf(f, "/* Access masks and reset values for the model; defined in %s_regtab.c. */\n", in->name);
	fprintf(f, "extern const struct tpu_reg_block tpu_regblk_%s;\n", in->name);
	fprintf(f, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* TPU_%s_REGS_H */\n", P);
	free(P);
	return out_close(&o);
}

int emit_block_table(const struct input *in, const char *dir)
{
	struct outfile o;
	char fname[256];
	FILE *f;
	size_t i;
	uint64_t k;
	int od = offset_digits(in);

	snprintf(fname, sizeof(fname), "%s_regtab.c", in->name);
	if (out_open(&o, dir, fname))
		return -1;
	f = o.f;
	file_banner(f, fname, in);
	fprintf(f, "#include \"tpu/regdesc.h\"\n#include \"tpu/%s_regs.h\"\n\n", in->name);
	fprintf(f, "static const struct tpu_reg_desc %s_regtab[] = {\n", in->name);
	fprintf(f, "\t/* name, offset, resval, defined, rw, ro, w1c, sc, assumed */\n");
	for (i = 0; i < in->nregs; i++) {
		const struct reg *r = &in->regs[i];
		uint64_t n = r->is_array ? r->count : 1;
		char *R = upper_dup(r->name);

		for (k = 0; k < n; k++) {
			char name[300];

			if (r->is_array)
				snprintf(name, sizeof(name), "\"%s%" PRIu64 "\",", R, k);
			else
				snprintf(name, sizeof(name), "\"%s\",", R);
			fprintf(f, "\t{ %-16s 0x%0*" PRIX64 "u, 0x%08" PRIX32 "u, 0x%08" PRIX32 "u, 0x%08" PRIX32
				   "u, 0x%08" PRIX32 "u, 0x%08" PRIX32 "u, 0x%08" PRIX32 "u, %d },\n",
				name, od, r->offset + k * r->stride, reg_resval(r), reg_defined_mask(r),
				reg_access_mask(r, ACC_RW), reg_access_mask(r, ACC_RO),
				reg_access_mask(r, ACC_W1C), reg_access_mask(r, ACC_SC), r->assumed ? 1 : 0);
		}
		free(R);
	}
	fprintf(f, "};\n\n");
	if (in->irq_when.present) {
		const struct irq_when *w = &in->irq_when;

		fprintf(f, "static const struct tpu_irq_logic %s_irq_logic = {\n", in->name);
		fprintf(f, "\t0x%" PRIX64 "u, 0x%08" PRIX32 "u, %u,\n", w->status[0].reg->offset,
			irq_status_mask(w), w->nstatus == 1 ? w->status[0].field->lsb : 0);
		if (w->mask.reg)
			fprintf(f, "\t0x%" PRIX64 "u, 0x%08" PRIX32 "u, %u,\n", w->mask.reg->offset,
				field_mask(w->mask.field), w->mask.field->lsb);
		else
			fprintf(f, "\t0, 0, 0,\n");
		if (w->enable.reg)
			fprintf(f, "\t0x%" PRIX64 "u, 0x%08" PRIX32 "u,\n", w->enable.reg->offset,
				field_mask(w->enable.field));
		else
			fprintf(f, "\t0, 0,\n");
		fprintf(f, "};\n\n");
	}
	fprintf(f, "const struct tpu_reg_block tpu_regblk_%s = {\n", in->name);
	fprintf(f, "\t\"%s\", 0x%08" PRIX64 "ull, 0x%" PRIX64 "u, ", in->name, in->base, in->size);
	if (in->has_irq)
		fprintf(f, "%" PRIu64 ",\n", in->irq);
	else
		fprintf(f, "-1,\n");
	fprintf(f, "\t%s_regtab, sizeof(%s_regtab) / sizeof(%s_regtab[0]),\n", in->name, in->name,
		in->name);
	if (in->irq_when.present)
		fprintf(f, "\t&%s_irq_logic,\n};\n", in->name);
	else
		fprintf(f, "\tNULL,\n};\n");
	return out_close(&o);
}

int emit_block_list(const struct input *ins, size_t n, const char *header_dir, const char *table_dir)
{
	struct outfile o;
	size_t i, nblocks = 0;
	int ret = 0;

	for (i = 0; i < n; i++)
		nblocks += ins[i].kind == IN_BLOCK;
	if (header_dir) {
		if (out_open(&o, header_dir, "regblocks.h"))
			return -1;
		fputs("/* SPDX-License-Identifier: Apache-2.0 */\n"
		      "/*\n * regblocks.h - generated by regsgen \xe2\x80\x94 do not edit.\n *\n"
		      " * Every register block of the run, so that code walking all blocks\n"
		      " * needs no edit when a block is added.\n */\n"
		      "#ifndef TPU_REGBLOCKS_H\n#define TPU_REGBLOCKS_H\n\n#include \"tpu/regdesc.h\"\n\n",
		      o.f);
		def(o.f, "TPU_REG_BLOCK_COUNT", "", "%zuu", nblocks);
		if (nblocks)
			fputs("\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
			      "/* In the order the blocks were given to regsgen (tools/CMakeLists.txt). */\n"
			      "extern const struct tpu_reg_block *const tpu_regblk_all[TPU_REG_BLOCK_COUNT];\n"
			      "\n#ifdef __cplusplus\n}\n#endif\n",
			      o.f);
		fputs("\n#endif /* TPU_REGBLOCKS_H */\n", o.f);
		ret |= out_close(&o);
	}
	if (table_dir) {
		if (out_open(&o, table_dir, "regblocks.c"))
			return -1;
		fputs("/* SPDX-License-Identifier: Apache-2.0 */\n"
		      "/* regblocks.c - generated by regsgen \xe2\x80\x94 do not edit. */\n"
		      "#include \"tpu/regblocks.h\"\n", o.f);
		for (i = 0; i < n; i++)
			if (ins[i].kind == IN_BLOCK)
				fprintf(o.f, "#include \"tpu/%s_regs.h\"\n", ins[i].name);
		if (nblocks) {
			fputs("\nconst struct tpu_reg_block *const tpu_regblk_all[TPU_REG_BLOCK_COUNT] = {\n", o.f);
			for (i = 0; i < n; i++)
				if (ins[i].kind == IN_BLOCK)
					fprintf(o.f, "\t&tpu_regblk_%s,\n", ins[i].name);
			fputs("};\n", o.f);
		} else {
			/* ISO C forbids an empty translation unit. */
			fputs("\ntypedef int tpu_regblocks_none;\n", o.f);
		}
		ret |= out_close(&o);
	}
	return ret;
}

/*
 * The bit helpers are emitted into every struct header behind one guard so
 * that the headers stay self-contained and can still be included together.
 * A field spans at most 5 bytes (width <= 32, any bit offset), so a 64-bit
 * accumulator is always wide enough.
 */
static const char bit_helpers[] =
	"#ifndef TPU_DESC_BITS_HELPERS\n"
	"#define TPU_DESC_BITS_HELPERS\n"
	"/* Reads bits [bit, bit+width) of a little-endian byte stream; width 1..32. */\n"
	"static inline uint32_t tpu_desc_bits_get(const uint8_t *raw, unsigned bit, unsigned width)\n"
	"{\n"
	"\tunsigned first = bit / 8, last = (bit + width - 1) / 8, i;\n"
	"\tuint64_t v = 0;\n"
	"\n"
	"\tfor (i = last + 1; i-- > first;)\n"
	"\t\tv = (v << 8) | raw[i];\n"
	"\treturn (uint32_t)((v >> (bit % 8)) & ((1ull << width) - 1u));\n"
	"}\n"
	"\n"
	"/* Writes val (truncated to width) into bits [bit, bit+width), keeping other bits;\n"
	" * returns 1 when val did not fit, else 0. */\n"
	"static inline int tpu_desc_bits_put(uint8_t *raw, unsigned bit, unsigned width, uint32_t val)\n"
	"{\n"
	"\tunsigned first = bit / 8, last = (bit + width - 1) / 8, i;\n"
	"\tuint64_t mask = ((1ull << width) - 1u) << (bit % 8);\n"
	"\tuint64_t v = ((uint64_t)val << (bit % 8)) & mask;\n"
	"\n"
	"\tfor (i = first; i <= last; i++) {\n"
	"\t\tunsigned sh = (i - first) * 8;\n"
	"\n"
	"\t\traw[i] = (uint8_t)((raw[i] & ~(mask >> sh)) | (v >> sh));\n"
	"\t}\n"
	"\treturn width < 32 && (val >> width) != 0;\n"
	"}\n"
	"#endif /* TPU_DESC_BITS_HELPERS */\n";

int emit_struct_header(const struct input *in, const char *dir)
{
	struct outfile o;
	char *P, fname[256], buf[512];
	FILE *f;
	size_t i, e;

	snprintf(fname, sizeof(fname), "%s.h", in->name);
	if (out_open(&o, dir, fname))
		return -1;
	f = o.f;
	P = upper_dup(in->name);
	file_banner(f, fname, in);
	fprintf(f, "#ifndef TPU_%s_H\n#define TPU_%s_H\n\n#include <stdint.h>\n#include <string.h>\n\n", P, P);
	fprintf(f, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");

	comment(f, "size in bytes", in->desc);
	def(f, P, "_SIZE", "%" PRIu64, in->size);
	for (i = 0; i < in->nsfields; i++) {
		const struct sfield *fl = &in->sfields[i];
		char *F = upper_dup(fl->name);

		fputc('\n', f);
		comment(f, fl->name, fl->desc);
		snprintf(buf, sizeof(buf), "%s_%s", P, F);
		def(f, buf, "_BIT", "%" PRIu64, fl->bit);
		def(f, buf, "_WIDTH", "%" PRIu64, fl->width);
		for (e = 0; e < fl->enums.n; e++) {
			char *E = upper_dup(fl->enums.v[e].name);
			char tag[512];

			snprintf(tag, sizeof(tag), "%s = %s", fl->name, fl->enums.v[e].name);
			comment(f, tag, fl->enums.v[e].desc);
			snprintf(tag, sizeof(tag), "_%s", E);
			def(f, buf, tag, "0x%" PRIX64 "u", fl->enums.v[e].value);
			free(E);
		}
		free(F);
	}

	fprintf(f, "\n/* Unpacked form: one member per field, value in the low bits. */\nstruct %s {\n",
		in->name);
	for (i = 0; i < in->nsfields; i++) {
		int n = fprintf(f, "\tuint32_t %s;", in->sfields[i].name);

		do
			fputc(' ', f);
		while (++n < 40);
		comment(f, NULL, in->sfields[i].desc);
	}
	fprintf(f, "};\n\n%s\n", bit_helpers);

	fprintf(f, "/* Reset (default) values of every field. */\n");
	fprintf(f, "static inline void %s_reset(struct %s *d)\n{\n", in->name, in->name);
	for (i = 0; i < in->nsfields; i++)
		fprintf(f, "\td->%s = 0x%" PRIX64 "u;\n", in->sfields[i].name, in->sfields[i].resval);
	fprintf(f, "}\n\n");

	fprintf(f, "/* Decodes %" PRIu64 " bytes of raw descriptor. */\n", in->size);
	fprintf(f, "static inline void %s_unpack(struct %s *d, const uint8_t *raw)\n{\n", in->name, in->name);
	for (i = 0; i < in->nsfields; i++)
		fprintf(f, "\td->%s = tpu_desc_bits_get(raw, %" PRIu64 ", %" PRIu64 ");\n", in->sfields[i].name,
			in->sfields[i].bit, in->sfields[i].width);
	fprintf(f, "}\n\n");

	fprintf(f, "/*\n * Encodes all %" PRIu64 " bytes; gaps are zero.  Returns 0, or -1 when a value does\n"
		   " * not fit its field.  Such a value is truncated to the field's width and all\n"
		   " * bytes are still written (fuzzers encode bad descriptors on purpose); a\n"
		   " * descriptor builder must treat -1 as an error.\n */\n",
		in->size);
	fprintf(f, "static inline int %s_pack(const struct %s *d, uint8_t *raw)\n{\n", in->name, in->name);
	fprintf(f, "\tint bad = 0;\n\n\tmemset(raw, 0, %" PRIu64 ");\n", in->size);
	for (i = 0; i < in->nsfields; i++)
		fprintf(f, "\tbad |= tpu_desc_bits_put(raw, %" PRIu64 ", %" PRIu64 ", d->%s);\n", in->sfields[i].bit,
			in->sfields[i].width, in->sfields[i].name);
	fprintf(f, "\treturn bad ? -1 : 0;\n");
	fprintf(f, "}\n\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* TPU_%s_H */\n", P);
	free(P);
	return out_close(&o);
}
