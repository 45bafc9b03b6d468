# SPDX-License-Identifier: Apache-2.0
#
# A timing-only run (--timing-only: no data computed) must pass every
# scenario the normal run passes and take the same simulated time in each:
# descriptors keep their modelled time, ids and errors.
#
#   cmake -DTPUSIM=<tpusim> -DSCENARIOS=<dir> [-DTIMING_ONLY=1] -P check_timing_only.cmake
#
# TIMING_ONLY=1 (the sanitizer build): the timing-only runs only, which
# must pass; the computed runs repeat the scenario.* tests there, and the
# comparison does not depend on the sanitizers.

function(sim_times out mode)
  execute_process(COMMAND ${TPUSIM} run ${SCENARIOS} --jobs 2 ${mode}
    OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tpusim run ${mode} failed (exit ${rc}):\n${text}${err}")
  endif()
  string(REGEX MATCHALL "(PASS|FAIL)  [^ ]+ +sim [0-9.]+ [a-z]+" lines "${text}")
  if(NOT lines)
    message(FATAL_ERROR "no result lines in the output of tpusim run ${mode}:\n${text}")
  endif()
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

sim_times(timing "--timing-only")
if(TIMING_ONLY)
  list(LENGTH timing n)
  message(STATUS "${n} runs pass timing only")
  return()
endif()
sim_times(full "")
list(LENGTH full n)
list(LENGTH timing m)
if(NOT n EQUAL m)
  message(FATAL_ERROR "${n} runs computed, ${m} timing only")
endif()
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  list(GET full ${i} a)
  list(GET timing ${i} b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "simulated time differs:\n  computed:    ${a}\n  timing only: ${b}")
  endif()
endforeach()
message(STATUS "${n} runs: the same simulated time computed and timing only")
