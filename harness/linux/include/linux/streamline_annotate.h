/* SPDX-License-Identifier: Apache-2.0 */
/* streamline_annotate.h - the vendor's profiler annotations: none used. */
#ifndef LX_LINUX_STREAMLINE_ANNOTATE_H
#define LX_LINUX_STREAMLINE_ANNOTATE_H

#endif /* LX_LINUX_STREAMLINE_ANNOTATE_H */
