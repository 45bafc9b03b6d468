# SPDX-License-Identifier: Apache-2.0
#
# FIELD_PREP's build-time range check (include/tpu/bits.h): a constant that
# fits its field compiles, one that does not fails with the check's message,
# both as a literal (also without optimisation) and through an inline
# function (with optimisation, as the tree is built), in C and C++.  A value
# known only at run time never trips it.
#
#   cmake -DCC=<c compiler> -DCXX=<c++ compiler> -DINCLUDE=<dir> -DSOURCE=<file> -P check_field_prep.cmake

# flags,...,expected result
set(cases
  "-O0,-DVALUE=3,pass"
  "-O2,-DVALUE=3,pass"
  "-O2,-DVALUE=3,-DVIA_INLINE,pass"
  "-O0,-DVALUE=4,fail"
  "-O2,-DVALUE=4,fail"
  "-O2,-DVALUE=0x10003,-DVIA_INLINE,fail")
set(failures 0)
foreach(lang C CXX)
  if(lang STREQUAL "C")
    set(cmd ${CC} -std=c11)
  else()
    set(cmd ${CXX} -std=gnu++17 -x c++)
  endif()
  foreach(c IN LISTS cases)
    string(REPLACE "," ";" c "${c}")
    list(POP_BACK c expect)
    execute_process(
      COMMAND ${cmd} -Wall -Wextra -Werror -I${INCLUDE} ${c} -c ${SOURCE} -o /dev/null
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(expect STREQUAL "pass" AND NOT rc EQUAL 0)
      message(SEND_ERROR "${lang} ${c}: must compile:\n${out}")
      math(EXPR failures "${failures} + 1")
    elseif(expect STREQUAL "fail" AND (rc EQUAL 0 OR NOT out MATCHES "value does not fit the field"))
      message(SEND_ERROR "${lang} ${c}: must fail with the range-check message (rc ${rc}):\n${out}")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
endforeach()
if(failures)
  message(FATAL_ERROR "${failures} FIELD_PREP range case(s) wrong")
endif()
