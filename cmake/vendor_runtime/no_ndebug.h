/* SPDX-License-Identifier: Apache-2.0 */
/* no_ndebug.h - forced into every vendor runtime translation unit
 * (cmake/vendor_runtime.cmake): the operator tests' asserts and TPU_ASSERT
 * are part of their checks, and without them a failed open or allocation
 * runs on into a null dereference (shared/spec/vendor-runtime-hosting.md
 * §2.3 d).  A build type that adds -DNDEBUG is undone by -UNDEBUG; this
 * catches any path that brings it back. */
#ifdef NDEBUG
#error "vendor runtime built with NDEBUG: its asserts are part of the tests' checks"
#endif
