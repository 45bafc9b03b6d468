// SPDX-License-Identifier: Apache-2.0
//
// vfs.h - processes, fd tables, refcounted files and user address spaces.
//
// A file is shared by every fd (dup) and mapping that refers to it; its
// release op runs when the last reference goes, in the context of the
// thread that dropped it — exactly the lifetime rules the driver's early
// close paths must survive.  User address spaces are sparse: heap regions
// backed by host memory, and mmaps of DMA buffers backed by DRAM.  Addresses
// are never reused, so a stale user pointer faults instead of aliasing.
#ifndef TPUSIM_HARNESS_VFS_H
#define TPUSIM_HARNESS_VFS_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tpu/os.h"

struct osal_file {
	const osal_file_ops *ops = nullptr;
	void *drvdata = nullptr;
	void *priv = nullptr;
	int refs = 1;
	std::string name;
	uint64_t id = 0;
};

namespace tpusim {

class SimOs;

struct UserRegion {
	uint64_t start = 0, len = 0;
	bool dma = false;              // backed by DRAM (an mmap), else host heap
	uint64_t paddr = 0;
	bool cached = false;
	osal_file *file = nullptr;     // the mapping's file reference
	std::vector<uint8_t> heap;
};

struct Process {
	int pid = 0;
	// Linux tgid: the tid of the process's first thread (0 until it has one).
	uint64_t tgid = 0;
	std::string name;
	std::vector<osal_file *> fds;  // index = fd; nullptr = free slot
	std::map<uint64_t, UserRegion> regions;
	uint64_t next_uaddr = 0x10000000ull;
	bool exited = false;
};

class Vfs {
public:
	explicit Vfs(SimOs &os);
	~Vfs();

	Process *create_process(const std::string &name);
	const std::vector<std::unique_ptr<Process>> &processes() const { return procs_; }
	// Close every fd and unmap everything (process exit).
	void exit_process(Process *p);

	int register_chrdev(const std::string &path, const osal_file_ops *ops, void *drvdata);
	// false when no device is registered at path.
	bool unregister_chrdev(const std::string &path);

	// Syscalls on behalf of process p (the calling user thread's).
	int open(Process *p, const std::string &path);
	int close(Process *p, int fd);
	int dup(Process *p, int fd);
	long ioctl(Process *p, int fd, unsigned cmd, uint64_t arg);
	long mmap(Process *p, int fd, uint64_t len, uint64_t off, uint64_t *uaddr);
	// read(2) and write(2): op is &osal_file_ops::read or ::write.
	using RwOp = long (*osal_file_ops::*)(osal_file *, uint64_t, size_t);
	long rw(Process *p, int fd, uint64_t ubuf, size_t len, RwOp op);

	int install(Process *p, osal_file *f);
	osal_file *new_file(const osal_file_ops *ops, void *drvdata, void *priv, const std::string &name);
	osal_file *fget(Process *p, int fd);
	void fput(osal_file *f);
	size_t live_files() const { return live_files_; }

	// User memory.
	uint64_t map_heap(Process *p, uint64_t len);
	int unmap(Process *p, uint64_t uaddr);
	int map_dma(Process *p, osal_vma *vma, uint64_t paddr, bool cached);
	// 0 or -EFAULT; to_user selects the direction.
	int user_copy(Process *p, uint64_t uaddr, void *buf, size_t len, bool to_user);
	// A load that is not one (hx_upeek): cached lines' bytes where present,
	// else memory; nothing is filled or checked.
	int user_peek(Process *p, uint64_t uaddr, void *buf, size_t len);
	bool has_chrdev(const std::string &path) const { return chrdevs_.count(path) != 0; }

	// A user mapping that covers part of [paddr, paddr + len), as "process
	// name at uaddr", or "" (the pages may be freed).
	std::string dma_mapped(uint64_t paddr, uint64_t len) const;

	// The region a pending mmap is being set up for (osal_vma_map_dma).
	osal_file *mapping_file() const { return mapping_file_; }

private:
	enum class Access { load, store, peek };
	int user_access(Process *p, uint64_t uaddr, void *buf, size_t len, Access how);
	struct Chrdev {
		const osal_file_ops *ops;
		void *drvdata;
	};

	SimOs &os_;
	std::vector<std::unique_ptr<Process>> procs_;
	std::map<std::string, Chrdev> chrdevs_;
	int next_pid_ = 1000;
	uint64_t next_file_id_ = 1;
	size_t live_files_ = 0;
	osal_file *mapping_file_ = nullptr;
	Process *mapping_proc_ = nullptr;
	// Every live DMA mapping by physical start: (process, user address).
	// max_dma_len_ bounds how far before paddr a covering one can start.
	std::multimap<uint64_t, std::pair<Process *, uint64_t>> dma_maps_;
	uint64_t max_dma_len_ = 0;
};

} // namespace tpusim

#endif
