# SPDX-License-Identifier: Apache-2.0
#
# layering_rules.cmake - which folder may include from which: the one
# table that cmake/check_layering.cmake enforces (CTest layering.<folder>)
# and that docs/architecture.md draws.  Read by CMake at configure time
# (cmake/layering.cmake registers the tests) and by the check script.
#
#   tpusim_layer(<folder>
#                [MODULE <name>]      folders of one library, one node of
#                                     the graph; they may include each other
#                [SYSTEM c11|any]     angle includes: the C11 standard
#                                     headers only, or any system header
#                [MAY <folder>...]    what else it may include from:
#                                     include (include/), gen (headers
#                                     generated from regs/), or a folder
#                [NO_LINK <folder>...])  libraries defined there must not
#                                     appear in its CMake link lines
#
# A folder always may include its own headers, and the folders of one
# module share what they may include.  The graph of modules must
# stay acyclic (CTest layering.acyclic), and every folder under harness/
# needs a row.

# The driver: the OS interface world only (include/, generated headers,
# its own headers, the C library) - that is what "unmodified driver" means.
tpusim_layer(driver SYSTEM c11 MAY include gen)

# Hosts of the OS interface on real kernels (os/linux: the kernel module):
# the kernel's headers and include/ (os.h, driver.h); never the driver's
# internals, which they compile but do not include.
tpusim_layer(os SYSTEM any MAY include)

# The model: SystemC and its own kernels; nothing of the host, no driver.
tpusim_layer(model SYSTEM any MAY include gen)

# harness/: bottom to top.
tpusim_layer(harness/util SYSTEM any)
# The oracles: plain C, independent of the model they judge; they read
# descriptors through the generated field layouts (regs/*.yaml).
tpusim_layer(harness/ref SYSTEM c11 MAY include gen)
tpusim_layer(harness/runtime SYSTEM c11 MAY include gen)
tpusim_layer(harness/vocab SYSTEM any MAY include gen harness/runtime)
tpusim_layer(harness/os SYSTEM any MAY include gen model harness/vocab harness/util)
tpusim_layer(harness/host SYSTEM any MAY include gen model harness/os)
tpusim_layer(harness/posix SYSTEM any MAY include gen model)
tpusim_layer(harness/testkit SYSTEM any MAY include gen harness/runtime)
tpusim_layer(harness/demo SYSTEM any MAY include gen model harness/runtime harness/testkit)
# Client programs as simulated processes: the user-side system calls and
# the ioctl table's argument layouts.
tpusim_layer(harness/client SYSTEM any MAY include gen harness/vocab harness/util)
# The scenario runner and its reports build into one library
# (tpu_scenario_run) and include each other: one module.
tpusim_layer(harness/scenario MODULE scenario SYSTEM any
  MAY include gen model harness/runtime harness/vocab harness/os harness/host harness/ref harness/cvimodel
  harness/util harness/client)
tpusim_layer(harness/report MODULE scenario SYSTEM any MAY include harness/util)
# The Linux kernel API layer: its own <linux/...> headers (include/) over
# the OS interface; the C library for its implementation.  And driver/ for
# the ION bridge (src/ion_bridge.c) alone: a hosted driver's dma-bufs are
# the platform's ION buffer files, whose DMA range only driver/ion.h
# knows (ion_buffer_from_file).
tpusim_layer(harness/linux SYSTEM any MAY include driver)
# The cvimodel loader and runner: a user program on the hosted machine.
tpusim_layer(harness/cvimodel SYSTEM any
  MAY include gen model harness/runtime harness/vocab harness/os harness/host harness/ref harness/util)
tpusim_layer(harness/cli SYSTEM any
  MAY include gen model harness/vocab harness/scenario harness/report harness/util harness/cvimodel harness/os
    harness/host harness/client)

# The benches measure the product: harness libraries, never test code.
tpusim_layer(bench SYSTEM any
  MAY include gen model harness/runtime harness/os harness/host harness/testkit harness/util
    harness/cvimodel
  NO_LINK tests)
