# SPDX-License-Identifier: Apache-2.0
#
# Runs regsgen on one bad-YAML fixture and checks that it is rejected the
# way the fixture's first line says:
#   # expect: LINE:COL: message fragment
# and, optionally, extra regsgen options on the second line:
#   # args: --strict-names
# The error must carry the compiler-style "FILE:LINE:COL: error:" prefix
# (FILE as passed, i.e. the fixture's name) with the fragment on the same
# line, and regsgen must exit with status 1 (not crash: a signal shows up
# as a non-numeric result).
#
#   cmake -DREGSGEN=<exe> -DFIXTURE=<abs path> -P check_bad.cmake

foreach(v REGSGEN FIXTURE)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_bad.cmake: -D${v}=... is required")
  endif()
endforeach()

file(STRINGS "${FIXTURE}" head LIMIT_COUNT 2)
list(GET head 0 first)
set(args "")
list(LENGTH head nhead)
if(nhead GREATER 1)
  list(GET head 1 second)
  if(second MATCHES "^# args: (.+)$")
    separate_arguments(args UNIX_COMMAND "${CMAKE_MATCH_1}")
  endif()
endif()
if(NOT first MATCHES "^# expect: ([0-9]+):([0-9]+): (.+)$")
  message(FATAL_ERROR "${FIXTURE}: first line must be '# expect: LINE:COL: fragment', got '${first}'")
endif()
set(line ${CMAKE_MATCH_1})
set(col ${CMAKE_MATCH_2})
set(fragment "${CMAKE_MATCH_3}")

get_filename_component(dir "${FIXTURE}" DIRECTORY)
get_filename_component(name "${FIXTURE}" NAME)
execute_process(COMMAND "${REGSGEN}" ${args} "${name}"
  WORKING_DIRECTORY "${dir}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)

if(NOT rc STREQUAL "1")
  message(FATAL_ERROR "${name}: expected exit status 1, got '${rc}'\nstderr:\n${err}")
endif()
set(prefix "${name}:${line}:${col}: error: ")
string(FIND "${err}" "${prefix}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${name}: no error at ${line}:${col} (expected prefix '${prefix}')\nstderr:\n${err}")
endif()
string(SUBSTRING "${err}" ${at} -1 rest)
string(FIND "${rest}" "\n" eol)
string(SUBSTRING "${rest}" 0 ${eol} msg)
string(FIND "${msg}" "${fragment}" hit)
if(hit EQUAL -1)
  message(FATAL_ERROR "${name}: message '${msg}' does not contain '${fragment}'")
endif()
message(STATUS "${name}: ok: ${msg}")
