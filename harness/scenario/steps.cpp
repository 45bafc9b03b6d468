// SPDX-License-Identifier: Apache-2.0
//
// steps.cpp - the per-thread step interpreter.  Runs in a simulated user
// thread; every step is made of system calls and runtime calls, so the
// driver sees exactly what a real application would do.
#include <sstream>

#include "dma_alloc.h"
#include "ioctls.h"
#include "run_ctx.h"
#include "cl_client.h"
#include "step_model.h"

extern "C" {
#include "tpu/driver.h"
#include "tpu/hx_sys.h"
#include "tpu/dmabuf.h"
#include "tpu/hwcfg.h"
#include "tpu/uapi/tpu_ioctl.h"
}

namespace tpusim::scn {

namespace {

// Below TPU_DRAM_BASE the TPU's DMA space has nothing mapped (hwcfg.h): a
// transfer there ends with the TDMA's bus-error status.
constexpr uint64_t kUnmappedBase = 0x10000000ull;
static_assert(kUnmappedBase < TPU_DRAM_BASE, "below DRAM");

const char *kind_name(Step::Kind k)
{
	return step_table()[k].key;
}

// Compare a call's result with the step's expectation; a mismatch is a
// step-failed finding naming the step's position in the file.
void expect_rc(ThreadCtx &tc, const Step &st, int rc, int job_ret = 0, bool is_wait = false)
{
	const Expect &e = st.expect;
	bool ok = false;
	std::string want;

	// What the user saw, for a differential run across drivers.
	tc.run->outcomes.push_back(tc.name + ": " + kind_name(st.kind) + " (line " + std::to_string(st.mark.line) +
				   ") -> " + rc_text(rc) +
				   (is_wait && rc == 0 ? ", job " + rc_text(job_ret) : std::string()));

	switch (e.kind) {
	case Expect::Kind::any:
		return;
	case Expect::Kind::ok:
		ok = rc >= 0 && (!is_wait || job_ret == 0);
		want = "success";
		break;
	case Expect::Kind::timeout:
		ok = rc == -ETIMEDOUT;
		want = "-ETIMEDOUT";
		break;
	case Expect::Kind::error:
		ok = rc == -e.err;
		want = "-" + errno_name(e.err);
		break;
	case Expect::Kind::job_error:
		ok = rc == 0 && job_ret == -e.err;
		want = "job result -" + errno_name(e.err);
		break;
	}
	if (ok)
		return;
	std::ostringstream os;
	os << Diag{st.mark, ""}.str() << tc.name << ": " << kind_name(st.kind) << " returned "
	   << rc_text(rc);
	if (is_wait && rc == 0)
		os << " with job result " << rc_text(job_ret);
	os << ", expected " << want;
	tc.run->finding(Checker::step_failed, os.str());
}

// A step's simulated duration against its `took` bounds.
void check_took(ThreadCtx &tc, const Step &st, uint64_t t0)
{
	if (st.took_min_ms < 0 && st.took_max_ms < 0)
		return;
	const double ms = static_cast<double>(RunCtx::now_ps() - t0) / 1e9;
	if ((st.took_min_ms < 0 || ms >= st.took_min_ms) && (st.took_max_ms < 0 || ms <= st.took_max_ms))
		return;
	std::ostringstream os;
	os << Diag{st.took_mark, ""}.str() << tc.name << ": " << kind_name(st.kind) << " took " << ms
	   << " ms, expected ";
	if (st.took_min_ms >= 0)
		os << "at least " << st.took_min_ms << " ms" << (st.took_max_ms >= 0 ? " and " : "");
	if (st.took_max_ms >= 0)
		os << "at most " << st.took_max_ms << " ms";
	tc.run->finding(Checker::step_failed, os.str());
}

// The runtime device of this thread, opened on first use.
int ensure_rt(ThreadCtx &tc)
{
	if (tc.rt_open)
		return 0;
	int rc = rt_dev_open(&tc.rt);
	if (!rc)
		tc.rt_open = true;
	return rc;
}

// The device handle a SUBMIT/WAIT goes through: the scenario's "tpu" fd
// when it opened one, else the runtime's own.
rt_dev ioctl_dev(ThreadCtx &tc)
{
	rt_dev d = tc.rt;
	auto it = tc.fds.find("tpu");

	if (it != tc.fds.end())
		d.tpu_fd = it->second;
	return d;
}

void span(ThreadCtx &tc, const Step &st, uint64_t t0, const std::string &args, uint64_t flow = 0)
{
	TraceEvent e;

	e.ts_ps = t0;
	e.dur_ps = RunCtx::now_ps() - t0;
	e.track = tc.name;
	e.name = kind_name(st.kind);
	e.args = args;
	e.flow = flow;
	tc.run->trace(std::move(e));
}

int do_submit(ThreadCtx &tc, const Step &st)
{
	RunCtx &rc = *tc.run;
	uint32_t seq = static_cast<uint32_t>(eval_value(tc, st.seq));
	const Job &job = rc.s.jobs.at(st.job);
	const CompiledJob &cj = *rc.compiled.at(st.job);
	auto inst = std::make_unique<Instance>();
	uint64_t base[8] = {0};
	rt_build_opts opts = {};
	int r;

	if ((r = ensure_rt(tc)))
		return r;
	inst->thread = tc.name;
	inst->tid = tc.t->tid;
	inst->seq = seq;
	inst->job = &job;
	inst->cj = &cj;
	inst->flow = rc.next_flow++;
	for (BuildFlag f : job.build.on)
		opts.flags |= build_flag_table()[f].rt_flag;
	long img_size = rt_dmabuf_size_opts(cj.cb, &opts);
	if (img_size < 0)
		return static_cast<int>(img_size);
	inst->separate = job.separate_data;
	// The data start past its page (Job::align): 0, a line, or 16 bytes
	// into a line, so cache maintenance ranges start and end mid-line.
	const uint64_t skew = job.align == Job::Align::line ? 64 : job.align == Job::Align::mid ? 16 : 0;
	inst->data_off = (inst->separate ? 0 : (static_cast<uint64_t>(img_size) + 4095) / 4096 * 4096) + skew;
	if ((r = rt_buf_alloc(&tc.rt, inst->separate ? static_cast<uint64_t>(img_size)
						     : inst->data_off + cj.data_bytes,
			      job.cached, &inst->cmd)))
		return r;
	inst->cmd_open = true;
	if (inst->separate) {
		if ((r = rt_buf_alloc(&tc.rt, inst->data_off + cj.data_bytes, job.cached, &inst->data)))
			return r;
		inst->data_open = true;
	}
	base[2] = inst->data_buf().paddr + inst->data_base();
	if (job.build.has(BuildFlag::base_unmapped))
		base[2] = kUnmappedBase;  // nothing answers there: a bus error
	if (job.build.has(BuildFlag::base_outside))
		base[2] += 64ull << 20;  // a relocation bug: the data is elsewhere
	std::vector<uint8_t> img(static_cast<size_t>(img_size));
	// A buffer the allocator misplaced (misalign_alloc fault) is still
	// built, as for the page it starts in: the driver must refuse it.
	long built = rt_dmabuf_build_opts(cj.cb, inst->cmd.paddr & ~0xFFFull, base, &opts, img.data(),
					  img.size());
	if (built < 0)
		return static_cast<int>(built);
	if (job.build.has(BuildFlag::bad_magic))
		img[0] = img[1] = 0;
	if (job.build.has(BuildFlag::desc_count_past_end)) {
		// Past the buffer, not only past the image: ION allocates whole
		// pages, and a count that ends inside the last one would still be
		// read from the buffer.
		const uint64_t pages = (inst->cmd.size + TPU_DRAM_PAGE_SIZE - 1) / TPU_DRAM_PAGE_SIZE;
		const uint32_t n = static_cast<uint32_t>(
			(pages * TPU_DRAM_PAGE_SIZE - TPU_DMABUF_HDR_SIZE) / TPU_CPU_DESC_SIZE + 1);
		memcpy(img.data() + offsetof(struct tpu_dma_hdr, cpu_desc_count), &n, sizeof(n));
	}
	if ((r = rt_buf_write(&inst->cmd, 0, img.data(), img.size())) ||
	    (r = rt_buf_write(&inst->data_buf(), inst->data_base(), cj.input_image.data(),
			      cj.input_image.size())))
		return r;
	// The runtime flushes what the CPU wrote before the TPU reads it
	// (a cached job with no_flush is the runtime bug where it does not).
	if (!job.build.has(BuildFlag::no_flush) &&
	    ((r = rt_buf_flush(&tc.rt, &inst->cmd, 0, img.size())) ||
	     (r = rt_buf_flush(&tc.rt, &inst->data_buf(), inst->data_base(), cj.input_image.size()))))
		return r;
	Instance *raw = inst.get();
	rc.by_cmd[inst->cmd.paddr] = raw;
	tc.by_seq[seq] = raw;
	rc.instances.push_back(std::move(inst));
	rc.open_instances.push_back(raw);

	rt_dev d = ioctl_dev(tc);
	raw->submit_s = sc_core::sc_time_stamp().to_seconds();
	r = rt_submit(&d, &raw->cmd, seq);
	if (!r && ++rc.queued > rc.max_queue)
		rc.max_queue = rc.queued;
	return r;
}

// close_job closes the command buffer; free_job also the separate data.
void close_instance(Instance *inst, bool data_too)
{
	if (inst->cmd_open) {
		rt_buf_free(&inst->cmd);
		inst->cmd_open = false;
	}
	if (data_too && inst->data_open) {
		rt_buf_free(&inst->data);
		inst->data_open = false;
	}
}

// A check: on what an ioctl copied out into its {bytes: [...]} argument.
void check_ioctl_out(ThreadCtx &tc, const Step &st, const std::vector<uint8_t> &out)
{
	const IoctlCheck &c = st.ioctl_check;
	uint64_t v = 0;

	for (unsigned i = c.size; i-- > 0;)
		v = v << 8 | out.at(c.offset + i);
	if (v >= c.min && v <= c.max)
		return;
	std::ostringstream os;
	os << Diag{c.mark, ""}.str() << tc.name << ": ioctl " << ioctl_name(st.ioctl_cmd) << ": the " << c.size
	   << "-byte value at offset " << c.offset << " of the argument is " << v << " after the call, expected ";
	if (c.min > 0)
		os << "at least " << c.min << (c.max < UINT64_MAX ? " and " : "");
	if (c.max < UINT64_MAX)
		os << "at most " << c.max;
	tc.run->finding(Checker::step_failed, os.str());
}

// read {match: REGEX}: the bytes read, as text, must match.
void check_read_match(ThreadCtx &tc, const Step &st, const std::string &got)
{
	if (regexec(st.match_re.get(), got.c_str(), 0, nullptr, 0) == 0)
		return;
	auto one_line = [](const std::string &t) {
		std::string out;
		for (char ch : t)
			out += ch == '\n' ? std::string("\\n") : std::string(1, ch);
		return out;
	};
	std::ostringstream os;
	os << Diag{st.mark, ""}.str() << tc.name << ": read returned \"" << one_line(got)
	   << "\", which does not match /" << one_line(st.match) << "/";
	tc.run->finding(Checker::step_failed, os.str());
}

int do_ioctl(ThreadCtx &tc, const Step &st, std::vector<uint8_t> *out)
{
	auto it = tc.fds.find(st.fd);
	int fd = it == tc.fds.end() ? -1 : it->second;
	const IoctlArg &a = st.ioctl_arg;
	uint64_t uarg = 0;

	switch (a.kind) {
	case IoctlArg::Kind::null:
		break;
	case IoctlArg::Kind::wild:
		uarg = a.wild;
		break;
	case IoctlArg::Kind::bytes:
		uarg = hx_umalloc(a.bytes.size());
		hx_uwrite(uarg, a.bytes.data(), a.bytes.size());
		break;
	case IoctlArg::Kind::fd_ptr: {
		auto f = tc.fds.find(a.fd_var);
		int v = f == tc.fds.end() ? -1 : f->second;
		uarg = hx_umalloc(sizeof(v));
		hx_uwrite(uarg, &v, sizeof(v));
		break;
	}
	case IoctlArg::Kind::job_fd: {
		auto f = tc.by_seq.find(static_cast<uint32_t>(eval_value(tc, a.seq)));
		int v = f == tc.by_seq.end() ? -1 : f->second->cmd.fd;
		cvi_submit_dma_arg s = {v, static_cast<uint32_t>(eval_value(tc, a.seq))};
		uarg = hx_umalloc(sizeof(s));
		hx_uwrite(uarg, &s, sizeof(s));
		break;
	}
	}
	long r = hx_ioctl(fd, st.ioctl_cmd, uarg);
	if (out && a.kind == IoctlArg::Kind::bytes) {
		out->resize(a.bytes.size());
		if (hx_uread(uarg, out->data(), out->size()))
			out->clear();
	}
	if (uarg && a.kind != IoctlArg::Kind::wild)
		hx_ufree(uarg);
	return static_cast<int>(r);
}

void barrier_wait(ThreadCtx &tc, const std::string &name)
{
	RunCtx &rc = *tc.run;
	Barrier &b = rc.barriers[name];
	SimOs &os = rc.h.os;

	if (++b.arrived >= b.expected) {
		b.arrived = 0;
		b.generation++;
		for (SimThread *w : b.waiters)
			w->wake_ev.notify(sc_core::SC_ZERO_TIME);
		b.waiters.clear();
		return;
	}
	uint64_t gen = b.generation;
	b.waiters.push_back(tc.t);
	while (b.generation == gen)
		os.sleep(tc.t, sc_core::SC_ZERO_TIME, true, "barrier " + name);
}

bool run_steps(ThreadCtx &tc, const std::vector<Step> &steps);

// Returns false when the thread must end (exit step, or its process exited).
bool run_step(ThreadCtx &tc, const Step &st)
{
	RunCtx &rc = *tc.run;
	uint64_t t0 = RunCtx::now_ps();
	int r = 0;

	if (tc.proc->exited)
		return false;
	tc.current = &st;
	switch (st.kind) {
	case Step::Kind::open: {
		r = hx_open(st.dev == "ion" ? ION_DEV_PATH : st.dev == "tpu" ? TPU_DEV_PATH : st.dev.c_str());
		tc.fds[st.as.empty() ? st.dev : st.as] = r;
		expect_rc(tc, st, r);
		span(tc, st, t0, "fd=" + std::to_string(r));
		break;
	}
	case Step::Kind::close: {
		auto it = tc.fds.find(st.fd);
		r = hx_close(it == tc.fds.end() ? -1 : it->second);
		if (it != tc.fds.end())
			it->second = -1;
		expect_rc(tc, st, r);
		span(tc, st, t0, "rc=" + rc_text(r));
		break;
	}
	case Step::Kind::dup: {
		auto it = tc.fds.find(st.fd);
		r = hx_dup(it == tc.fds.end() ? -1 : it->second);
		tc.fds[st.as] = r;
		expect_rc(tc, st, r);
		span(tc, st, t0, "fd=" + std::to_string(r));
		break;
	}
	case Step::Kind::submit: {
		r = do_submit(tc, st);
		expect_rc(tc, st, r);
		auto it = tc.by_seq.find(static_cast<uint32_t>(eval_value(tc, st.seq)));
		span(tc, st, t0, "seq=" + std::to_string(eval_value(tc, st.seq)) + " rc=" + rc_text(r),
		     it != tc.by_seq.end() ? it->second->flow : 0);
		break;
	}
	case Step::Kind::wait: {
		uint32_t seq = static_cast<uint32_t>(eval_value(tc, st.seq));
		auto it = tc.by_seq.find(seq);
		Instance *inst = it == tc.by_seq.end() ? nullptr : it->second;
		rt_dev d = ioctl_dev(tc);
		int ret = 0;
		double w0 = sc_core::sc_time_stamp().to_seconds();
		unsigned tries = st.retries + 1;

		while (tries-- > 0 && (r = rt_wait(&d, seq, &ret)) == -ETIMEDOUT)
			;
		rc.check_wait(tc, inst, seq, r, ret, w0);
		expect_rc(tc, st, r, ret, true);
		span(tc, st, t0, "seq=" + std::to_string(seq) + " rc=" + rc_text(r) +
				 " ret=" + rc_text(ret), inst ? inst->flow : 0);
		break;
	}
	case Step::Kind::close_job:
	case Step::Kind::free_job: {
		auto it = tc.by_seq.find(static_cast<uint32_t>(eval_value(tc, st.seq)));
		if (it != tc.by_seq.end())
			close_instance(it->second, st.kind == Step::Kind::free_job);
		span(tc, st, t0, "");
		break;
	}
	case Step::Kind::sleep:
		hx_usleep(static_cast<uint64_t>(st.duration_ms * 1000.0));
		span(tc, st, t0, "");
		break;
	case Step::Kind::barrier:
		barrier_wait(tc, st.barrier);
		span(tc, st, t0, st.barrier);
		break;
	case Step::Kind::exit:
		rc.h.os.vfs().exit_process(tc.proc);
		for (auto &inst : rc.instances)
			for (auto &other : rc.threads)
				if (other->proc == tc.proc && inst->thread == other->name)
					inst->cmd_open = inst->data_open = false;
		for (auto &other : rc.threads)
			if (other->proc == tc.proc)
				other->rt_open = false;
		span(tc, st, t0, "");
		return false;
	case Step::Kind::ioctl: {
		std::vector<uint8_t> out;
		r = do_ioctl(tc, st, st.ioctl_check.on ? &out : nullptr);
		expect_rc(tc, st, r);
		if (st.ioctl_check.on && r >= 0 && !out.empty())
			check_ioctl_out(tc, st, out);
		span(tc, st, t0, "cmd=" + std::to_string(st.ioctl_cmd) + " rc=" + rc_text(r));
		break;
	}
	case Step::Kind::read:
	case Step::Kind::write: {
		auto it = tc.fds.find(st.fd);
		int fd = it == tc.fds.end() ? -1 : it->second;
		uint64_t ubuf = hx_umalloc(st.size);
		if (st.has_text)
			hx_uwrite(ubuf, st.text.data(), st.text.size());
		long n = st.kind == Step::Kind::read ? hx_read(fd, ubuf, st.size) : hx_write(fd, ubuf, st.size);
		std::string got;
		if (st.kind == Step::Kind::read && !st.match.empty() && n >= 0) {
			got.resize(static_cast<size_t>(n));
			if (n > 0 && hx_uread(ubuf, &got[0], got.size()))
				got.clear();
		}
		hx_ufree(ubuf);
		r = static_cast<int>(n);
		expect_rc(tc, st, r);
		if (st.kind == Step::Kind::read && !st.match.empty() && n >= 0)
			check_read_match(tc, st, got);
		span(tc, st, t0, "rc=" + rc_text(r));
		break;
	}
	case Step::Kind::suspend: {
		// The scenario thread is the task that writes "mem" to
		// /sys/power/state: the callbacks run in its context; other
		// threads are not frozen (docs/scenarios.md, System sleep).
		r = tpu_drv_suspend();
		if (!r) {
			hx_usleep(static_cast<uint64_t>(st.duration_ms * 1000.0));
			r = tpu_drv_resume();
		}
		expect_rc(tc, st, r);
		span(tc, st, t0, "rc=" + rc_text(r));
		break;
	}
	case Step::Kind::fault:
		apply_fault(rc, st.fault, &tc);
		span(tc, st, t0, "");
		break;
	case Step::Kind::alloc: {
		rt_buf b{};
		// ION_IOC_ALLOC (carveout heap), mmap, invalidate: as the runtime.
		r = ensure_rt(tc);
		if (!r)
			r = rt_buf_alloc(&tc.rt, st.size, st.cached, &b);
		if (!r) {
			tc.bufs[st.as] = b;
			tc.fds[st.as] = b.fd;
		}
		expect_rc(tc, st, r);
		span(tc, st, t0, "size=" + std::to_string(st.size) + " rc=" + rc_text(r));
		break;
	}
	case Step::Kind::free: {
		auto it = tc.bufs.find(st.fd);
		if (it == tc.bufs.end()) {
			// Not (or no longer) a mapped buffer: just close the fd.
			auto f = tc.fds.find(st.fd);
			r = hx_close(f == tc.fds.end() ? -1 : f->second);
		} else {
			r = rt_buf_free(&it->second);
			tc.bufs.erase(it);
		}
		tc.fds[st.fd] = -1;
		expect_rc(tc, st, r);
		span(tc, st, t0, "rc=" + rc_text(r));
		break;
	}
	case Step::Kind::model: {
		r = ensure_rt(tc);
		ModelStepResult mr;
		if (!r) {
			mr = run_model_step(tc.rt, st, static_cast<uint32_t>(eval_value(tc, st.seq)),
					    st.expect.kind == Expect::Kind::ok && !tc.run->timing_only, nullptr, "");
			r = mr.rc;
		}
		expect_rc(tc, st, r, mr.job_ret, true);
		if (!mr.mismatch.empty()) {
			std::ostringstream os;
			os << Diag{st.mark, ""}.str() << tc.name << ": model " << st.model_file << ": " << mr.mismatch;
			tc.run->finding(Checker::output_mismatch, os.str());
		}
		if (!mr.failure.empty() && st.expect.kind == Expect::Kind::ok && r == 0 && mr.job_ret == 0) {
			std::ostringstream os;
			os << Diag{st.mark, ""}.str() << tc.name << ": model " << st.model_file << ": " << mr.failure;
			tc.run->finding(Checker::step_failed, os.str());
		}
		span(tc, st, t0, "rc=" + rc_text(r) + " ret=" + rc_text(mr.job_ret));
		break;
	}
	case Step::Kind::client: {
		client::ClientSpec spec;
		spec.program = st.client_program;
		spec.args = st.client_args;
		spec.fail_pattern = st.client_fail_on;
		spec.clock_base = st.model_seed;
		const client::ClientResult cr = client::run_client(spec);
		r = cr.failure.empty() ? 0 : -ECANCELED;
		tc.run->outcomes.push_back(tc.name + ": client " + st.client_program + " (line " +
					   std::to_string(st.mark.line) + ") -> exit " + std::to_string(cr.status) +
					   (cr.failure.empty() ? "" : ", " + cr.failure));
		if (!cr.failure.empty() && st.expect.kind == Expect::Kind::ok) {
			std::ostringstream os;
			os << Diag{st.mark, ""}.str() << tc.name << ": client " << st.client_program << ": " << cr.failure;
			const std::string tail = client::last_lines(cr.output, 4);
			if (!tail.empty())
				os << "; its output ends: " << tail;
			tc.run->finding(Checker::step_failed, os.str());
		}
		span(tc, st, t0, "exit=" + std::to_string(cr.status));
		break;
	}
	case Step::Kind::repeat:
		for (unsigned i = 0; i < st.count; i++) {
			tc.vars.emplace_back(st.var, static_cast<int64_t>(i));
			bool go_on = run_steps(tc, st.body);
			tc.vars.pop_back();
			if (!go_on)
				return false;
		}
		break;
	}
	check_took(tc, st, t0);
	tc.current = nullptr;
	return true;
}

bool run_steps(ThreadCtx &tc, const std::vector<Step> &steps)
{
	for (const Step &st : steps)
		if (!run_step(tc, st))
			return false;
	return true;
}

} // namespace

int64_t eval_value(const ThreadCtx &tc, const Value &v)
{
	if (v.var.empty())
		return v.add;
	if (v.var == "thread")
		return tc.replica + v.add;
	if (v.var == "process")
		return tc.proc_replica + v.add;
	for (auto it = tc.vars.rbegin(); it != tc.vars.rend(); ++it)
		if (it->first == v.var)
			return it->second + v.add;
	return v.add;  // the loader rejects undefined variables
}

int thread_main(ThreadCtx &tc)
{
	run_steps(tc, tc.spec->steps);
	tc.ended = true;
	tc.current = nullptr;
	return 0;
}

} // namespace tpusim::scn
