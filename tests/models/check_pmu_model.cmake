# SPDX-License-Identifier: Apache-2.0
#
# check_pmu_model.cmake - the PMU against the engines' own statistics on a
# real model (docs/pmu.md).  Runs `tpusim model MODEL --pmu OUT` and
# `tpusim pmu OUT --clock 500`, then requires of the decoded records:
#  * one TIU record per TIU descriptor and one TDMA record per TDMA
#    descriptor plus one per G2G (as `tpusim model` counts them);
#  * TDMA and TIU busy ticks equal to the model's "engines" line in ms, to
#    its printed rounding (0.001 ms) plus one tick (2 ns at 500 MHz) per
#    record for the floored timestamps.
#   cmake -DTPUSIM=... -DMODEL=... -DOUT=... -P check_pmu_model.cmake
file(REMOVE "${OUT}")
execute_process(COMMAND ${TPUSIM} model ${MODEL} --pmu ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE run ERROR_VARIABLE err)
message("${run}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_pmu_model: tpusim model exited with ${rc}")
endif()
execute_process(COMMAND ${TPUSIM} pmu ${OUT} --clock 500 RESULT_VARIABLE rc OUTPUT_VARIABLE dec ERROR_VARIABLE err)
message("${dec}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_pmu_model: tpusim pmu exited with ${rc}")
endif()

if(NOT run MATCHES "TDMA busy ([0-9]+)\\.([0-9][0-9][0-9]) ms[^,]*, TIU busy ([0-9]+)\\.([0-9][0-9][0-9]) ms[^;]*; ([0-9]+) TDMA \\+ ([0-9]+) TIU descriptors")
  message(FATAL_ERROR "check_pmu_model: no engines line in the model's output")
endif()
# Units of 0.1 us.
math(EXPR model_tdma "${CMAKE_MATCH_1} * 10000 + 1${CMAKE_MATCH_2} * 10 - 10000")
math(EXPR model_tiu "${CMAKE_MATCH_3} * 10000 + 1${CMAKE_MATCH_4} * 10 - 10000")
set(n_tdma ${CMAKE_MATCH_5})
set(n_tiu ${CMAKE_MATCH_6})
if(NOT dec MATCHES "records   ([0-9]+) \\(([0-9]+) TIU, ([0-9]+) TDMA of which ([0-9]+) G2G pairs\\)")
  message(FATAL_ERROR "check_pmu_model: no records line from tpusim pmu")
endif()
set(records ${CMAKE_MATCH_1})
set(r_tiu ${CMAKE_MATCH_2})
set(r_tdma ${CMAKE_MATCH_3})
set(r_g2g ${CMAKE_MATCH_4})
# Ticks at 500 MHz are 2 ns: units of 0.1 us are ticks / 50.
if(NOT dec MATCHES "tdma_exe_tick: +([0-9]+)t, tiu_exe_tick +([0-9]+)t")
  message(FATAL_ERROR "check_pmu_model: no ticks line from tpusim pmu")
endif()
math(EXPR pmu_tdma "(${CMAKE_MATCH_1} + 25) / 50")
math(EXPR pmu_tiu "(${CMAKE_MATCH_2} + 25) / 50")

math(EXPR want_tdma "${n_tdma} + ${r_g2g}")
if(NOT r_tiu EQUAL n_tiu OR NOT r_tdma EQUAL want_tdma)
  message(FATAL_ERROR "check_pmu_model: ${r_tiu} TIU and ${r_tdma} TDMA records (${r_g2g} G2G pairs) for "
                      "${n_tiu} TIU and ${n_tdma} TDMA descriptors")
endif()
# 5 + 1 for the printed rounding, one 2 ns tick per record (50 per 0.1 us).
math(EXPR tol "6 + (${records} + 49) / 50")
foreach(e tdma tiu)
  math(EXPR d "${pmu_${e}} - ${model_${e}}")
  if(d LESS 0)
    math(EXPR d "-${d}")
  endif()
  if(d GREATER tol)
    message(FATAL_ERROR "check_pmu_model: ${e} busy: records ${pmu_${e}}, engine ${model_${e}} (0.1 us), "
                        "off by ${d} > ${tol}")
  endif()
endforeach()
message("check_pmu_model: ${records} records; busy tdma ${pmu_tdma} vs ${model_tdma}, tiu ${pmu_tiu} vs "
        "${model_tiu} (0.1 us, tolerance ${tol}): pass")
