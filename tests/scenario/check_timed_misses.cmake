# SPDX-License-Identifier: Apache-2.0
#
# The timed half of tests/scenario/triggers: the fault at a fixed time
# hits its job in the unperturbed schedule (so the scenario itself is
# right), and misses it under some explored schedule (the job's wait
# returns 0 where -EIO was expected).  Its event-armed twin passes every
# schedule (CTest scenario.trigger_hits_job).
#   cmake -DTPUSIM=<tpusim> -DSCENARIO=<timed_misses_job.yaml> -P check_timed_misses.cmake
execute_process(COMMAND ${TPUSIM} run ${SCENARIO} --schedule 0
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the timed fault must hit its job in schedule 0 (exit ${rc}):\n${out}")
endif()
execute_process(COMMAND ${TPUSIM} run ${SCENARIO} --schedules 20
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
set(missed "app/a: wait returned 0 with job result 0, expected job result -EIO")
if(rc EQUAL 0)
  message(FATAL_ERROR "the timed fault hit its job under 20 schedules; the proof needs one where it misses:\n${out}")
endif()
string(FIND "${out}" "${missed}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the timed variant failed, but not by missing its job ('${missed}'):\n${out}")
endif()
string(REGEX MATCH "FAIL  triggers.timed-misses-job +s[0-9]+" which "${out}")
message(STATUS "missed as expected: ${which}")
