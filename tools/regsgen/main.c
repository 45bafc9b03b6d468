/* SPDX-License-Identifier: Apache-2.0 */
/*
 * main.c - command line of regsgen, the single-source register generator.
 *
 * regsgen reads register blocks and descriptor layouts from the YAML files in regs/ and
 * writes the C headers, the model's register tables and docs/registers.md.
 * All inputs are loaded and validated before anything is written, so a
 * failing run leaves the previous outputs untouched and the build stops
 * with compiler-style "file:line:col: error:" messages (exit status 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "emit.h"
#include "load.h"

static void usage(FILE *f)
{
	fputs("usage: regsgen [options] FILE.yaml...\n"
	      "  --header-dir DIR   write <block>_regs.h, <struct>.h and regblocks.h into DIR\n"
	      "  --table-dir DIR    write <block>_regtab.c and regblocks.c into DIR\n"
	      "  --markdown FILE    write one markdown reference covering all inputs\n"
	      "  --sv-dir DIR       write tpu_<block>_regs.sv and its C++ port map into DIR\n"
	      "  --sv-mutate RULE   emit a wrong rule on purpose (w1c-as-rw), for fuzzer proofs\n"
	      "  --strict-names     require each block/struct name to equal its file name\n"
	      "  --help             show this text\n"
	      "Without output options the inputs are only validated.\n"
	      "Exit status: 0 ok, 1 invalid input or write error, 2 usage error.\n", f);
}

int main(int argc, char **argv)
{
	const char *header_dir = NULL, *table_dir = NULL, *markdown = NULL, *sv_dir = NULL;
	const char *mutate = NULL;
	struct input *ins;
	size_t n = 0, i;
	int strict = 0, argi, ret = 0;

	for (argi = 1; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		const char *a = argv[argi];
		const char **dst = NULL;

		if (!strcmp(a, "--")) {
			argi++;
			break;
		} else if (!strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--strict-names")) {
			strict = 1;
			continue;
		} else if (!strcmp(a, "--header-dir")) {
			dst = &header_dir;
		} else if (!strcmp(a, "--table-dir")) {
			dst = &table_dir;
		} else if (!strcmp(a, "--markdown")) {
			dst = &markdown;
		} else if (!strcmp(a, "--sv-dir")) {
			dst = &sv_dir;
		} else if (!strcmp(a, "--sv-mutate")) {
			dst = &mutate;
		} else {
			fprintf(stderr, "regsgen: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
		if (argi + 1 >= argc) {
			fprintf(stderr, "regsgen: option '%s' needs an argument\n", a);
			return 2;
		}
		*dst = argv[++argi];
	}
	if (argi >= argc) {
		usage(stderr);
		return 2;
	}
	if (mutate && strcmp(mutate, "w1c-as-rw")) {
		fprintf(stderr, "regsgen: unknown --sv-mutate rule '%s' (known: w1c-as-rw)\n", mutate);
		return 2;
	}

	/* Every slot is loaded (and later freed), even when loading fails, so
	 * partially built inputs are released too: sanitizer builds of
	 * regsgen run with leak detection as part of the build. */
	n = (size_t)(argc - argi);
	ins = xcalloc(n, sizeof(*ins));
	for (i = 0; i < n; i++)
		load_input(argv[argi + (int)i], &ins[i]);
	if (!diag_error_count())
		for (i = 0; i < n; i++)
			check_input(&ins[i], strict);
	if (!diag_error_count())
		check_names(ins, n);
	if (diag_error_count()) {
		ret = 1;
		goto out;
	}

	for (i = 0; i < n; i++) {
		if (header_dir) {
			if (ins[i].kind == IN_BLOCK)
				ret |= emit_block_header(&ins[i], header_dir);
			else
				ret |= emit_struct_header(&ins[i], header_dir);
		}
		if (table_dir && ins[i].kind == IN_BLOCK)
			ret |= emit_block_table(&ins[i], table_dir);
		if (sv_dir && ins[i].kind == IN_BLOCK)
			ret |= emit_block_sv(&ins[i], sv_dir, mutate != NULL);
	}
	if (header_dir || table_dir)
		ret |= emit_block_list(ins, n, header_dir, table_dir);
	if (sv_dir)
		ret |= emit_sv_list(ins, n, sv_dir);
	if (markdown)
		ret |= emit_markdown(ins, n, markdown);
out:
	for (i = 0; i < n; i++)
		free_input(&ins[i]);
	free(ins);
	return ret ? 1 : 0;
}
