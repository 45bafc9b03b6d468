/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hx_sys.h - moved to include/tpu/hx_sys.h (include it as "tpu/hx_sys.h").
 * Kept only until harness/scenario/steps.cpp includes the new path; delete
 * it then.
 */
#include "tpu/hx_sys.h"
