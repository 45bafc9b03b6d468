// SPDX-License-Identifier: Apache-2.0
//
// host.cpp - the POSIX host: the SystemC thread and its bridge, the
// interrupt threads, thread contexts, findings, startup and shutdown.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <sstream>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "host_impl.h"
#include "lockdep.h"
#include "tpu/driver.h"
#include "tpu/hwcfg.h"
#include "tpu/tdma_regs.h"
#include "tpu/tiu_regs.h"
#include "tpu_top.h"
#include "tsan.h"

namespace tpusim {
namespace posix {

// ---- time, contexts, sleeping ---------------------------------------------

uint64_t mono_ns()
{
	timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

WaitBase::WaitBase()
{
	pthread_condattr_t a;

	pthread_mutex_init(&m, nullptr);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&c, &a);
	pthread_condattr_destroy(&a);
}

WaitBase::~WaitBase()
{
	pthread_cond_destroy(&c);
	pthread_mutex_destroy(&m);
}

bool WaitBase::sleep(uint64_t deadline_ns)
{
	if (!deadline_ns) {
		pthread_cond_wait(&c, &m);
		return true;
	}
	timespec ts;
	ts.tv_sec = static_cast<time_t>(deadline_ns / 1000000000ull);
	ts.tv_nsec = static_cast<long>(deadline_ns % 1000000000ull);
	return pthread_cond_timedwait(&c, &m, &ts) == 0 || mono_ns() < deadline_ns;
}

namespace {

std::atomic<uint64_t> g_next_tid{1};
thread_local ThreadCtx *t_ctx = nullptr;
std::mutex g_foreign_mutex;
std::vector<std::unique_ptr<ThreadCtx>> g_foreign;  // contexts made on first use

std::mutex g_findings_mutex;
std::vector<Finding> g_findings;

HostOptions g_opt;
Host *g_host = nullptr;

} // namespace

uint64_t new_tid()
{
	return g_next_tid.fetch_add(1, std::memory_order_relaxed);
}

ThreadCtx *current()
{
	if (t_ctx)
		return t_ctx;
	auto c = std::make_unique<ThreadCtx>();
	c->kind = Kind::kernel;
	c->tid = new_tid();
	c->name = "thread" + std::to_string(c->tid);
	t_ctx = c.get();
	std::lock_guard<std::mutex> g(g_foreign_mutex);
	g_foreign.push_back(std::move(c));
	return t_ctx;
}

void set_current(ThreadCtx *t)
{
	t_ctx = t;
}

void report(const std::string &kind, const std::string &message)
{
	fprintf(stderr, "posix-host finding [%s]: %s\n", kind.c_str(), message.c_str());
	std::lock_guard<std::mutex> g(g_findings_mutex);
	g_findings.push_back(Finding{kind, message});
}

const HostOptions &options()
{
	return g_opt;
}

// ---- the SystemC side -------------------------------------------------------

namespace {

// What other threads hand to the SystemC thread: one request at a time per
// thread, completed under the thread's own waiter.
struct Req {
	const std::function<void()> *fn;
	WaitBase *waiter;
	bool done;
};

struct Line {
	int irq = -1;
	const sc_core::sc_signal<bool, sc_core::SC_MANY_WRITERS> *sig = nullptr;
	WaitBase w;
	bool level = false;
	osal_irq_handler_t handler = nullptr;
	void *arg = nullptr;
	std::string name;
	bool running = false;
	bool quit = false;
	uint64_t handled = 0;
	pthread_t th{};
	ThreadCtx ctx;
};

class ScSide : public sc_core::sc_module {
public:
	SC_HAS_PROCESS(ScSide);
	explicit ScSide(sc_core::sc_module_name n) : sc_core::sc_module(n), top("tpu"), cpu("cpu")
	{
		cpu.bind(top.bus.in);
		SC_THREAD(serve);
		dont_initialize();
		sensitive << ev;
		SC_METHOD(irq_watch);
		sensitive << top.tdma.irq << top.tiu.irq;
	}

	TpuTop top;
	tlm_utils::simple_initiator_socket<ScSide> cpu;
	Line *lines[2] = {nullptr, nullptr};

	// Requests handed over by the kernel loop (SystemC thread only).
	std::deque<Req *> incoming;
	sc_core::sc_event ev;

	// Touched on the SystemC thread only (inside requests).
	std::map<uint64_t, uint64_t> dma_used;  // paddr -> size
	uint64_t mmio_count = 0;

private:
	// Runs the requests in order; each may wait() (MMIO latency).
	void serve()
	{
		for (;;) {
			while (!incoming.empty()) {
				Req *r = incoming.front();
				incoming.pop_front();
				TPUSIM_TSAN_IGNORE_BEGIN();
				(*r->fn)();
				pthread_mutex_lock(&r->waiter->m);
				r->done = true;
				pthread_cond_broadcast(&r->waiter->c);
				pthread_mutex_unlock(&r->waiter->m);
				TPUSIM_TSAN_IGNORE_END();
			}
			wait(ev);
		}
	}

	void irq_watch()
	{
		for (Line *l : lines) {
			if (!l)
				continue;
			bool v = l->sig->read();
			pthread_mutex_lock(&l->w.m);
			if (l->level != v) {
				l->level = v;
				pthread_cond_broadcast(&l->w.c);
			}
			pthread_mutex_unlock(&l->w.m);
		}
	}
};

ScSide *g_sc = nullptr;
pthread_t g_sc_thread;
WaitBase g_ready;
bool g_ready_flag = false;
Line g_lines[2];
std::atomic<uint64_t> g_irqs_handled{0};

constexpr unsigned kIrqStormLimit = 1000;

// The queue other threads hand requests over (g_q.m), and the stop flag.
WaitBase g_q;
std::deque<Req *> g_queue;
bool g_stop = false;
uint64_t g_t0_ns = 0;        // wall time at virtual time 0
uint64_t g_scale = 10;       // wall ns per virtual ns (HostOptions::time_scale)

uint64_t virtual_ns()
{
	return static_cast<uint64_t>(sc_core::sc_time_stamp().to_seconds() * 1e9);
}

// The SystemC thread: elaborate, then step the kernel.  Virtual time is
// paced by the wall clock: it never runs ahead of (wall - t0) / scale.
// When the next event lies beyond that, the thread sleeps until the wall
// clock reaches it or a request comes; requests are served at the current
// virtual time.  A model slower than that pace just runs behind it.
void *sc_main_thread(void *)
{
	g_sc = new ScSide("posix");
	g_sc->lines[0] = &g_lines[0];
	g_sc->lines[1] = &g_lines[1];
	g_lines[0].sig = &g_sc->top.tdma.irq;
	g_lines[1].sig = &g_sc->top.tiu.irq;
	sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaboration, initialisation
	g_t0_ns = mono_ns();
	pthread_mutex_lock(&g_ready.m);
	g_ready_flag = true;
	pthread_cond_broadcast(&g_ready.c);
	pthread_mutex_unlock(&g_ready.m);

	for (;;) {
		bool stop, fresh;

		TPUSIM_TSAN_IGNORE_BEGIN();
		pthread_mutex_lock(&g_q.m);
		fresh = !g_queue.empty();
		for (Req *r : g_queue)
			g_sc->incoming.push_back(r);
		g_queue.clear();
		stop = g_stop;
		pthread_mutex_unlock(&g_q.m);
		TPUSIM_TSAN_IGNORE_END();
		// New requests wake serve(); one busy with an earlier request
		// (in its MMIO latency) takes them when it is done.
		if (fresh)
			g_sc->ev.notify(sc_core::SC_ZERO_TIME);
		if (sc_core::sc_pending_activity_at_current_time()) {
			sc_core::sc_start(sc_core::SC_ZERO_TIME);
			continue;
		}
		if (stop)
			break;

		uint64_t now = virtual_ns();
		uint64_t allowed = (mono_ns() - g_t0_ns) / g_scale;
		uint64_t wake = 0;  // wall deadline of the sleep; 0 = until a request
		if (sc_core::sc_pending_activity_at_future_time()) {
			sc_core::sc_time dt = sc_core::sc_time_to_pending_activity();
			uint64_t next = now + static_cast<uint64_t>(dt.to_seconds() * 1e9);
			if (next <= allowed) {
				sc_core::sc_start(dt);
				continue;
			}
			wake = g_t0_ns + next * g_scale;
		}
		if (allowed > now)  // no event before it: only the clock moves
			sc_core::sc_start(sc_core::sc_time(static_cast<double>(allowed - now), sc_core::SC_NS));
		TPUSIM_TSAN_IGNORE_BEGIN();
		pthread_mutex_lock(&g_q.m);
		if (g_queue.empty() && !g_stop)
			g_q.sleep(wake);
		pthread_mutex_unlock(&g_q.m);
		TPUSIM_TSAN_IGNORE_END();
	}
	return nullptr;
}

void *irq_thread(void *a)
{
	Line &l = *static_cast<Line *>(a);
	unsigned in_a_row = 0;

	t_ctx = &l.ctx;
	pthread_mutex_lock(&l.w.m);
	for (;;) {
		while (!l.quit && !(l.handler && l.level))
			l.w.sleep(0);
		if (l.quit)
			break;
		osal_irq_handler_t h = l.handler;
		void *arg = l.arg;
		l.running = true;
		pthread_mutex_unlock(&l.w.m);

		l.ctx.in_irq = true;
		l.ctx.irq_off++;
		enum osal_irqreturn r = h(l.irq, arg);
		l.ctx.irq_off--;
		l.ctx.in_irq = false;
		if (l.ctx.nheld)
			report("irq-lock-held", "interrupt handler " + l.name + " returned holding " +
			       lockdep::class_name(l.ctx.held[0].cls));
		if (r == OSAL_IRQ_HANDLED)
			g_irqs_handled.fetch_add(1, std::memory_order_relaxed);

		pthread_mutex_lock(&l.w.m);
		l.running = false;
		if (r == OSAL_IRQ_HANDLED)
			l.handled++;
		pthread_cond_broadcast(&l.w.c);
		if (!l.level) {
			in_a_row = 0;
			continue;
		}
		if (++in_a_row > kIrqStormLimit) {
			report("irq-storm", "IRQ " + std::to_string(l.irq) + " (" + l.name +
			       ") still high after " + std::to_string(kIrqStormLimit) +
			       " handler runs: the handler does not clear the device status");
			while (!l.quit && l.level && l.handler)
				l.w.sleep(0);
			in_a_row = 0;
		}
	}
	pthread_mutex_unlock(&l.w.m);
	return nullptr;
}

Line *line_of(int irq)
{
	for (Line &l : g_lines)
		if (l.irq == irq)
			return &l;
	return nullptr;
}

} // namespace

void sc_call(const std::function<void()> &fn)
{
	static thread_local WaitBase waiter;
	Req r{&fn, &waiter, false};

	TPUSIM_TSAN_IGNORE_BEGIN();
	pthread_mutex_lock(&g_q.m);
	g_queue.push_back(&r);
	pthread_cond_signal(&g_q.c);
	pthread_mutex_unlock(&g_q.m);
	pthread_mutex_lock(&waiter.m);
	while (!r.done)
		waiter.sleep(0);
	pthread_mutex_unlock(&waiter.m);
	TPUSIM_TSAN_IGNORE_END();
}

uint32_t mmio(bool write, uint64_t addr, uint32_t value)
{
	bool ok = false;

	sc_call([&]() {
		tlm::tlm_generic_payload p;
		sc_core::sc_time d = sc_core::SC_ZERO_TIME;

		p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
		p.set_address(addr);
		p.set_data_ptr(reinterpret_cast<unsigned char *>(&value));
		p.set_data_length(4);
		p.set_streaming_width(4);
		p.set_byte_enable_ptr(nullptr);
		p.set_byte_enable_length(0);
		p.set_dmi_allowed(false);
		p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
		g_sc->cpu->b_transport(p, d);
		ok = p.is_response_ok();
		g_sc->mmio_count++;
		// The access costs its annotated delay plus the bus latency in
		// virtual time; an interrupt line it changes settles meanwhile.
		sc_core::wait(d + sc_core::sc_time(TPU_MMIO_LATENCY_NS, sc_core::SC_NS));
	});
	if (!ok) {
		std::ostringstream os;
		os << (write ? "writel(0x" : "readl(0x") << std::hex << addr;
		if (write)
			os << ", 0x" << value;
		os << ") rejected by the bus";
		report("mmio-bus-error", os.str());
		return 0xFFFFFFFFu;
	}
	return value;
}

bool dram_contains(uint64_t paddr, uint64_t len)
{
	bool in = false;

	sc_call([&]() { in = g_sc->top.dram.contains(paddr, len); });
	return in;
}

int dram_access(uint64_t paddr, void *buf, size_t len, bool write)
{
	int rc = -1;

	sc_call([&]() {
		rc = write ? g_sc->top.dram.write(paddr, buf, len) : g_sc->top.dram.read(paddr, buf, len);
	});
	return rc ? -EFAULT : 0;
}

// First fit over the DRAM window, page granular, zeroed.
int dma_alloc(uint64_t size, uint64_t *paddr)
{
	int rc = -ENOMEM;

	if (!size)
		return -EINVAL;
	size = (size + TPU_DRAM_PAGE_SIZE - 1) / TPU_DRAM_PAGE_SIZE * TPU_DRAM_PAGE_SIZE;
	sc_call([&]() {
		Dram &d = g_sc->top.dram;
		uint64_t at = d.base();

		for (const auto &u : g_sc->dma_used) {
			if (u.first - at >= size)
				break;
			at = u.first + u.second;
		}
		if (at + size > d.base() + d.size())
			return;
		g_sc->dma_used[at] = size;
		d.fill(at, 0, size);
		*paddr = at;
		rc = 0;
	});
	return rc;
}

void dma_free(uint64_t paddr, uint64_t size)
{
	bool ok = false;

	size = (size + TPU_DRAM_PAGE_SIZE - 1) / TPU_DRAM_PAGE_SIZE * TPU_DRAM_PAGE_SIZE;
	sc_call([&]() {
		auto it = g_sc->dma_used.find(paddr);
		if (it == g_sc->dma_used.end() || it->second != size)
			return;
		g_sc->dma_used.erase(it);
		ok = true;
	});
	if (!ok) {
		std::ostringstream os;
		os << "dma_free(0x" << std::hex << paddr << ", 0x" << size
		   << ") of a range that was not allocated";
		report("bad-dma-free", os.str());
	}
}

int irq_request(int irq, osal_irq_handler_t h, void *arg, const char *name)
{
	Line *l = line_of(irq);

	if (!l || !h)
		return -EINVAL;
	pthread_mutex_lock(&l->w.m);
	if (l->handler) {
		pthread_mutex_unlock(&l->w.m);
		return -EBUSY;
	}
	l->handler = h;
	l->arg = arg;
	l->name = name ? name : "irq";
	pthread_cond_broadcast(&l->w.c);
	pthread_mutex_unlock(&l->w.m);
	return 0;
}

// Like Linux free_irq: returns once no handler run is in progress.
void irq_free(int irq, void *arg)
{
	Line *l = line_of(irq);

	if (l)
		pthread_mutex_lock(&l->w.m);
	if (!l || !l->handler || l->arg != arg) {
		if (l)
			pthread_mutex_unlock(&l->w.m);
		report("bad-free-irq", "free_irq(" + std::to_string(irq) +
		       ") of a handler that was not requested");
		return;
	}
	l->handler = nullptr;
	while (l->running)
		l->w.sleep(0);
	pthread_mutex_unlock(&l->w.m);
}

// ---- Host ---------------------------------------------------------------------

namespace {

struct Spawned {
	pthread_t th;
	std::unique_ptr<ThreadCtx> ctx;
	std::function<void()> fn;
};

std::mutex g_spawn_mutex;
std::map<uint64_t, std::unique_ptr<Spawned>> g_spawned;
std::vector<std::unique_ptr<Process>> g_procs;
std::atomic<int> g_next_pid{1000};
bool g_probed = false;
bool g_down = false;

void *spawned_main(void *a)
{
	auto *s = static_cast<Spawned *>(a);

	t_ctx = s->ctx.get();
	s->fn();
	if (t_ctx->nheld)
		report("lock-held-at-exit", t_ctx->name + " ended holding " +
		       lockdep::class_name(t_ctx->held[0].cls));
	return nullptr;
}

uint64_t start(Kind kind, Process *p, const std::string &name, std::function<void()> fn, bool irq)
{
	auto s = std::make_unique<Spawned>();

	s->ctx = std::make_unique<ThreadCtx>();
	s->ctx->kind = kind;
	s->ctx->tid = new_tid();
	s->ctx->name = name;
	s->ctx->proc = p;
	if (irq) {
		s->ctx->in_irq = true;
		s->ctx->irq_off = 1;
	}
	s->fn = std::move(fn);
	uint64_t h = s->ctx->tid;
	Spawned *raw = s.get();
	{
		std::lock_guard<std::mutex> g(g_spawn_mutex);
		g_spawned[h] = std::move(s);
	}
	if (pthread_create(&raw->th, nullptr, spawned_main, raw)) {
		fprintf(stderr, "posix-host: pthread_create failed\n");
		std::abort();
	}
	return h;
}

} // namespace

Host::Host(const HostOptions &opt)
{
	if (g_host) {
		fprintf(stderr, "posix-host: one Host per process\n");
		std::abort();
	}
	g_host = this;
	g_opt = opt;
	if (const char *e = getenv("TPUSIM_POSIX_TIME_SCALE"))
		g_opt.time_scale = strtoull(e, nullptr, 0);
	g_scale = g_opt.time_scale ? g_opt.time_scale : 1;
	if (const char *e = getenv("TPUSIM_LOG"))
		g_opt.log_all = g_opt.log_all || (*e && *e != '0');
	g_lines[0].irq = TDMA_IRQ;
	g_lines[1].irq = TIU_IRQ;
	for (Line &l : g_lines) {
		l.ctx.kind = Kind::irq;
		l.ctx.tid = new_tid();
		l.ctx.name = "irq" + std::to_string(l.irq);
		pthread_create(&l.th, nullptr, irq_thread, &l);
	}
	pthread_create(&g_sc_thread, nullptr, sc_main_thread, nullptr);
	pthread_mutex_lock(&g_ready.m);
	while (!g_ready_flag)
		g_ready.sleep(0);
	pthread_mutex_unlock(&g_ready.m);
}

Host::~Host()
{
	shutdown();
}

Host *Host::get()
{
	return g_host;
}

int Host::probe()
{
	int rc = 0;

	join(spawn_kernel("probe", [&rc]() {
		rc = ion_drv_probe();
		if (rc)
			return;
		rc = tpu_drv_probe();
		if (rc)
			ion_drv_remove();
	}));
	g_probed = rc == 0;
	return rc;
}

void Host::remove()
{
	if (!g_probed)
		return;
	g_probed = false;
	join(spawn_kernel("remove", []() {
		tpu_drv_remove();
		ion_drv_remove();
	}));
}

Process *Host::create_process(const std::string &name)
{
	auto p = std::make_unique<Process>();

	p->pid = g_next_pid.fetch_add(1);
	p->name = name;
	std::lock_guard<std::mutex> g(g_spawn_mutex);
	g_procs.push_back(std::move(p));
	return g_procs.back().get();
}

void Host::exit_process(Process *p)
{
	join(spawn(p, p->name + ".exit", [p]() { process_exit(p); }));
}

uint64_t Host::spawn(Process *p, const std::string &name, std::function<void()> fn)
{
	return start(Kind::user, p, name, std::move(fn), false);
}

uint64_t Host::spawn_kernel(const std::string &name, std::function<void()> fn)
{
	return start(Kind::kernel, nullptr, name, std::move(fn), false);
}

void Host::run_in_irq_context(std::function<void()> fn)
{
	join(start(Kind::irq, nullptr, "irq-test", std::move(fn), true));
}

void Host::join(uint64_t handle)
{
	pthread_t th;
	{
		std::lock_guard<std::mutex> g(g_spawn_mutex);
		auto it = g_spawned.find(handle);
		if (it == g_spawned.end())
			return;
		th = it->second->th;
	}
	pthread_join(th, nullptr);
	std::lock_guard<std::mutex> g(g_spawn_mutex);
	g_spawned.erase(handle);
}

void Host::shutdown()
{
	if (g_down)
		return;
	// Processes first (their last fds release buffers through the
	// drivers), then the drivers.
	for (auto &p : g_procs)
		if (!p->exited)
			exit_process(p.get());
	remove();

	// What the drivers and processes left behind.
	if (int64_t n = kmem_live())
		report("leak", std::to_string(n) + " kernel allocation(s) never freed");
	if (size_t n = live_files())
		report("leak", std::to_string(n) + " file(s) still open after every process exited");
	size_t pages = 0;
	sc_call([&pages]() { pages = g_sc->dma_used.size(); });
	if (pages)
		report("leak", std::to_string(pages) + " DMA allocation(s) never freed");
	for (int i = 0; i < clk_names(); i++)
		if (clk_count(i))
			report("clk-leak", std::string(clk_name(i)) + " left with enable count " +
			       std::to_string(clk_count(i)));
	for (Line &l : g_lines) {
		pthread_mutex_lock(&l.w.m);
		if (l.handler)
			report("leak", "IRQ " + std::to_string(l.irq) + " handler never freed");
		l.quit = true;
		pthread_cond_broadcast(&l.w.c);
		pthread_mutex_unlock(&l.w.m);
		pthread_join(l.th, nullptr);
	}
	pthread_mutex_lock(&g_q.m);
	g_stop = true;
	pthread_cond_signal(&g_q.c);
	pthread_mutex_unlock(&g_q.m);
	pthread_join(g_sc_thread, nullptr);
	files_reclaim();
	g_down = true;
}

std::vector<Finding> Host::findings() const
{
	std::lock_guard<std::mutex> g(g_findings_mutex);
	return g_findings;
}

size_t Host::count(const std::string &kind) const
{
	std::lock_guard<std::mutex> g(g_findings_mutex);
	size_t n = 0;

	for (const auto &f : g_findings)
		n += f.kind == kind;
	return n;
}

uint64_t Host::warnings() const
{
	return log_warnings();
}

uint64_t Host::mmio_accesses() const
{
	uint64_t n = 0;

	if (g_down)
		return 0;
	sc_call([&n]() { n = g_sc->mmio_count; });
	return n;
}

uint64_t Host::irqs_handled() const
{
	return g_irqs_handled.load(std::memory_order_relaxed);
}

uint64_t Host::sim_time_ns() const
{
	uint64_t t = 0;

	if (g_down)
		return 0;
	sc_call([&t]() { t = virtual_ns(); });
	return t;
}

} // namespace posix
} // namespace tpusim
