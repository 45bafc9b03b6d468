/* SPDX-License-Identifier: Apache-2.0 */
/* string.h - the kernel's string functions are the C library's. */
#ifndef LX_LINUX_STRING_H
#define LX_LINUX_STRING_H

#include <string.h>

#endif /* LX_LINUX_STRING_H */
