# SPDX-License-Identifier: Apache-2.0
#
# Runs `tpusim model` on one bad-file fixture: it must exit with status 2
# (not crash: a signal is not a number), say "<fixture>: <...FRAGMENT...>"
# on one line of stderr, and run nothing (no inference line).
#
#   cmake -DTPUSIM=<exe> -DFIXTURE=<file> -DFRAGMENT=<text> -P check_bad_model.cmake
foreach(v TPUSIM FIXTURE FRAGMENT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_bad_model.cmake: -D${v}=... is required")
  endif()
endforeach()
execute_process(COMMAND "${TPUSIM}" model "${FIXTURE}" --input random
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "2")
  message(FATAL_ERROR "${FIXTURE}: expected exit status 2, got '${rc}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
string(FIND "${err}" "${FIXTURE}: " at)
if(at EQUAL -1)
  message(FATAL_ERROR "the message does not name the file '${FIXTURE}':\n${err}")
endif()
string(SUBSTRING "${err}" ${at} -1 rest)
string(FIND "${rest}" "\n" eol)
string(SUBSTRING "${rest}" 0 ${eol} msg)
string(FIND "${msg}" "${FRAGMENT}" hit)
if(hit EQUAL -1)
  message(FATAL_ERROR "message '${msg}' does not contain '${FRAGMENT}'")
endif()
if(out MATCHES "inference|PASS|FAIL")
  message(FATAL_ERROR "the bad file was run:\n${out}")
endif()
message(STATUS "ok: ${msg}")
