# SPDX-License-Identifier: Apache-2.0
#
# same_files.cmake - for cmake -P test scripts: compare two files.
#   same_files(WHO A B EQUAL)   fails (FATAL_ERROR, naming WHO) unless A and B are equal
#   same_files(WHO A B DIFFER)  fails unless they differ: the outputs must depend on the inputs
#   same_files(WHO A B NOTE)    only notes it when they are equal
function(same_files who a b want)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${a}" "${b}" RESULT_VARIABLE differ)
  if(want STREQUAL "EQUAL" AND differ)
    message(FATAL_ERROR "${who}: ${a} and ${b} differ")
  elseif(NOT want STREQUAL "EQUAL" AND NOT differ)
    set(msg "${who}: ${a} and ${b} are the same file; the outputs do not depend on the inputs")
    if(want STREQUAL "DIFFER")
      message(FATAL_ERROR "${msg}")
    endif()
    message("${msg} (noted)")
  endif()
endfunction()
