// SPDX-License-Identifier: Apache-2.0
//
// kasan_hooks.cpp - the shadow-check calls of a KASAN-instrumented driver
// (top-level CMakeLists.txt, TPUSIM_DRIVER_KASAN_FLAGS) on the POSIX host.
//
// This host keeps no shadow of its kernel heap: its kernel memory is the
// C library's, and its memory checking is the AddressSanitizer build (and
// ThreadSanitizer's), where the driver is not built with these calls.  The
// sim-OS is the host that checks them (harness/os/kheap.h).
#include <cstddef>
#include <cstdint>

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define TPUSIM_KASAN_NOP(n)                                          \
	extern "C" void __asan_load##n##_noabort(uintptr_t) {}      \
	extern "C" void __asan_store##n##_noabort(uintptr_t) {}
TPUSIM_KASAN_NOP(1)
TPUSIM_KASAN_NOP(2)
TPUSIM_KASAN_NOP(4)
TPUSIM_KASAN_NOP(8)
TPUSIM_KASAN_NOP(16)
#undef TPUSIM_KASAN_NOP
extern "C" void __asan_loadN_noabort(uintptr_t, size_t) {}
extern "C" void __asan_storeN_noabort(uintptr_t, size_t) {}
#endif
