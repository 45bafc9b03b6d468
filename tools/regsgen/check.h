/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check.h - semantic validation of loaded inputs.
 *
 * check_input() checks the relations inside one file (overlaps, duplicate
 * names, offsets against the block size, struct fields against the struct
 * size).  check_names() checks every identifier the emitters will produce,
 * across all inputs of one run, because the generated headers are included
 * together and a clash would otherwise only surface as a redefinition
 * warning (or worse, silently, when the values happen to agree).
 */
#ifndef REGSGEN_CHECK_H
#define REGSGEN_CHECK_H

#include <stddef.h>

#include "model.h"

void check_input(const struct input *in, int strict_names);
void check_names(const struct input *ins, size_t n);

#endif /* REGSGEN_CHECK_H */
