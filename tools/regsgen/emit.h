/* SPDX-License-Identifier: Apache-2.0 */
/*
 * emit.h - the output writers of regsgen and the file helpers they share.
 *
 * Every writer produces its whole file in a temporary next to the target
 * and renames it into place, so an interrupted or failed run never leaves a
 * half-written header that a later incremental build would trust.
 */
#ifndef REGSGEN_EMIT_H
#define REGSGEN_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

struct outfile {
	FILE *f;
	char *path;
	char *tmp;
};

int out_open(struct outfile *o, const char *dir, const char *name);
int out_close(struct outfile *o);  /* 0 on success; removes the temporary on failure */

/* Writes the first line of s with comment terminators defused. */
void put_comment_line(FILE *f, const char *s);

int emit_block_header(const struct input *in, const char *dir);
int emit_block_table(const struct input *in, const char *dir);
int emit_struct_header(const struct input *in, const char *dir);
/* regblocks.h into header_dir and regblocks.c into table_dir (either may
 * be NULL): tpu_regblk_all[] lists the blocks in input order. */
int emit_block_list(const struct input *ins, size_t n, const char *header_dir, const char *table_dir);
/* tpu_<block>_regs.sv and its C++ port map tpu_<block>_regs_ports.h into dir;
 * w1c_as_rw emits a deliberately wrong rule (the differential fuzzer's proof). */
int emit_block_sv(const struct input *in, const char *dir, int w1c_as_rw);
/* tpu_rtl_blocks.h: includes every port map and lists the blocks as
 * TPU_RTL_BLOCKS(X), X(block) per block, for the wrapper's factory. */
int emit_sv_list(const struct input *ins, size_t n, const char *dir);
int emit_markdown(const struct input *ins, size_t n, const char *path);

#endif /* REGSGEN_EMIT_H */
