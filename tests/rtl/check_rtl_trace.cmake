# SPDX-License-Identifier: Apache-2.0
#
# --rtl-trace: one VCD per register block, in picoseconds of simulated
# time, with the block's bus and register signals, and samples at the
# times the driver touched the block.
#
#   cmake -DTPUSIM=<tpusim> -DSCENARIO=<yaml> -DOUT=<dir> -P check_rtl_trace.cmake

file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${TPUSIM} run ${SCENARIO} --regs rtl --rtl-trace ${OUT}/w.vcd
  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tpusim run --regs rtl --rtl-trace failed (${rc}):\n${text}${err}")
endif()
foreach(block tdma tiu rstc)
  set(f ${OUT}/w.${block}.vcd)
  if(NOT EXISTS ${f})
    message(FATAL_ERROR "no waveform ${f}")
  endif()
  file(READ ${f} vcd)
  foreach(want "$timescale 1ps $end" " sw_addr " " sw_rdata " " clk ")
    string(FIND "${vcd}" "${want}" at)
    if(at LESS 0)
      message(FATAL_ERROR "${f} lacks '${want}'")
    endif()
  endforeach()
  # Samples after time 0: the run's accesses, in simulated picoseconds.
  string(REGEX MATCHALL "\n#[1-9][0-9]*" stamps "${vcd}")
  list(LENGTH stamps n)
  if(n LESS 2)
    message(FATAL_ERROR "${f} has ${n} samples after time 0")
  endif()
endforeach()
file(READ ${OUT}/w.tdma.vcd tdma)
string(FIND "${tdma}" " int_mask_q " at)
if(at LESS 0)
  message(FATAL_ERROR "w.tdma.vcd lacks the register int_mask_q")
endif()
