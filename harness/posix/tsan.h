// SPDX-License-Identifier: Apache-2.0
//
// tsan.h - ThreadSanitizer annotations for the POSIX host's bridge.
//
// The SystemC kernel is one thread that every other thread talks to (MMIO,
// DMA memory).  If TSan saw that traffic as synchronisation, every device
// access would order the threads that made it, and a race in the driver
// between two threads that both touch the device would be hidden.  The
// bridge therefore runs its hand-offs inside an "ignore" region: neither
// its synchronisation nor its memory accesses are seen by TSan.  On
// silicon an MMIO access orders nothing between CPUs either.
//
// Outside a -fsanitize=thread build the macros are empty.
#ifndef TPUSIM_POSIX_TSAN_H
#define TPUSIM_POSIX_TSAN_H

#if defined(__SANITIZE_THREAD__)
#define TPUSIM_POSIX_TSAN 1
extern "C" {
void AnnotateIgnoreReadsBegin(const char *f, int l);
void AnnotateIgnoreReadsEnd(const char *f, int l);
void AnnotateIgnoreWritesBegin(const char *f, int l);
void AnnotateIgnoreWritesEnd(const char *f, int l);
void AnnotateIgnoreSyncBegin(const char *f, int l);
void AnnotateIgnoreSyncEnd(const char *f, int l);
}
#define TPUSIM_TSAN_IGNORE_BEGIN()                                                       \
	do {                                                                              \
		AnnotateIgnoreReadsBegin(__FILE__, __LINE__);                             \
		AnnotateIgnoreWritesBegin(__FILE__, __LINE__);                            \
		AnnotateIgnoreSyncBegin(__FILE__, __LINE__);                              \
	} while (0)
#define TPUSIM_TSAN_IGNORE_END()                                                         \
	do {                                                                              \
		AnnotateIgnoreSyncEnd(__FILE__, __LINE__);                                \
		AnnotateIgnoreWritesEnd(__FILE__, __LINE__);                              \
		AnnotateIgnoreReadsEnd(__FILE__, __LINE__);                               \
	} while (0)
#else
#define TPUSIM_POSIX_TSAN 0
#define TPUSIM_TSAN_IGNORE_BEGIN() do { } while (0)
#define TPUSIM_TSAN_IGNORE_END() do { } while (0)
#endif

#endif
