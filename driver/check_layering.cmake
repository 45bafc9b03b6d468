# SPDX-License-Identifier: Apache-2.0
#
# check_layering.cmake - prove that the driver includes nothing but the
# OS interface world: the C standard library, the shared headers under
# include/, the headers generated from regs/, and its own headers.
# "Unmodified driver" means exactly this: no harness/, no model/, no
# SystemC/TLM, no host (POSIX) headers.
#
#   cmake -DDRIVER_DIR=<dir> -DINCLUDE_DIR=<include> -DGEN_INCLUDE_DIR=<gen/include>
#         -DREGS_DIR=<regs> -P check_layering.cmake
#
# Every #include line of every *.c / *.h under DRIVER_DIR is checked.  A
# generated header is accepted if it exists in GEN_INCLUDE_DIR or if
# REGS_DIR holds the YAML it is generated from (so the check does not
# depend on whether the build ran).  Exits non-zero listing each violation.

cmake_minimum_required(VERSION 3.25)  # IN_LIST and friends in -P mode

foreach(v DRIVER_DIR INCLUDE_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_layering: -D${v}=... is required")
  endif()
endforeach()

# C11 standard headers (ISO/IEC 9899:2011, 7.1.2).
set(c_std_headers
  assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h
  limits.h locale.h math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h
  stdbool.h stddef.h stdint.h stdio.h stdlib.h stdnoreturn.h string.h
  tgmath.h threads.h time.h uchar.h wchar.h wctype.h)

# Headers regsgen generates: tpu/<block>_regs.h and tpu/<struct>.h.
set(gen_headers "")
if(DEFINED REGS_DIR)
  file(GLOB yamls "${REGS_DIR}/*.yaml")
  foreach(y IN LISTS yamls)
    get_filename_component(n "${y}" NAME_WE)
    list(APPEND gen_headers "tpu/${n}_regs.h" "tpu/${n}.h")
  endforeach()
endif()

file(GLOB_RECURSE sources "${DRIVER_DIR}/*.c" "${DRIVER_DIR}/*.h")
if(NOT sources)
  message(FATAL_ERROR "check_layering: no sources under ${DRIVER_DIR}")
endif()

set(violations 0)
set(checked 0)
foreach(src IN LISTS sources)
  file(RELATIVE_PATH rel "${DRIVER_DIR}" "${src}")
  file(STRINGS "${src}" lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS lines)
    math(EXPR checked "${checked} + 1")
    set(why "")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*<([^>]+)>")
      set(h "${CMAKE_MATCH_1}")
      set(kind angle)
    elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(h "${CMAKE_MATCH_1}")
      set(kind quote)
    else()
      set(h "")
      set(why "computed or malformed #include cannot be checked")
    endif()

    if(why STREQUAL "")
      if(h MATCHES "(^|/)(harness|model)/")
        set(why "includes from harness/ or model/")
      elseif(h MATCHES "(^|/)\\.\\.(/|$)")
        set(why "path leaves the include roots (..)")
      elseif(h MATCHES "^(systemc|tlm)" OR h MATCHES "(^|/)(systemc|tlm)(\\.h)?$")
        set(why "SystemC/TLM header")
      elseif(kind STREQUAL "angle" AND h IN_LIST c_std_headers)
        # C standard library
      elseif(EXISTS "${INCLUDE_DIR}/${h}" AND NOT IS_DIRECTORY "${INCLUDE_DIR}/${h}")
        # shared header under include/
      elseif(h IN_LIST gen_headers)
        # generated from regs/*.yaml
      elseif(DEFINED GEN_INCLUDE_DIR AND EXISTS "${GEN_INCLUDE_DIR}/${h}"
             AND NOT IS_DIRECTORY "${GEN_INCLUDE_DIR}/${h}")
        # generated header present in the build tree
      elseif(kind STREQUAL "quote" AND NOT h MATCHES "/" AND EXISTS "${DRIVER_DIR}/${h}")
        # the driver's own internal header
      else()
        set(why "not a C standard, include/, generated or driver header")
      endif()
    endif()

    if(NOT why STREQUAL "")
      string(STRIP "${line}" shown)
      message(SEND_ERROR "driver/${rel}: ${shown}: ${why}")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
endforeach()

if(violations GREATER 0)
  message(FATAL_ERROR "check_layering: ${violations} forbidden include(s) in ${DRIVER_DIR}")
endif()
message(STATUS "check_layering: ${checked} include(s) in ${DRIVER_DIR} are all allowed")
