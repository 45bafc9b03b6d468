/* SPDX-License-Identifier: Apache-2.0 */
/*
 * contract.h - the vendor ABI's behavioural contract, as the checkers,
 * coverage, benches and tests judge a driver by it.
 *
 * These values are deliberately NOT the driver's own constants
 * (driver/tpu_drv.h TPU_DONE_LIST_MAX, TPU_WAIT_TIMEOUT_NS): an oracle that
 * read the driver's value would follow a driver bug that changes it.  A
 * mutant that sets the driver's bound to 1000 must still be caught by a
 * checker that knows the contract says 64.
 */
#ifndef TPU_CONTRACT_H
#define TPU_CONTRACT_H

/* Done list: at most 64 unclaimed results; one more drops the oldest
 * (seed glue DONE_LIST_MAX; docs/driver.md "Done list"). */
#define TPU_SPEC_DONE_LIST_MAX      64u

/* WAIT_DMABUF gives up after 10 s without a result and returns -ETIMEDOUT
 * (seed glue wait timeout; cvi_tpu_interface.c uses the same 10 s for the
 * hardware interrupt wait). */
#define TPU_SPEC_WAIT_TIMEOUT_NS    10000000000ull

/* The vendor's Linux driver (cvi_tpu_interface.c, docs/vendor-driver.md)
 * has other policies, judged by these when it is the hosted driver:
 *  - its done list is never bounded for live processes: once it holds
 *    DONE_LIST_MAX (1000) results, only the results of threads whose
 *    process is gone are freed (iface.c:733-769), so nothing is ever
 *    dropped from a waiter; 0 here means "no bound";
 *  - WAIT_DMABUF waits without a timeout (wait_event_interruptible,
 *    iface.c:893); 0 means "no timeout". */
#define TPU_VENDOR_SPEC_DONE_LIST_MAX    0u
#define TPU_VENDOR_SPEC_WAIT_TIMEOUT_NS  0ull

#endif /* TPU_CONTRACT_H */
