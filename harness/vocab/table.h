// SPDX-License-Identifier: Apache-2.0
//
// table.h - the lookups every vocabulary table needs, written once: row by
// enum value, enum value by key, and the list of keys for "expected one of"
// messages.  A vocabulary is an X-macro (steps.h, faults.h, ...) expanded
// into the enum and into one Table of rows in enum order.
#ifndef TPUSIM_VOCAB_TABLE_H
#define TPUSIM_VOCAB_TABLE_H

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace tpusim {

template <class Kind, class Info> class Table {
public:
	struct Row {
		Kind kind;
		Info info;
	};

	// Rows in enum order: the X-macro expands the enum and the rows from
	// the same list, so row i is enum value i.
	Table(std::initializer_list<Row> rows) : rows_(rows)
	{
		for (const Row &r : rows_)
			keys_.push_back(r.info.key);
	}

	const Info &operator[](Kind k) const { return rows_[static_cast<size_t>(k)].info; }
	const std::vector<Row> &rows() const { return rows_; }
	const std::vector<std::string> &keys() const { return keys_; }

	const Row *find(const std::string &key) const
	{
		for (const Row &r : rows_)
			if (key == r.info.key)
				return &r;
		return nullptr;
	}

	// The keys of the rows whose flags have `flag`, for messages such as
	// "'as' applies to open and dup steps only".
	std::vector<std::string> keys_with(unsigned flag) const
	{
		std::vector<std::string> out;
		for (const Row &r : rows_)
			if (r.info.flags & flag)
				out.push_back(r.info.key);
		return out;
	}

private:
	std::vector<Row> rows_;
	std::vector<std::string> keys_;
};

} // namespace tpusim

#endif
