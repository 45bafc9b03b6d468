# SPDX-License-Identifier: Apache-2.0
#
# tpu_rtl_library(): the RTL register blocks, from the YAML to a library.
#
#   tpu_rtl_library(<target> OUT_DIR <dir> BLOCKS <name>... [SV_MUTATE <rule>])
#
# 1. regsgen writes <dir>/tpu_<block>_regs.sv, its C++ port map and
#    tpu_rtl_blocks.h (SV_MUTATE: with a deliberately wrong rule, for the
#    differential fuzzer's proof);
# 2. Verilator (-Wall: any lint warning fails the build) turns each module
#    into C++ and compiles it into <dir>/V<block>/Vtpu_<block>_regs__ALL.a
#    with its own makefile and flags: Verilated code is kept away from the
#    project's -Werror (docs/toolchain.md);
# 3. <target> is a static library of the wrapper (model/rtl) over those
#    archives and the Verilator runtime (tpu_verilated).
# Everything is written under <dir>, in the build tree.

function(tpu_rtl_library target)
  cmake_parse_arguments(RT "" "OUT_DIR;SV_MUTATE" "BLOCKS" ${ARGN})
  set(inputs "")
  set(abs_inputs "")
  set(outputs ${RT_OUT_DIR}/tpu_rtl_blocks.h)
  foreach(b IN LISTS RT_BLOCKS)
    list(APPEND inputs regs/${b}.yaml)
    list(APPEND abs_inputs ${PROJECT_SOURCE_DIR}/regs/${b}.yaml)
    list(APPEND outputs ${RT_OUT_DIR}/tpu_${b}_regs.sv ${RT_OUT_DIR}/tpu_${b}_regs_ports.h)
  endforeach()
  set(mutate "")
  if(RT_SV_MUTATE)
    set(mutate --sv-mutate ${RT_SV_MUTATE})
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND regsgen --sv-dir ${RT_OUT_DIR} ${mutate} ${inputs}
    DEPENDS regsgen ${abs_inputs}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Generating RTL register blocks in ${RT_OUT_DIR}"
    VERBATIM)

  set(archives "")
  set(vheaders "")
  foreach(b IN LISTS RT_BLOCKS)
    set(mdir ${RT_OUT_DIR}/V${b})
    set(a ${mdir}/Vtpu_${b}_regs__ALL.a)
    add_custom_command(
      OUTPUT ${a} ${mdir}/Vtpu_${b}_regs.h
      COMMAND ${VERILATOR_BIN} --cc --build -j 1 -Wall --trace -O3 -MAKEFLAGS OPT_FAST=-O2
              --prefix Vtpu_${b}_regs -Mdir ${mdir}
              -CFLAGS -fPIC
              ${RT_OUT_DIR}/tpu_${b}_regs.sv
      DEPENDS ${RT_OUT_DIR}/tpu_${b}_regs.sv
      COMMENT "Verilating tpu_${b}_regs"
      VERBATIM)
    list(APPEND archives ${a})
    list(APPEND vheaders ${mdir}/Vtpu_${b}_regs.h)
  endforeach()
  add_custom_target(${target}_gen DEPENDS ${outputs} ${archives} ${vheaders})

  add_library(${target} STATIC ${PROJECT_SOURCE_DIR}/model/rtl/rtl_banks.cpp
                               ${PROJECT_SOURCE_DIR}/model/rtl/rtl_clock.cpp)
  add_dependencies(${target} ${target}_gen)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/model/rtl
                                              ${PROJECT_SOURCE_DIR}/model/common)
  target_include_directories(${target} SYSTEM PRIVATE ${RT_OUT_DIR})
  foreach(b IN LISTS RT_BLOCKS)
    target_include_directories(${target} SYSTEM PRIVATE ${RT_OUT_DIR}/V${b})
  endforeach()
  target_link_libraries(${target} PUBLIC tpu_regs tpu_verilated ${archives} PkgConfig::SYSTEMC)
endfunction()
