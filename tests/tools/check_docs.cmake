# SPDX-License-Identifier: Apache-2.0
#
# docs/registers.md is generated, and committed so that it can be read
# without building.  This test keeps the committed copy from drifting from
# the YAML: it must equal the one the build just generated.
#
#   cmake -DGENERATED=<build>/gen/docs/registers.md -DCOMMITTED=<src>/docs/registers.md -P check_docs.cmake

execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${GENERATED}" "${COMMITTED}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "docs/registers.md is out of date with regs/*.yaml.\n"
    "Refresh it with:  cp ${GENERATED} ${COMMITTED}")
endif()
