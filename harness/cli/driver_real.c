/* SPDX-License-Identifier: Apache-2.0 */
/* driver_real.c - this tpusim hosts the real driver (no mutant). */
const char tpusim_driver_mutant[] = "";
