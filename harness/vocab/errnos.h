// SPDX-License-Identifier: Apache-2.0
//
// errnos.h - the errno names tpusim reads and prints, defined once.
//
// Scenarios write them in `expect:` (EINVAL or -EINVAL), results print them
// (-ETIMEDOUT), the ABI fuzzer names what a call returned.  The values are
// the host's <cerrno>, which are Linux's on the platforms tpusim runs on.
#ifndef TPUSIM_VOCAB_ERRNOS_H
#define TPUSIM_VOCAB_ERRNOS_H

#include <cerrno>
#include <string>
#include <vector>

#define TPUSIM_ERRNOS(X)                                                                            \
	X(EINVAL) X(EBADF) X(EFAULT) X(ENOTTY) X(ETIMEDOUT) X(ENOMEM) X(EIO) X(EINTR) X(EOPNOTSUPP) \
	X(ENODEV) X(EPERM) X(ENOENT) X(EBUSY) X(ENOSPC) X(ERANGE)

namespace tpusim {

// "EINVAL" or "-EINVAL" -> EINVAL; 0 if the name is not in the table.
int errno_by_name(std::string name);
// EINVAL -> "EINVAL"; a value outside the table -> "E<number>".
std::string errno_name(int err);
// A call's return value as text: "-EINVAL", or the number itself.
std::string rc_text(long rc);
// Every name, in table order (loader messages, docs).
const std::vector<std::string> &errno_names();

} // namespace tpusim

#endif
