# SPDX-License-Identifier: Apache-2.0
#
# vendor_runtime.cmake - Sophgo's user-space TPU runtime (cviruntime with
# its soc/181x backend), its descriptor emitter cvikernel, its 84 operator
# tests and tool/model_runner built as client programs of tpusim
# (cmake/client.cmake): <build>/clients/test_181x_<name>.so and
# model_runner.so (docs/clients-build.md).  The recipe is
# shared/spec/vendor-runtime-hosting.md §2.  Included from the top-level
# CMakeLists.txt.
#
# The vendor folders (cviruntime/, cvikernel/, cvibuilder/, cnpy/ of
# TPUSIM_VENDOR_RUNTIME_DIR) are verified against their SOURCE.md
# (cmake/vendor_verify.cmake) and compiled in place, read-only: objects and
# the flatc-generated schema headers go to the build tree.  Nothing of them
# (or built from them) belongs in this repository.
#
# Sets TPUSIM_CLIENTS_SKIPPED to the reason when they are not built, and
# TPUSIM_VENDOR_CLIENTS_DIR to the folder that holds them.

include(${CMAKE_CURRENT_LIST_DIR}/vendor_verify.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/client.cmake)

set(_rt_default "")
get_filename_component(_rt_guess ${PROJECT_SOURCE_DIR}/../shared/vendor ABSOLUTE)
if(IS_DIRECTORY ${_rt_guess}/cviruntime)
  set(_rt_default ${_rt_guess})
endif()
set(TPUSIM_VENDOR_RUNTIME_DIR "${_rt_default}" CACHE PATH
  "Folder holding the vendor's cviruntime/, cvikernel/, cvibuilder/ and cnpy/ (empty: no clients)")
option(TPUSIM_VENDOR_RUNTIME_BUILD "Build the vendor runtime's operator tests and model_runner as tpusim clients" ON)

set(TPUSIM_CLIENTS_SKIPPED "")
set(_rt_units cviruntime cvikernel cvibuilder cnpy)
set(_rt_enable "set -DTPUSIM_VENDOR_RUNTIME_DIR=<dir holding cviruntime/, cvikernel/, cvibuilder/, cnpy/> to enable")
if(NOT TPUSIM_VENDOR_RUNTIME_BUILD)
  set(TPUSIM_CLIENTS_SKIPPED "TPUSIM_VENDOR_RUNTIME_BUILD=OFF; -DTPUSIM_VENDOR_RUNTIME_BUILD=ON to enable")
elseif(NOT TPUSIM_VENDOR_RUNTIME_DIR)
  set(TPUSIM_CLIENTS_SKIPPED "no vendor runtime directory; ${_rt_enable}")
else()
  foreach(u IN LISTS _rt_units)
    if(NOT IS_DIRECTORY ${TPUSIM_VENDOR_RUNTIME_DIR}/${u})
      set(TPUSIM_CLIENTS_SKIPPED "${TPUSIM_VENDOR_RUNTIME_DIR}/${u} does not exist; ${_rt_enable}")
      break()
    endif()
  endforeach()
endif()

# The build's own tools: flatc and its headers of one version (the
# generated headers static_assert it), zlib for cnpy.
if(NOT TPUSIM_CLIENTS_SKIPPED)
  find_program(TPUSIM_FLATC flatc)
  find_path(TPUSIM_FLATBUFFERS_INCLUDE flatbuffers/flatbuffers.h)
  find_path(TPUSIM_ZLIB_INCLUDE zlib.h)
  find_library(TPUSIM_ZLIB_LIBRARY z)
  if(NOT TPUSIM_FLATC OR NOT TPUSIM_FLATBUFFERS_INCLUDE)
    set(TPUSIM_CLIENTS_SKIPPED "flatc or the flatbuffers headers missing (Debian flatbuffers-compiler, libflatbuffers-dev; scripts/setup-deps.sh)")
  elseif(NOT TPUSIM_ZLIB_INCLUDE OR NOT TPUSIM_ZLIB_LIBRARY)
    set(TPUSIM_CLIENTS_SKIPPED "zlib missing (Debian zlib1g-dev; scripts/setup-deps.sh)")
  endif()
endif()

if(TPUSIM_CLIENTS_SKIPPED)
  message(STATUS "vendor runtime: skipped (${TPUSIM_CLIENTS_SKIPPED})")
  tpusim_add_test(clients.skipped LABELS clients
    COMMAND ${CMAKE_COMMAND} -E echo "vendor runtime clients: skipped (${TPUSIM_CLIENTS_SKIPPED})")
  return()
endif()

execute_process(COMMAND ${TPUSIM_FLATC} --version OUTPUT_VARIABLE _flatc_out
  RESULT_VARIABLE _rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" _flatc_version "${_flatc_out}")
file(STRINGS ${TPUSIM_FLATBUFFERS_INCLUDE}/flatbuffers/base.h _fb_defs
  REGEX "^#define FLATBUFFERS_VERSION_(MAJOR|MINOR|REVISION) ")
set(_fb_version "")
foreach(part MAJOR MINOR REVISION)
  if(_fb_defs MATCHES "FLATBUFFERS_VERSION_${part} ([0-9]+)")
    list(APPEND _fb_version ${CMAKE_MATCH_1})
  endif()
endforeach()
string(JOIN "." _fb_version ${_fb_version})
if(NOT _rc EQUAL 0 OR NOT _flatc_version OR NOT _flatc_version STREQUAL _fb_version)
  message(FATAL_ERROR "vendor runtime: ${TPUSIM_FLATC} --version says '${_flatc_out}', "
    "${TPUSIM_FLATBUFFERS_INCLUDE}/flatbuffers/base.h is ${_fb_version}: the generated schema "
    "headers would not compile (take both from one flatbuffers package, or "
    "-DTPUSIM_VENDOR_RUNTIME_BUILD=OFF)")
endif()

# Every file of the four SOURCE.md tables, as recorded; an edit to one of
# them (or to a SOURCE.md) re-runs this check at the next build.
set(_rt_n 0)
set(_rt_unverified "")
set(_rt_errors "")
foreach(u IN LISTS _rt_units)
  set(dir ${TPUSIM_VENDOR_RUNTIME_DIR}/${u})
  tpusim_vendor_check(${dir} files verified errors)
  if(errors)
    string(REPLACE "\n  " "\n  ${u}/" errors "${errors}")
    string(APPEND _rt_errors "${errors}")
  endif()
  list(LENGTH files n)
  math(EXPR _rt_n "${_rt_n} + ${n}")
  if(NOT verified)
    list(APPEND _rt_unverified ${u})
  else()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/SOURCE.md)
  endif()
  # (The schemas are the flatc step's inputs, which verifies them itself:
  # harness/cvimodel reads them too, and a file both a configure and a
  # build input under two spellings of its path is two ninja rules.)
  list(FILTER files EXCLUDE REGEX "\\.fbs$")
  list(TRANSFORM files PREPEND ${dir}/)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
  # At test time too: clients.verify.<unit>, clients.not_committed.<unit>.
  if(verified)
    tpusim_vendor_verify_tests(clients .${u} ${dir})
  endif()
endforeach()
if(_rt_errors)
  message(FATAL_ERROR "vendor runtime ${TPUSIM_VENDOR_RUNTIME_DIR}: refused, not the recorded "
    "files:${_rt_errors}\nThe clients are built from the vendor files only as their SOURCE.md "
    "records them; restore them from the source it names, or -DTPUSIM_VENDOR_RUNTIME_BUILD=OFF.")
endif()
if(_rt_unverified)
  string(JOIN ", " _rt_unverified ${_rt_unverified})
  set(_rt_how "${_rt_n} files, UNVERIFIED (no SOURCE.md with blob ids in ${_rt_unverified})")
else()
  set(_rt_how "${_rt_n} files verified against SOURCE.md")
endif()

set(RT ${TPUSIM_VENDOR_RUNTIME_DIR}/cviruntime)
set(KN ${TPUSIM_VENDOR_RUNTIME_DIR}/cvikernel)
set(CNPY ${TPUSIM_VENDOR_RUNTIME_DIR}/cnpy)
file(GLOB _rt_tests ${RT}/test/181x/test_181x_*.c)
list(LENGTH _rt_tests _rt_ntests)
get_filename_component(_rt_bin ${CMAKE_BINARY_DIR} NAME)

# Where the vendor modules are: this build's clients/, or another build's.
# The modules are built the same in every build type (the vendor's own
# flags, no sanitizers: tpusim_vendor_runtime_flags below), so a second
# build of the same tree may take the first one's instead of compiling
# the runtime again; scripts/test.sh gives the sanitizer build the default
# build's, which it has just brought up to date.  That build's modules are
# not rebuilt from here: the folder must be current.
set(TPUSIM_VENDOR_CLIENTS_FROM "" CACHE PATH
  "Another build's clients/ folder whose vendor modules this build runs instead of building its own (empty: build them)")
set(TPUSIM_VENDOR_CLIENTS_DIR ${TPUSIM_CLIENTS_DIR})
if(TPUSIM_VENDOR_CLIENTS_FROM)
  set(_rt_missing "")
  foreach(t IN LISTS _rt_tests ITEMS model_runner)
    get_filename_component(name ${t} NAME_WE)
    if(NOT EXISTS ${TPUSIM_VENDOR_CLIENTS_FROM}/${name}.so)
      set(_rt_missing ${name}.so)
      break()
    endif()
  endforeach()
  if(NOT _rt_missing)
    set(TPUSIM_VENDOR_CLIENTS_DIR ${TPUSIM_VENDOR_CLIENTS_FROM})
    set(TPUSIM_VENDOR_TEST_CLIENTS "")
    foreach(t IN LISTS _rt_tests)
      get_filename_component(name ${t} NAME_WE)
      list(APPEND TPUSIM_VENDOR_TEST_CLIENTS ${name})
    endforeach()
    add_custom_target(clients)
    message(STATUS "vendor runtime: ${_rt_how}; ${_rt_ntests} operator tests + model_runner "
      "as clients, taken from ${TPUSIM_VENDOR_CLIENTS_FROM} (TPUSIM_VENDOR_CLIENTS_FROM)")
    return()
  endif()
  message(STATUS "vendor runtime: ${TPUSIM_VENDOR_CLIENTS_FROM} has no ${_rt_missing}; "
    "building the clients here")
endif()
set(_rt_guards ${CMAKE_CURRENT_LIST_DIR}/vendor_runtime)

# The vendor's flags on a vendor target (spec §2.1, §2.3): its C and C++
# dialects, -O2, asserts on whatever the build type, and its warnings
# silenced.  No debug information (-g0 after the build type's -g): the
# modules carry a copy of the static runtime each, and with it they took
# most of their build time and 205 MB of disk; a client is debugged with a
# build of its own.  The options the target inherited from its directory (the
# project's -Werror policy, the sanitizers) are replaced, not added to.
function(tpusim_vendor_runtime_flags target)
  set_target_properties(${target} PROPERTIES
    C_STANDARD 99 C_EXTENSIONS ON
    CXX_STANDARD 11 CXX_EXTENSIONS ON
    POSITION_INDEPENDENT_CODE ON
    COMPILE_OPTIONS "-w;-O2;-g0;-fno-strict-aliasing;-UNDEBUG;SHELL:-include ${_rt_guards}/no_ndebug.h")
  tpusim_client_no_sanitize(${target})
endfunction()

# The cvimodel schema's accessors, generated at build time.
set(_rt_gen ${CMAKE_BINARY_DIR}/vendor_runtime/gen)
set(_rt_fbs cvimodel parameter)
set(_rt_gen_headers "")
foreach(s IN LISTS _rt_fbs)
  set(fbs ${TPUSIM_VENDOR_RUNTIME_DIR}/cvibuilder/proto/${s}.fbs)
  add_custom_command(
    OUTPUT ${_rt_gen}/cvibuilder/${s}_generated.h
    COMMAND ${CMAKE_COMMAND} -DSRC=${TPUSIM_VENDOR_RUNTIME_DIR}/cvibuilder
            -P ${CMAKE_CURRENT_LIST_DIR}/vendor_verify.cmake
    COMMAND ${TPUSIM_FLATC} -o ${_rt_gen}/cvibuilder --cpp ${fbs}
    DEPENDS ${fbs}
    COMMENT "flatc: cvibuilder/${s}_generated.h"
    VERBATIM)
  list(APPEND _rt_gen_headers ${_rt_gen}/cvibuilder/${s}_generated.h)
endforeach()
add_custom_target(tpu_vendor_cvibuilder_gen DEPENDS ${_rt_gen_headers})

# cvikernel: the descriptor emitter, cv181x with the bm1822 code it always
# registers (spec §2.1).
file(GLOB _kn_src ${KN}/src/*.c ${KN}/src/bm1822/*.c ${KN}/src/cv181x/*.c)
add_library(tpu_vendor_cvikernel STATIC ${_kn_src} ${KN}/src/cv1822/cvikernel_1822.c)
target_include_directories(tpu_vendor_cvikernel PRIVATE ${KN}/src PUBLIC ${KN}/include)
target_compile_definitions(tpu_vendor_cvikernel PRIVATE CHIPID=0x3)
target_link_libraries(tpu_vendor_cvikernel INTERFACE m)
tpusim_vendor_runtime_flags(tpu_vendor_cvikernel)

# cviruntime: the core, the soc/181x backend, the CPU functions.  The CPU
# function list is the vendor src/CMakeLists.txt's (ENABLE_CPU_FUNC).
set(_rt_cpu_functions deformableconv deform_im2col instancenorm interpolation quant proposal
  roi_pooling frcn_detection reducel2 reducemean reducemax retinaface_detection softmax
  preprocess transpose ssd_detection argmax argmax_v2 argmax_v3 pixelshuffle yolo_detection
  embedding gathernd grid_sampler cumsum gatherelements_pt)
set(_rt_src "")
foreach(f model neuron program stream section runtime debug taskpool shared_mem alloc)
  list(APPEND _rt_src ${RT}/src/common/${f}.cpp)
endforeach()
foreach(f kernelFunc euclideanDist matrixMul grayImageLight tdmaCopy)
  list(APPEND _rt_src ${RT}/src/common/kernel_function/${f}.cpp)
endforeach()
foreach(f IN LISTS _rt_cpu_functions)
  list(APPEND _rt_src ${RT}/src/common/cpu_function/${f}.cpp)
endforeach()
list(APPEND _rt_src ${RT}/src/soc/runtime_bmkernel.cpp
  ${RT}/src/soc/181x/bmruntime_soc.cpp ${RT}/src/soc/181x/bm_dmabuf.c
  ${RT}/src/soc/181x/cvi_rt_181x.cpp ${RT}/src/soc/181x/cvi181x_device_mem.cpp
  ${RT}/src/soc/181x/tpu_pmu.cpp
  ${RT}/src/soc/common/cvi_device_mem.cpp ${RT}/src/soc/common/cvi_rt_base.cpp
  ${RT}/src/soc/common/cviruntime_context.cpp)
add_library(tpu_vendor_cviruntime STATIC ${_rt_src})
add_dependencies(tpu_vendor_cviruntime tpu_vendor_cvibuilder_gen)
target_include_directories(tpu_vendor_cviruntime
  PRIVATE ${RT}/src/common ${RT}/src/common/kernel_function ${RT}/src/soc/181x ${RT}/src/soc/common
          ${_rt_gen} ${TPUSIM_FLATBUFFERS_INCLUDE}
  PUBLIC ${RT}/include)
# RUNTIME_VERSION is only printed (showRuntimeVersion); the vendor takes
# it from git describe, which a copied tree does not have (spec §2.3 a).
target_compile_definitions(tpu_vendor_cviruntime PRIVATE CHIP=cv181x CHIPID=0x3 ION_CACHE_OPEN
  MULTI_PROCESS ENABLE_PMU ENABLE_CPU_FUNC RUNTIME_VERSION="tpusim-vendor")
target_link_libraries(tpu_vendor_cviruntime PUBLIC tpu_vendor_cvikernel Threads::Threads dl rt)
tpusim_vendor_runtime_flags(tpu_vendor_cviruntime)

# The operator tests' utilities.
add_library(tpu_vendor_cviruntime_test STATIC ${RT}/test/test_utils/test_tf_quant_util.c
  ${RT}/test/test_utils/test_native_ref.c ${RT}/test/test_utils/test_cvikernel_util.c)
target_include_directories(tpu_vendor_cviruntime_test PUBLIC ${RT}/test/test_utils)
target_link_libraries(tpu_vendor_cviruntime_test PUBLIC tpu_vendor_cviruntime tpu_vendor_cvikernel m)
tpusim_vendor_runtime_flags(tpu_vendor_cviruntime_test)

# cnpy (branch tpu): model_runner's .npz files.
add_library(tpu_vendor_cnpy STATIC ${CNPY}/cnpy.cpp)
target_include_directories(tpu_vendor_cnpy PUBLIC ${CNPY} PRIVATE ${TPUSIM_ZLIB_INCLUDE})
target_link_libraries(tpu_vendor_cnpy PUBLIC ${TPUSIM_ZLIB_LIBRARY})
tpusim_vendor_runtime_flags(tpu_vendor_cnpy)

# The clients: one module per operator test (their globals clash, spec
# §2.3 f), and model_runner with the argparse prelude (§2.3 c).
set(_rt_clients "")
foreach(t IN LISTS _rt_tests)
  get_filename_component(name ${t} NAME_WE)
  tpusim_add_client(${name} SOURCES ${t} LINK tpu_vendor_cviruntime_test)
  tpusim_vendor_runtime_flags(${name})
  list(APPEND _rt_clients ${name})
endforeach()
# The operator tests, for their CTest registration (tests/clients).
set(TPUSIM_VENDOR_TEST_CLIENTS ${_rt_clients})
tpusim_add_client(model_runner SOURCES ${RT}/tool/model_runner.cpp
  LINK tpu_vendor_cviruntime tpu_vendor_cnpy)
target_include_directories(model_runner PRIVATE ${RT}/tool)
tpusim_vendor_runtime_flags(model_runner)
target_compile_options(model_runner PRIVATE "SHELL:-include ${_rt_guards}/argparse_prelude.hpp")
list(APPEND _rt_clients model_runner)

add_custom_target(clients DEPENDS ${_rt_clients})

file(RELATIVE_PATH _rt_out ${CMAKE_BINARY_DIR} ${TPUSIM_CLIENTS_DIR})
message(STATUS "vendor runtime: ${_rt_how}; ${_rt_ntests} operator tests + model_runner "
  "as clients in ${_rt_bin}/${_rt_out}")
