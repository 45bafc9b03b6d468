// SPDX-License-Identifier: Apache-2.0
//
// ioctls.h - the ioctl commands of /dev/cvi-tpu0 and /dev/ion, by name.
//
// One row per command: X(NAME, number, device).  The numbers come from the
// uapi headers (include/tpu/uapi), which pin them to the vendor's; this
// table only gives them the names scenarios write (`cmd: SUBMIT_DMABUF`),
// coverage bins use (ioctl:SUBMIT_DMABUF@idle) and the fuzzers print.
#ifndef TPUSIM_VOCAB_IOCTLS_H
#define TPUSIM_VOCAB_IOCTLS_H

#include <cstddef>
#include <string>
#include <vector>

#include "table.h"

extern "C" {
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"
}

// The argument each command points at, for a caller that must copy it into
// simulated user memory and back (a relinked client, harness/client): its
// size (TPU commands all encode 8, whatever they point at), where a file
// descriptor sits in it and whether the kernel writes that fd, and a user
// pointer to an array inside it (offset, offset of its u32 element count,
// element size).  -1: no such field.  Direction: the command's _IOC bits.
namespace tpusim {
struct IoctlLayout {
	unsigned bytes;
	int fd_off;
	bool fd_out;
	int ptr_off, count_off;
	unsigned elem;
};
} // namespace tpusim

#define TPUSIM_IOARG(type) {sizeof(type), -1, false, -1, -1, 0}
#define TPUSIM_IOARG_FD(type, field, out) {sizeof(type), static_cast<int>(offsetof(type, field)), out, -1, -1, 0}

#define TPUSIM_IOCTLS(X)                                                                            \
	X(SUBMIT_DMABUF, CVITPU_SUBMIT_DMABUF, tpu, TPUSIM_IOARG_FD(cvi_submit_dma_arg, fd, false)) \
	X(DMABUF_FLUSH_FD, CVITPU_DMABUF_FLUSH_FD, tpu, (IoctlLayout{sizeof(int32_t), 0, false, -1, -1, 0})) \
	X(DMABUF_INVLD_FD, CVITPU_DMABUF_INVLD_FD, tpu, (IoctlLayout{sizeof(int32_t), 0, false, -1, -1, 0})) \
	X(DMABUF_FLUSH, CVITPU_DMABUF_FLUSH, tpu, TPUSIM_IOARG_FD(cvi_cache_op_arg, dma_fd, false)) \
	X(DMABUF_INVLD, CVITPU_DMABUF_INVLD, tpu, TPUSIM_IOARG_FD(cvi_cache_op_arg, dma_fd, false)) \
	X(WAIT_DMABUF, CVITPU_WAIT_DMABUF, tpu, TPUSIM_IOARG(cvi_wait_dma_arg))                    \
	X(PIO_MODE, CVITPU_PIO_MODE, tpu, TPUSIM_IOARG(cvi_pio_mode))                              \
	X(LOAD_TEE, CVITPU_LOAD_TEE, tpu, TPUSIM_IOARG(cvi_load_tee_arg))                          \
	X(SUBMIT_TEE, CVITPU_SUBMIT_TEE, tpu, TPUSIM_IOARG(cvi_submit_tee_arg))                    \
	X(UNLOAD_TEE, CVITPU_UNLOAD_TEE, tpu, TPUSIM_IOARG(cvi_unload_tee_arg))                    \
	X(SUBMIT_PIO, CVITPU_SUBMIT_PIO, tpu, TPUSIM_IOARG(cvi_tdma_copy_arg))                     \
	X(WAIT_PIO, CVITPU_WAIT_PIO, tpu, TPUSIM_IOARG(cvi_tdma_wait_arg))                         \
	X(GET_USAGE, CVITPU_GET_USAGE, tpu, TPUSIM_IOARG(uint64_t))                                \
	X(ION_ALLOC, ION_IOC_ALLOC, ion, TPUSIM_IOARG_FD(ion_allocation_data, fd, true))           \
	X(ION_FREE, ION_IOC_FREE, ion, TPUSIM_IOARG(uint32_t))                                     \
	X(ION_IMPORT, ION_IOC_IMPORT, ion, TPUSIM_IOARG_FD(ion_fd_data, fd, false))                \
	X(ION_HEAP_QUERY, ION_IOC_HEAP_QUERY, ion,                                                  \
	  (IoctlLayout{sizeof(ion_heap_query), -1, false, static_cast<int>(offsetof(ion_heap_query, heaps)), \
		    static_cast<int>(offsetof(ion_heap_query, cnt)), sizeof(ion_heap_data)}))

namespace tpusim {

enum class Ioctl {
#define TPUSIM_X(name, cmd, dev, arg) name,
	TPUSIM_IOCTLS(TPUSIM_X)
#undef TPUSIM_X
};

struct IoctlInfo {
	const char *key;    // the name scenarios and coverage bins use
	unsigned cmd;
	const char *dev;    // "tpu" | "ion"
	IoctlLayout arg;
};

const Table<Ioctl, IoctlInfo> &ioctl_table();
// The command's name, or "other" for a number no row has.
const char *ioctl_name(unsigned cmd);
// The row of a command number; nullptr when no row has it.
const IoctlInfo *ioctl_info(unsigned cmd);
// Name -> number; false if no row has that name.
bool ioctl_by_name(const std::string &name, unsigned &cmd);
const std::vector<std::string> &ioctl_names();

} // namespace tpusim

#endif
