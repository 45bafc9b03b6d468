// SPDX-License-Identifier: Apache-2.0
//
// cvm_cmdbuf.cpp - walk a cvimodel cmdbuf into the runtime's builder
// (cvm_cmdbuf.h).
#include "cvm_cmdbuf.h"

#include <cerrno>
#include <sstream>

extern "C" {
#include "tpu/bits.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_desc.h"
#include "tpu/tiu_desc.h"
}

namespace tpusim::cvm {

namespace {

std::string at(size_t off, const std::string &what)
{
	std::ostringstream os;
	os << "cmdbuf entry at byte " << off << ": " << what;
	return os.str();
}

// The builder refuses a descriptor only when its own id is out of sequence.
std::string appended(int rc, size_t off, const char *engine, uint32_t id, uint32_t want)
{
	if (rc >= 0)
		return "";
	if (rc == -EINVAL)
		return at(off, std::string(engine) + " id " + std::to_string(id) + " out of sequence (expected " +
				       std::to_string(want) + ")");
	return at(off, std::string("the command buffer builder failed (") + std::to_string(rc) + ")");
}

void note_global(Cmdbuf &out, const tdma_desc &d, bool src)
{
	GlobalRef g;
	g.tdma = out.tdma;
	g.src = src;
	g.sel = src ? d.src_base_reg_sel : d.dst_base_reg_sel;
	g.addr = src ? (static_cast<uint64_t>(d.src_base_addr_high) << 32 | d.src_base_addr_low)
		     : (static_cast<uint64_t>(d.dst_base_addr_high) << 32 | d.dst_base_addr_low);
	out.globals.push_back(g);
}

} // namespace

std::string decode_cmdbuf(const uint8_t *p, size_t len, Cmdbuf &out)
{
	out.cb = rt_cmdbuf_create();
	if (!out.cb)
		return "out of memory";
	size_t off = 0;
	uint32_t seg_tiu = 0, seg_tdma = 0;   // ids so far in the open segment
	while (off < len) {
		uint32_t last_id = 0;
		if (len - off < kCmdHdrSize)
			return at(off, "truncated header (" + std::to_string(len - off) + " bytes left)");
		const uint8_t *h = p + off;
		if (h[0] != kCmdMagicCv181x) {
			std::ostringstream os;
			os << "magic 0x" << std::hex << unsigned(h[0]) << ", expected 0x" << unsigned(kCmdMagicCv181x)
			   << " (cv181x)";
			return at(off, os.str());
		}
		const unsigned engine = h[2] & 0xF;
		const uint32_t body = h[1] ? h[1] : tpu_le32(h + 4);
		const uint32_t want = engine == kEngineTiu ? TIU_DESC_SIZE : engine == kEngineTdma ? TDMA_DESC_SIZE : 0;
		if (engine == kEngineCpu)
			return at(off, "a CPU descriptor (not produced by tpu-mlir for cv181x; not supported)");
		if (!want)
			return at(off, "unknown engine " + std::to_string(engine));
		if (body != want)
			return at(off, std::string(engine == kEngineTiu ? "TIU" : "TDMA") + " body of " +
					       std::to_string(body) + " bytes, expected " + std::to_string(want));
		if (len - off - kCmdHdrSize < body)
			return at(off, "truncated body (" + std::to_string(len - off - kCmdHdrSize) + " of " +
					       std::to_string(body) + " bytes)");
		const uint8_t *b = h + kCmdHdrSize;
		std::string err;
		if (engine == kEngineTiu) {
			tiu_desc d;
			tiu_desc_unpack(&d, b);
			err = appended(rt_cmdbuf_tiu_verbatim(out.cb, &d), off, "TIU", d.cmd_id_tpu, seg_tiu + 1);
			if (err.empty()) {
				seg_tiu++;
				last_id = d.cmd_id_tpu;
				out.tiu++;
				out.descs.push_back(Desc{kEngineTiu, d, {}, d.layer_info});
			}
		} else {
			tdma_desc d;
			tdma_desc_unpack(&d, b);
			err = appended(rt_cmdbuf_tdma_verbatim(out.cb, &d), off, "TDMA", d.cmd_id, seg_tdma + 1);
			if (err.empty()) {
				seg_tdma++;
				last_id = d.cmd_id;
				// The global sides (cvimodel-format.md 3.2); a constant
				// fill reads no source.
				if ((d.trans_dir == TDMA_DESC_TRANS_DIR_G2L || d.trans_dir == TDMA_DESC_TRANS_DIR_G2G) &&
				    d.spec_func == 0)
					note_global(out, d, true);
				if (d.trans_dir == TDMA_DESC_TRANS_DIR_L2G || d.trans_dir == TDMA_DESC_TRANS_DIR_G2G)
					note_global(out, d, false);
				out.tdma++;
				out.descs.push_back(Desc{kEngineTdma, {}, d, d.layer_id});
			}
		}
		if (!err.empty())
			return err;
		if (last_id == TPU_SYNC_ID_MAX)
			seg_tiu = seg_tdma = 0;   // the builder closed the segment
		off += kCmdHdrSize + body;
	}
	return "";
}

} // namespace tpusim::cvm
