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

#include <string>
#include <vector>

#include "table.h"

extern "C" {
#include "tpu/uapi/ion.h"
#include "tpu/uapi/tpu_ioctl.h"
}

#define TPUSIM_IOCTLS(X)                                                                            \
	X(SUBMIT_DMABUF, CVITPU_SUBMIT_DMABUF, tpu)                                                 \
	X(DMABUF_FLUSH_FD, CVITPU_DMABUF_FLUSH_FD, tpu)                                             \
	X(DMABUF_INVLD_FD, CVITPU_DMABUF_INVLD_FD, tpu)                                             \
	X(DMABUF_FLUSH, CVITPU_DMABUF_FLUSH, tpu)                                                   \
	X(DMABUF_INVLD, CVITPU_DMABUF_INVLD, tpu)                                                   \
	X(WAIT_DMABUF, CVITPU_WAIT_DMABUF, tpu)                                                     \
	X(PIO_MODE, CVITPU_PIO_MODE, tpu)                                                           \
	X(LOAD_TEE, CVITPU_LOAD_TEE, tpu)                                                           \
	X(SUBMIT_TEE, CVITPU_SUBMIT_TEE, tpu)                                                       \
	X(UNLOAD_TEE, CVITPU_UNLOAD_TEE, tpu)                                                       \
	X(SUBMIT_PIO, CVITPU_SUBMIT_PIO, tpu)                                                       \
	X(WAIT_PIO, CVITPU_WAIT_PIO, tpu)                                                           \
	X(GET_USAGE, CVITPU_GET_USAGE, tpu)                                                         \
	X(ION_ALLOC, ION_IOC_ALLOC, ion)                                                            \
	X(ION_FREE, ION_IOC_FREE, ion)                                                              \
	X(ION_IMPORT, ION_IOC_IMPORT, ion)                                                          \
	X(ION_HEAP_QUERY, ION_IOC_HEAP_QUERY, ion)

namespace tpusim {

enum class Ioctl {
#define TPUSIM_X(name, cmd, dev) name,
	TPUSIM_IOCTLS(TPUSIM_X)
#undef TPUSIM_X
};

struct IoctlInfo {
	const char *key;    // the name scenarios and coverage bins use
	unsigned cmd;
	const char *dev;    // "tpu" | "ion"
};

const Table<Ioctl, IoctlInfo> &ioctl_table();
// The command's name, or "other" for a number no row has.
const char *ioctl_name(unsigned cmd);
// Name -> number; false if no row has that name.
bool ioctl_by_name(const std::string &name, unsigned &cmd);
const std::vector<std::string> &ioctl_names();

} // namespace tpusim

#endif
