# SPDX-License-Identifier: Apache-2.0
#
# kbuild_test.cmake - the CTest cases of the kernel build dir and of the
# vendor tree verification that run a command and judge its exit and output
# (tests/linux/CMakeLists.txt registers them):
#
#   -DMODE=refused  -DFIXTURE=<dir> -DWORK=<dir> -DKDIR=<kernel dir> -DMAKE=<make> -DEXPECT=<regex>
#       a copy of FIXTURE built with the kernel dir must fail, saying EXPECT
#   -DMODE=warns    (same variables) the build must succeed and say EXPECT
#   -DMODE=tampered -DFIXTURE=<tree with SOURCE.md> -DWORK=<dir> -DFILE=<path> -DVERIFY=<script> -DEXPECT=<regex>
#       a copy of the tree with one byte of FILE changed must be refused
#   -DMODE=missing  (same) a copy without FILE must be refused
#   -DMODE=flags    -DFILE=<.obj.o.cmd> -DREQUIRE=<flag>|<flag>...
#       the saved command of a built object has every flag of REQUIRE
#
# Every run works on a fresh copy under WORK: nothing is written next to
# the fixtures.
cmake_minimum_required(VERSION 3.25)

if(MODE STREQUAL "flags")
  file(READ ${FILE} cmd)
  string(REPLACE "|" ";" required "${REQUIRE}")
  separate_arguments(words UNIX_COMMAND "${cmd}")
  set(absent "")
  foreach(f ${required})
    if(NOT f IN_LIST words)
      list(APPEND absent ${f})
    endif()
  endforeach()
  message("${cmd}")
  if(absent)
    message(FATAL_ERROR "FAIL: the command lacks: ${absent}")
  endif()
  message("PASS: every required flag is there")
  return()
endif()

file(REMOVE_RECURSE ${WORK})
file(COPY ${FIXTURE}/ DESTINATION ${WORK})

if(MODE STREQUAL "refused" OR MODE STREQUAL "warns")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PWD=${WORK}
                          ${MAKE} --no-print-directory -C ${KDIR} M=${WORK} modules
    WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
elseif(MODE STREQUAL "tampered" OR MODE STREQUAL "missing")
  if(MODE STREQUAL "tampered")
    # One byte, in the middle of the file, written in place by dd.
    file(SIZE ${WORK}/${FILE} size)
    math(EXPR at "${size} / 2")
    file(READ ${WORK}/${FILE} byte OFFSET ${at} LIMIT 1 HEX)
    if(byte STREQUAL "41")
      set(other B)
    else()
      set(other A)
    endif()
    execute_process(COMMAND sh -c "printf '%s' \"$1\" | dd of=\"$2\" bs=1 seek=$3 conv=notrunc 2>/dev/null"
                            sh ${other} ${WORK}/${FILE} ${at}
      RESULT_VARIABLE prc)
    if(NOT prc EQUAL 0)
      message(FATAL_ERROR "could not change a byte of the copy of ${FILE}")
    endif()
  else()
    file(REMOVE ${WORK}/${FILE})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -DSRC=${WORK} -P ${VERIFY}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
else()
  message(FATAL_ERROR "kbuild_test.cmake: unknown MODE '${MODE}'")
endif()

message("${out}")
if(MODE STREQUAL "warns")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "FAIL: the build failed (exit ${rc}); it must only warn")
  endif()
elseif(rc EQUAL 0)
  message(FATAL_ERROR "FAIL: accepted; it must be refused with: ${EXPECT}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "FAIL: exit ${rc}, but the output does not say: ${EXPECT}")
endif()
message("PASS: exit ${rc}, says: ${EXPECT}")
