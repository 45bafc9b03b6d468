/* SPDX-License-Identifier: Apache-2.0 */
/*
 * load.h - reading one regs/ YAML file into struct input.
 *
 * load_input() does the syntax and schema work (YAML errors, unknown,
 * missing and duplicate keys, value types, and checks that concern a single
 * value such as a malformed "bits" string).  Relations between elements
 * (overlaps, duplicate names, offsets against the block size) are left to
 * check.c, which only runs on inputs that loaded cleanly, so one typo does
 * not produce a cascade of follow-on errors.
 */
#ifndef REGSGEN_LOAD_H
#define REGSGEN_LOAD_H

#include "model.h"

/* Returns 0 if the file loaded without errors; errors are printed. */
int load_input(const char *path, struct input *in);

/* Releases everything load_input() allocated, also after a failed load. */
void free_input(struct input *in);

#endif /* REGSGEN_LOAD_H */
