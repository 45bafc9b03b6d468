// SPDX-License-Identifier: Apache-2.0
//
// cvm_cmdbuf.h - a cvimodel CMDBUF section (cvimodel-format.md 3.2) turned
// into the runtime's command buffer (rt_cmdbuf.h).
//
// The section is a chain of 8-byte cmd_hdr_t + descriptor body: magic 0xA7
// (cv181x), engine 0 = TIU (112-byte body) or 2 = TDMA (64 bytes), in the
// hardware register layout.  Each descriptor goes to the builder verbatim,
// its sync ids as the compiler assigned them; the builder closes a segment
// after an id 0xFFFF and at the end, and later lays out the dmabuf (end
// bits, TIU reorder, relocation) like the vendor runtime's converter.
#ifndef TPUSIM_CVM_CMDBUF_H
#define TPUSIM_CVM_CMDBUF_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

extern "C" {
#include "rt_cmdbuf.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"
}

namespace tpusim::cvm {

constexpr uint8_t kCmdMagicCv181x = 0xA7;
constexpr unsigned kCmdHdrSize = 8;
constexpr unsigned kEngineTiu = 0, kEngineCpu = 1, kEngineTdma = 2;

// A TDMA descriptor's global side: which base register, at what offset.
struct GlobalRef {
	unsigned tdma;        // 0-based TDMA index in the cmdbuf
	bool src;             // the source side (else the destination)
	unsigned sel;         // base register
	uint64_t addr;        // offset from ARRAYBASE[sel]
};

// One descriptor as the compiler stored it, in cmdbuf order.
struct Desc {
	unsigned engine;      // kEngineTiu or kEngineTdma
	tiu_desc tiu;         // valid for kEngineTiu
	tdma_desc tdma;       // valid for kEngineTdma
	unsigned layer;       // the compiler's layer id (TIU layer_info, TDMA layer_id)
};

struct Cmdbuf {
	rt_cmdbuf *cb = nullptr;
	unsigned tiu = 0, tdma = 0;
	std::vector<GlobalRef> globals;
	std::vector<Desc> descs;                     // every descriptor, in cmdbuf order

	Cmdbuf() = default;
	Cmdbuf(const Cmdbuf &) = delete;
	Cmdbuf &operator=(const Cmdbuf &) = delete;
	~Cmdbuf() { rt_cmdbuf_destroy(cb); }
};

// Decode len bytes at p into out.  "" on success, else what is wrong
// (with the entry's byte offset in the section).
std::string decode_cmdbuf(const uint8_t *p, size_t len, Cmdbuf &out);

} // namespace tpusim::cvm

#endif
