# SPDX-License-Identifier: Apache-2.0
#
# regsgen_generate(): one build rule that runs tools/regsgen over the
# register blocks and struct layouts in regs/ and declares every output, so
# that Ninja knows which files the rule produces and reruns it when the
# YAML or the generator changes.  regsgen runs from the source directory
# with relative input paths: error messages and the "generated from" notes
# then read "regs/tdma.yaml", and docs/registers.md does not depend on where
# the build tree is.
#
#   regsgen_generate(<target> BLOCKS <name>... STRUCTS <name>... OUT_DIR <dir>
#                    TABLES_VAR <var> HEADERS_VAR <var>)
#
# Produces <dir>/include/tpu/<block>_regs.h, <dir>/src/<block>_regtab.c,
# <dir>/include/tpu/<struct>.h, <dir>/include/tpu/regblocks.h and
# <dir>/src/regblocks.c (all blocks), <dir>/docs/registers.md, and a custom
# target <target> that depends on all of them.

function(regsgen_generate target)
  cmake_parse_arguments(RG "" "OUT_DIR;TABLES_VAR;HEADERS_VAR" "BLOCKS;STRUCTS" ${ARGN})
  set(inputs "")
  set(abs_inputs "")
  set(headers "")
  set(tables "")
  foreach(b IN LISTS RG_BLOCKS)
    list(APPEND inputs regs/${b}.yaml)
    list(APPEND abs_inputs ${PROJECT_SOURCE_DIR}/regs/${b}.yaml)
    list(APPEND headers ${RG_OUT_DIR}/include/tpu/${b}_regs.h)
    list(APPEND tables ${RG_OUT_DIR}/src/${b}_regtab.c)
  endforeach()
  foreach(s IN LISTS RG_STRUCTS)
    list(APPEND inputs regs/${s}.yaml)
    list(APPEND abs_inputs ${PROJECT_SOURCE_DIR}/regs/${s}.yaml)
    list(APPEND headers ${RG_OUT_DIR}/include/tpu/${s}.h)
  endforeach()
  # The list of all blocks, tpu_regblk_all[].
  list(APPEND headers ${RG_OUT_DIR}/include/tpu/regblocks.h)
  list(APPEND tables ${RG_OUT_DIR}/src/regblocks.c)
  set(md ${RG_OUT_DIR}/docs/registers.md)

  add_custom_command(
    OUTPUT ${headers} ${tables} ${md}
    COMMAND regsgen --strict-names
            --header-dir ${RG_OUT_DIR}/include/tpu
            --table-dir ${RG_OUT_DIR}/src
            --markdown ${md}
            ${inputs}
    DEPENDS regsgen ${abs_inputs}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Generating register headers, tables and docs from regs/"
    VERBATIM)
  add_custom_target(${target} DEPENDS ${headers} ${tables} ${md})
  set(${RG_TABLES_VAR} ${tables} PARENT_SCOPE)
  set(${RG_HEADERS_VAR} ${headers} PARENT_SCOPE)
endfunction()
