// SPDX-License-Identifier: Apache-2.0
// argparse_prelude.hpp - forced into model_runner.cpp (-include) before the
// vendor's tool/argparse.hpp is read.  That header's argparse::castTo() and
// toString() apply >> and << to std::vector, whose operator templates it
// declares only later, in the global namespace.  gcc >= 12 looks an
// operator up where the template is defined, as the standard says, and ADL
// searches only std, so the header no longer compiles unchanged
// (shared/spec/vendor-runtime-hosting.md §2.3 c).  Declaring the three
// operators here, with the two argparse templates their signatures name,
// makes them visible at that point; argparse.hpp's definitions match these
// declarations (its enable_if adds the default argument later, which is
// legal).
#ifndef TPUSIM_ARGPARSE_PRELUDE_HPP
#define TPUSIM_ARGPARSE_PRELUDE_HPP

#include <istream>
#include <ostream>
#include <vector>

namespace argparse {
template <typename T> struct is_standard_type;
template <class Cond, class T> struct enable_if;
} // namespace argparse

template <typename T>
std::ostream &operator<<(std::ostream &out, const std::vector<T> &v);

template <typename T>
typename argparse::enable_if<argparse::is_standard_type<T>, std::istream &>::type
operator>>(std::istream &in, std::vector<T> &v);

template <typename T>
typename argparse::enable_if<argparse::is_standard_type<T>, std::istream &>::type
operator>>(std::istream &in, std::vector<std::vector<T>> &v);

#endif
