# SPDX-License-Identifier: Apache-2.0
#
# expect_output.cmake - run PROG with ARGS; pass only if it exits with
# EXPECT_RC and its output matches every regular expression EXPECT_1,
# EXPECT_2, ... (ARGS: comma-separated).
#   cmake -DPROG=... -DARGS=a,b -DEXPECT_RC=66 -DEXPECT_1=re1 -DEXPECT_2=re2 -P expect_output.cmake
string(REPLACE "," ";" ARGS "${ARGS}")
execute_process(COMMAND ${PROG} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
string(LENGTH "${all}" n)
if(n GREATER 20000)
  string(SUBSTRING "${all}" 0 20000 shown)
  set(shown "${shown}\n... (${n} characters in all)")
else()
  set(shown "${all}")
endif()
message("${shown}")
if(NOT rc STREQUAL "${EXPECT_RC}")
  message(FATAL_ERROR "expect_output: ${PROG} exited with ${rc}, expected ${EXPECT_RC}")
endif()
foreach(i RANGE 1 9)
  if(NOT DEFINED EXPECT_${i})
    break()
  endif()
  set(re "${EXPECT_${i}}")
  if(NOT all MATCHES "${re}")
    message(FATAL_ERROR "expect_output: no match for '${re}' in the output")
  endif()
endforeach()
message("expect_output: exit ${rc} and every expected line: pass")
