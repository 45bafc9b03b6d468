# SPDX-License-Identifier: Apache-2.0
#
# vendor_driver.cmake - building a Linux driver's own kbuild files against
# the Linux API layer (harness/linux/Makefile is the kernel build dir), and
# the vendor's TPU driver built that way into tpusim-vendor
# (docs/vendor-driver.md, "Building the vendor driver").  Included from
# harness/CMakeLists.txt once the CLI, the sim-OS and the layer exist.
#
# The vendor tree is read from TPUSIM_VENDOR_DRIVER_DIR (default
# ../shared/vendor/osdrv-tpu when it exists), verified against its
# SOURCE.md (cmake/vendor_verify.cmake), copied into the build tree, and
# built there by its own Makefile, as a board build runs it:
#   cd <copy>/<TPUSIM_VENDOR_MODULE_DIR> &&
#     make -C harness/linux M=$PWD modules <TPUSIM_VENDOR_BOARD_VARS> KCFLAGS=...
# Nothing is written into the vendor directory, and nothing of it (or built
# from it) belongs in this repository.

include(${CMAKE_CURRENT_LIST_DIR}/vendor_verify.cmake)

find_program(TPUSIM_MAKE_EXE NAMES gmake make)
if(NOT TPUSIM_MAKE_EXE)
  message(FATAL_ERROR "the kbuild-compatible kernel dir (harness/linux/Makefile) needs GNU make")
endif()

# KCFLAGS for a module's objects: what instruments the rest of this build.
# In the sanitizer build ASan + UBSan, less shift-base: kernel C shifts
# into the sign bit, which GNU C defines (shared/spec/vendor-driver-hosting.md
# §2).  <kasan> ON: the driver's KASAN hooks in the plain build, as the
# project's driver gets them (top-level CMakeLists.txt); they need the
# sim-OS linked in.
function(tpusim_kbuild_kcflags out kasan)
  set(f ${CMAKE_C_FLAGS})
  if(TPUSIM_SANITIZE)
    list(APPEND f -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer -fno-sanitize=shift-base)
  elseif(kasan)
    list(APPEND f ${TPUSIM_DRIVER_KASAN_FLAGS})
  endif()
  string(JOIN " " f ${f})
  string(STRIP "${f}" f)
  set(${out} "${f}" PARENT_SCOPE)
endfunction()

# tpusim_kbuild_module(<name> DIR <module dir> [VARS <var=value>...]
#                      [KCFLAGS <string>] [ALL])
# Builds the modules of <module dir>'s kbuild file with harness/linux, make
# started from <module dir> (its PWD), as the target <name>_kbuild; every
# module archive of modules.order is one of <name>'s archives
# (tpusim_link_kbuild_modules).  The module list is read at configure time
# (make print-modules: parses, writes nothing); the build then always runs
# make, whose own dependencies decide what to compile again.
function(tpusim_kbuild_module name)
  cmake_parse_arguments(K "ALL" "DIR;KCFLAGS" "VARS" ${ARGN})
  set(make_args -C ${TPUSIM_LINUX_DIR} M=${K_DIR})
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env PWD=${K_DIR}
            ${TPUSIM_MAKE_EXE} -s --no-print-directory ${make_args} print-modules ${K_VARS}
    WORKING_DIRECTORY ${K_DIR}
    OUTPUT_VARIABLE order ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kbuild ${K_DIR}: the kernel dir cannot read its modules:\n${err}")
  endif()
  string(REGEX MATCHALL "[^\n]+\\.ko" kos "${order}")
  if(NOT kos)
    message(FATAL_ERROR "kbuild ${K_DIR}: no module (obj-m is empty with ${K_VARS})")
  endif()
  set(archives "")
  foreach(ko ${kos})
    string(REGEX REPLACE "\\.ko$" ".a" a "${ko}")
    list(APPEND archives ${a})
  endforeach()
  set(all "")
  if(K_ALL)
    set(all ALL)
  endif()
  add_custom_target(${name}_kbuild ${all}
    COMMAND ${CMAKE_COMMAND} -E env PWD=${K_DIR}
            ${TPUSIM_MAKE_EXE} --no-print-directory ${make_args} modules ${K_VARS}
            CC=${CMAKE_C_COMPILER} AR=${CMAKE_AR} "KCFLAGS=${K_KCFLAGS}"
    WORKING_DIRECTORY ${K_DIR}
    BYPRODUCTS ${archives} ${K_DIR}/modules.order
    COMMENT "kbuild: the modules of ${K_DIR}"
    VERBATIM)
  set_property(GLOBAL PROPERTY TPUSIM_KBUILD_ARCHIVES_${name} ${archives})
endfunction()

# tpusim_link_kbuild_modules(<target> <name>...): links the module archives
# of each kbuild build <name> whole into <target> (their module_init
# records are then in the program, in this order).  Call it before the
# target's other target_link_libraries: the libraries that resolve the
# modules' references (tpu_linux, the sim-OS) must come after them.
function(tpusim_link_kbuild_modules target)
  foreach(name ${ARGN})
    get_property(archives GLOBAL PROPERTY TPUSIM_KBUILD_ARCHIVES_${name})
    target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,${archives}>")
    add_dependencies(${target} ${name}_kbuild)
  endforeach()
endfunction()

# tpusim_vendor_check_headers(<tree> <files>...): every kernel header a
# file includes with <dir/name.h> must be the layer's: a name missing there
# would be taken from the host's /usr/include/linux without a word.
# Returns the missing ones in TPUSIM_VENDOR_MISSING_HEADERS, one
# "<header> (files including it)" each.
function(tpusim_vendor_check_headers tree)
  set(missing "")
  foreach(f ${ARGN})
    if(NOT f MATCHES "\\.[ch]$")
      continue()
    endif()
    file(STRINGS ${tree}/${f} incs REGEX "^[ \t]*#[ \t]*include[ \t]*<[^>]+/[^>]+>")
    foreach(l ${incs})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*<([^>]+)>.*" "\\1" h "${l}")
      if(NOT EXISTS ${TPUSIM_LINUX_DIR}/include/${h})
        string(MAKE_C_IDENTIFIER "${h}" key)
        if(NOT "${h}" IN_LIST missing)
          list(APPEND missing "${h}")
          set(_in_${key} "")
        endif()
        get_filename_component(fn ${f} NAME)
        if(NOT fn IN_LIST _in_${key})
          list(APPEND _in_${key} ${fn})
        endif()
      endif()
    endforeach()
  endforeach()
  set(out "")
  foreach(h ${missing})
    string(MAKE_C_IDENTIFIER "${h}" key)
    string(JOIN ", " files ${_in_${key}})
    list(APPEND out "<${h}> (${files})")
  endforeach()
  set(TPUSIM_VENDOR_MISSING_HEADERS ${out} PARENT_SCOPE)
endfunction()

# ---- the vendor driver -------------------------------------------------------
set(_vendor_default "")
get_filename_component(_vendor_guess ${PROJECT_SOURCE_DIR}/../shared/vendor/osdrv-tpu ABSOLUTE)
if(IS_DIRECTORY ${_vendor_guess})
  set(_vendor_default ${_vendor_guess})
endif()
set(TPUSIM_VENDOR_DRIVER_DIR "${_vendor_default}" CACHE PATH
  "Vendor osdrv tree holding the Linux TPU driver (empty: no vendor build)")
set(TPUSIM_VENDOR_MODULE_DIR "interdrv/tpu" CACHE STRING
  "Directory of the driver's kbuild Makefile, inside TPUSIM_VENDOR_DRIVER_DIR")
set(TPUSIM_VENDOR_BOARD_VARS "CVIARCH_L=cv181x CVIARCH=CV181X" CACHE STRING
  "Variables a board build passes to the driver's kbuild (space-separated VAR=value)")
set(_vendor_present OFF)
if(TPUSIM_VENDOR_DRIVER_DIR AND IS_DIRECTORY ${TPUSIM_VENDOR_DRIVER_DIR})
  set(_vendor_present ON)
endif()
option(TPUSIM_VENDOR_BUILD "Build the vendor driver (tpusim-vendor) in 'all'" ${_vendor_present})

if(NOT _vendor_present)
  if(TPUSIM_VENDOR_DRIVER_DIR)
    tpusim_vendor_skip_line(_skip "${TPUSIM_VENDOR_DRIVER_DIR} does not exist")
  else()
    tpusim_vendor_skip_line(_skip "no vendor driver directory")
  endif()
  message(STATUS "${_skip}")
  tpusim_add_test(vendor.skipped LABELS vendor COMMAND ${CMAKE_COMMAND} -E echo "${_skip}")
  return()
endif()

# Verify, then copy into the build tree: the build never writes into the
# vendor directory (read-only in CI), and builds only verified files.
# configure_file makes every copied file a configure dependency, so an
# edit there re-runs this verification at the next build.
tpusim_vendor_verify(${TPUSIM_VENDOR_DRIVER_DIR} _vendor_files _vendor_verified)
get_filename_component(_vendor_name ${TPUSIM_VENDOR_DRIVER_DIR} NAME)
set(TPUSIM_VENDOR_COPY ${PROJECT_BINARY_DIR}/vendor/${_vendor_name})
foreach(f ${_vendor_files})
  configure_file(${TPUSIM_VENDOR_DRIVER_DIR}/${f} ${TPUSIM_VENDOR_COPY}/${f} COPYONLY)
endforeach()
if(EXISTS ${TPUSIM_VENDOR_DRIVER_DIR}/SOURCE.md)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${TPUSIM_VENDOR_DRIVER_DIR}/SOURCE.md)
endif()
list(LENGTH _vendor_files _n)
if(_vendor_verified)
  set(_how "${_n} files verified against SOURCE.md")
else()
  set(_how "${_n} files, no SOURCE.md with blob ids: unverified")
endif()

# And at test time: vendor.verify, vendor.not_committed (tests/linux:
# vendor.verify.not_committed_proof shows the check firing).
if(_vendor_verified)
  tpusim_vendor_verify_tests(vendor "" ${TPUSIM_VENDOR_DRIVER_DIR})
endif()

set(_vendor_mod ${TPUSIM_VENDOR_COPY}/${TPUSIM_VENDOR_MODULE_DIR})
if(NOT EXISTS ${_vendor_mod}/Makefile AND NOT EXISTS ${_vendor_mod}/Kbuild)
  message(FATAL_ERROR "vendor driver: no kbuild Makefile in ${TPUSIM_VENDOR_DRIVER_DIR}/${TPUSIM_VENDOR_MODULE_DIR} "
    "(set TPUSIM_VENDOR_MODULE_DIR to the driver's directory in the tree)")
endif()

# A header added to the layer re-runs the check (the glob is re-checked at
# every build).
file(GLOB_RECURSE _lx_headers CONFIGURE_DEPENDS ${TPUSIM_LINUX_DIR}/include/*.h)
tpusim_vendor_check_headers(${TPUSIM_VENDOR_COPY} ${_vendor_files})
if(TPUSIM_VENDOR_MISSING_HEADERS)
  string(REPLACE ";" "\n  " _miss "${TPUSIM_VENDOR_MISSING_HEADERS}")
  if(TPUSIM_VENDOR_BUILD)
    message(FATAL_ERROR "vendor driver: these kernel headers are not in harness/linux/include, so the "
      "host's would be used:\n  ${_miss}\nAdd them to the layer, or configure with "
      "-DTPUSIM_VENDOR_BUILD=OFF.")
  endif()
  list(LENGTH TPUSIM_VENDOR_MISSING_HEADERS _nmiss)
  message(STATUS "vendor driver: ${_nmiss} kernel header(s) missing from harness/linux/include "
    "(not built, TPUSIM_VENDOR_BUILD=OFF)")
endif()

separate_arguments(_board UNIX_COMMAND "${TPUSIM_VENDOR_BOARD_VARS}")
tpusim_kbuild_kcflags(_kcflags ON)
set(_all "")
if(TPUSIM_VENDOR_BUILD)
  set(_all ALL)
endif()
tpusim_kbuild_module(tpu_vendor_module DIR ${_vendor_mod} VARS ${_board} KCFLAGS "${_kcflags}" ${_all})

# tpusim-vendor: the tpusim CLI hosting the vendor's TPU driver (the module
# archives, whole) on the layer, with the project's ION driver only.
add_executable(tpusim-vendor cli/driver_real.c $<TARGET_OBJECTS:tpusim_cli>)
tpusim_link_kbuild_modules(tpusim-vendor tpu_vendor_module)
target_link_libraries(tpusim-vendor PRIVATE tpu_scenario_run tpu_fork_pool tpu_ion)
# The entry points tpu_drv_probe/tpu_drv_remove for a Linux driver
# (harness/linux/src/entry): without them the program does not link.
if(TARGET tpu_linux_entry)
  target_link_libraries(tpusim-vendor PRIVATE
    "$<LINK_GROUP:RESCAN,tpu_host,tpu_linux_entry,tpu_linux,tpu_simos>")
else()
  message(STATUS "vendor driver: no target tpu_linux_entry yet; tpusim-vendor will not link")
  target_link_libraries(tpusim-vendor PRIVATE "$<LINK_GROUP:RESCAN,tpu_host,tpu_linux,tpu_simos>")
endif()
if(NOT TPUSIM_VENDOR_BUILD)
  set_target_properties(tpusim-vendor PROPERTIES EXCLUDE_FROM_ALL TRUE)
endif()

if(TPUSIM_VENDOR_BUILD)
  message(STATUS "vendor driver: ${TPUSIM_VENDOR_DRIVER_DIR} (${_how}), built by its Makefile with "
    "${TPUSIM_VENDOR_BOARD_VARS} into tpusim-vendor")
else()
  message(STATUS "vendor driver: ${TPUSIM_VENDOR_DRIVER_DIR} (${_how}); TPUSIM_VENDOR_BUILD=OFF: "
    "tpusim-vendor is not part of 'all' (-DTPUSIM_VENDOR_BUILD=ON to build it)")
  add_test(NAME vendor.skipped COMMAND ${CMAKE_COMMAND} -E echo
    "vendor driver: skipped (TPUSIM_VENDOR_BUILD=OFF; -DTPUSIM_VENDOR_BUILD=ON to enable)")
  set_tests_properties(vendor.skipped PROPERTIES LABELS vendor)
endif()

# The vendor driver under the scenario suite: the runs that fail there must
# be exactly those of the ledger of known findings (tests/vendor,
# docs/vendor-driver.md).  The scenarios of scenarios/vendor/ are CTest
# scenario.vendor.* (tests/scenarios.cmake), each reproducing its finding.
if(TPUSIM_VENDOR_BUILD)
  file(GLOB _vendor_suite_top ${PROJECT_SOURCE_DIR}/scenarios/*.yaml)
  tpusim_add_test(vendor.suite LABELS vendor ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" PROCESSORS 2 TIMEOUT 600
    COMMAND ${PROJECT_SOURCE_DIR}/tests/vendor/check_suite.sh $<TARGET_FILE:tpusim>
            ${PROJECT_SOURCE_DIR}/scenarios/vendor/suite-findings.txt ${_vendor_suite_top}
            ${PROJECT_SOURCE_DIR}/scenarios/examples ${PROJECT_SOURCE_DIR}/scenarios/proofs
            ${PROJECT_SOURCE_DIR}/tests/mutants/killers)

  # (The sanitizer build leaves the differential out: its runs repeat
  # vendor.suite's and the project suite's, 11 s under ASan; docs/ci.md.)
  if(NOT TPUSIM_SANITIZE)
  # The differential mode (tpusim run --driver project,vendor) on the
  # scenarios where the two drivers show the user the same thing: each
  # thread's calls and results, the checkers that fire, the verdict.  The
  # others differ by a policy or a finding (docs/vendor-driver.md).
  set(_same round_trip close_buffer_early close_device_early concurrent_processes concurrent_threads
    engine_hang_recovery slow_dram spurious_irq stress examples/basic examples/cached
    examples/many_threads)
  set(_same_killers cache_fd_ops cached_round_trip submit_wakes_worker waiters_out_of_order)
  set(_files "")
  foreach(n IN LISTS _same)
    list(APPEND _files ${PROJECT_SOURCE_DIR}/scenarios/${n}.yaml)
  endforeach()
  foreach(n IN LISTS _same_killers)
    list(APPEND _files ${PROJECT_SOURCE_DIR}/tests/mutants/killers/${n}.yaml)
  endforeach()
  tpusim_add_test(vendor.differential LABELS vendor ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" PROCESSORS 2
    TIMEOUT 600
    COMMAND tpusim run ${_files} --driver project,vendor --disable-checker irq-unsafe-lock
            --disable-checker clk-leak --jobs 2 --quiet)
  endif()
  # System sleep with the TPU idle, on the vendor driver (its callbacks,
  # CONFIG_PM_SLEEP); CTest scenario.suspend_idle runs the same file on the
  # project driver, which has none.  The vendor-only scenarios of
  # scenarios/vendor/ are CTest scenario.* with label vendor.
  tpusim_add_test(vendor.suspend_idle LABELS vendor ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" TIMEOUT 120
    COMMAND tpusim run ${PROJECT_SOURCE_DIR}/scenarios/vendor/suspend_idle.yaml --driver vendor --quiet)
  # Finding F17, found by schedule exploration: its recorded schedule.
  add_test(NAME vendor.f17_read_after_put
    COMMAND tpusim run ${PROJECT_SOURCE_DIR}/scenarios/stress.yaml --driver vendor --seed 99 --schedule 5
            --disable-checker irq-unsafe-lock)
  set_tests_properties(vendor.f17_read_after_put PROPERTIES LABELS vendor
    ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" TIMEOUT 300
    # (the sanitizer build reports the same read through ASan)
    PASS_REGULAR_EXPRESSION "kernel-use-after-free: driver read of 8 byte\\(s\\) at offset 8 of kernel object #[0-9]+ \\([0-9]+ bytes, kzalloc by p\\.[0-9]+/t\\.[0-9]+ at [0-9]+ ps, kfree by lx_fput;AddressSanitizer: heap-use-after-free.*cvi_tpu_cleanup_buffer")
  # ...and its shrunk replay (tpusim shrink, 6114 of 64728 switches), as
  # the shrink prints it; scenarios/vendor/f17_read_after_put.yaml names
  # the same file (CTest scenario.vendor.f17_read_after_put).
  tpusim_add_test(vendor.f17_shrunk_replay LABELS vendor ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" TIMEOUT 300
    PASS_REGULAR_EXPRESSION "kernel-use-after-free: driver read of 8 byte\\(s\\) at offset 8 of kernel object #[0-9]+ \\([0-9]+ bytes, kzalloc by p\\.[0-9]+/t\\.[0-9]+ at [0-9]+ ps, kfree by lx_fput;AddressSanitizer: heap-use-after-free.*cvi_tpu_cleanup_buffer"
    COMMAND tpusim run ${PROJECT_SOURCE_DIR}/scenarios/stress.yaml --driver vendor
            --replay ${PROJECT_SOURCE_DIR}/scenarios/vendor/f17_read_after_put.replay
            --disable-checker irq-unsafe-lock)
  # The findings of fault injection (F20, F21) are scenarios that pin
  # their failure (scenarios/vendor/, platform fail_nth): scenario.vendor.*.
  set(_cde ${PROJECT_SOURCE_DIR}/scenarios/close_device_early.yaml)
  # An injected failure that keeps a job from being queued leaves the
  # scenario's WAIT sleeping for ever (P1: no WAIT timeout); the host
  # signals such an interruptible sleeper, so the run reaches its exit and
  # the leak checks (docs/fault-injection.md).  Without that, `deadlock`.
  tpusim_add_test(vendor.fail_nth_wait_signalled LABELS vendor ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" TIMEOUT 120
    PASS_REGULAR_EXPRESSION "PASS .*clean under fault injection: injected #28 kzalloc#20 \\(size 88\\) in thread app/main, ioctl -> ioctl returned -ENOMEM.*wait returned -EINTR"
    COMMAND tpusim run ${_cde} --driver vendor --fail-nth 28 --disable-checker irq-unsafe-lock)
  # ...and it fails where they differ: a lost interrupt is a job result of
  # 0 on the project driver (it reads the status) and -ETIMEDOUT on the
  # vendor's (P5).
  tpusim_add_test(vendor.differential_differs LABELS vendor ENVIRONMENT "${TPUSIM_SC_TEST_ENV}" TIMEOUT 120
    PASS_REGULAR_EXPRESSION "lost_irq \\[vendor\\] — FAIL: differs from the project driver: project app/main: wait \\(line [0-9]+\\) -> 0, job 0; vendor wait \\(line [0-9]+\\) -> 0, job -ETIMEDOUT"
    COMMAND tpusim run ${PROJECT_SOURCE_DIR}/scenarios/lost_irq.yaml --driver project,vendor
            --disable-checker irq-unsafe-lock --disable-checker clk-leak --quiet)
endif()
