# SPDX-License-Identifier: Apache-2.0
#
# model/rtl/sv/ holds a committed copy of the SystemVerilog regsgen emits,
# for readers and for hardware teams to pick up without building.  It must
# equal what the build just generated from regs/*.yaml, file for file.
#
#   cmake -DGENERATED=<build>/gen/rtl -DCOMMITTED=<src>/model/rtl/sv -P check_sv_current.cmake

file(GLOB gen RELATIVE ${GENERATED} ${GENERATED}/*.sv)
file(GLOB com RELATIVE ${COMMITTED} ${COMMITTED}/*.sv)
list(SORT gen)
list(SORT com)
set(stale "")
if(NOT gen STREQUAL com)
  set(stale "the file lists differ (generated: ${gen}; committed: ${com})")
else()
  foreach(f IN LISTS gen)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${GENERATED}/${f} ${COMMITTED}/${f}
      RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      string(APPEND stale " ${f}")
    endif()
  endforeach()
endif()
if(stale)
  message(FATAL_ERROR "model/rtl/sv is out of date with regs/*.yaml:${stale}\n"
    "Refresh it with:  rm ${COMMITTED}/*.sv && cp ${GENERATED}/*.sv ${COMMITTED}/")
endif()
