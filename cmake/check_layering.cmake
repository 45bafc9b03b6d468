# SPDX-License-Identifier: Apache-2.0
#
# check_layering.cmake - enforce cmake/layering_rules.cmake.
#
#   cmake -DSOURCE_DIR=<tree> -DLAYER=<folder> [-DDIR=<dir>]
#         [-DGEN_INCLUDE_DIR=<gen/include>] [-DREGS_DIR=<regs>] -P check_layering.cmake
#       Every #include of every source and header under DIR (default:
#       SOURCE_DIR/LAYER) must resolve to the folder itself, the same
#       directory, or a folder its rule allows; angle includes must be C11
#       standard headers when the rule says SYSTEM c11.  "gen" headers are
#       those regsgen writes: present in GEN_INCLUDE_DIR, or named after a
#       YAML file in REGS_DIR (so the check does not depend on the build).
#       NO_LINK folders: no library they define may appear in the link
#       lines of DIR's CMake files.
#   cmake -DSOURCE_DIR=<tree> -DCHECK=acyclic -P check_layering.cmake
#       The modules' graph has no cycle, and every folder under harness/
#       has a rule.
#   -DRULES=<file> reads another table (the check's own fixtures).
#
# Exits non-zero listing each violation.

cmake_minimum_required(VERSION 3.25)  # IN_LIST and friends in -P mode

if(NOT DEFINED SOURCE_DIR)
  message(FATAL_ERROR "check_layering: -DSOURCE_DIR=... is required")
endif()

# ---- the table ----------------------------------------------------------
set(_layers "")
macro(tpusim_layer folder)
  cmake_parse_arguments(_l "" "MODULE;SYSTEM" "MAY;NO_LINK" ${ARGN})
  list(APPEND _layers ${folder})
  set(_module_${folder} ${folder})
  if(_l_MODULE)
    set(_module_${folder} ${_l_MODULE})
  endif()
  set(_system_${folder} any)
  if(_l_SYSTEM)
    set(_system_${folder} ${_l_SYSTEM})
  endif()
  set(_may_${folder} ${_l_MAY})
  set(_nolink_${folder} ${_l_NO_LINK})
endmacro()
if(NOT DEFINED RULES)
  set(RULES ${CMAKE_CURRENT_LIST_DIR}/layering_rules.cmake)
endif()
include(${RULES})

# The folder a project path belongs to: harness/<sub>, tests/<sub>, or
# its top-level directory.
function(_folder_of path out)
  if(path MATCHES "^(harness|tests)/([^/]+)/")
    set(${out} "${CMAKE_MATCH_1}/${CMAKE_MATCH_2}" PARENT_SCOPE)
  elseif(path MATCHES "^([^/]+)/")
    set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# ---- layering.acyclic ---------------------------------------------------
if(CHECK STREQUAL "acyclic")
  set(violations 0)
  # Every harness folder needs a rule.
  file(GLOB _subs LIST_DIRECTORIES true "${SOURCE_DIR}/harness/*")
  foreach(s IN LISTS _subs)
    if(IS_DIRECTORY "${s}")
      get_filename_component(n "${s}" NAME)
      if(NOT "harness/${n}" IN_LIST _layers)
        message(SEND_ERROR "harness/${n}: no rule in cmake/layering_rules.cmake")
        math(EXPR violations "${violations} + 1")
      endif()
    endif()
  endforeach()
  # Module graph; peel off modules whose dependencies are all gone
  # (Kahn).  What stays behind lies on a cycle.
  set(_mods "")
  foreach(l IN LISTS _layers)
    set(m ${_module_${l}})
    list(APPEND _mods ${m})
    foreach(a IN LISTS _may_${l})
      if(DEFINED _module_${a} AND NOT _module_${a} STREQUAL m)
        list(APPEND _deps_${m} ${_module_${a}})
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES _mods)
  set(_left ${_mods})
  set(_progress TRUE)
  while(_progress)
    set(_progress FALSE)
    foreach(m IN LISTS _left)
      set(_ready TRUE)
      foreach(d IN LISTS _deps_${m})
        if(d IN_LIST _left)
          set(_ready FALSE)
        endif()
      endforeach()
      if(_ready)
        list(REMOVE_ITEM _left ${m})
        set(_progress TRUE)
      endif()
    endforeach()
  endwhile()
  if(_left)
    string(REPLACE ";" ", " _shown "${_left}")
    message(SEND_ERROR "the layering has a cycle among: ${_shown}")
    math(EXPR violations "${violations} + 1")
  endif()
  if(violations GREATER 0)
    message(FATAL_ERROR "check_layering: ${violations} problem(s) in the layering table")
  endif()
  list(LENGTH _mods _n)
  message(STATUS "check_layering: ${_n} modules, no cycle")
  return()
endif()

# ---- layering.<folder> ----------------------------------------------------
if(NOT DEFINED LAYER OR NOT LAYER IN_LIST _layers)
  message(FATAL_ERROR "check_layering: -DLAYER=<folder> must name a rule of layering_rules.cmake")
endif()
if(NOT DEFINED DIR)
  set(DIR "${SOURCE_DIR}/${LAYER}")
endif()
set(_allowed ${LAYER} ${_may_${LAYER}})
# A module's folders share what they may include.
foreach(l IN LISTS _layers)
  if(_module_${l} STREQUAL _module_${LAYER})
    list(APPEND _allowed ${l} ${_may_${l}})
  endif()
endforeach()

# C11 standard headers (ISO/IEC 9899:2011, 7.1.2).
set(c_std_headers
  assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h
  limits.h locale.h math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h
  stdbool.h stddef.h stdint.h stdio.h stdlib.h stdnoreturn.h string.h
  tgmath.h threads.h time.h uchar.h wchar.h wctype.h)

# Headers regsgen generates: tpu/<block>_regs.h, tpu/<struct>.h,
# tpu/regblocks.h.
set(gen_headers "tpu/regblocks.h")
if(DEFINED REGS_DIR)
  file(GLOB yamls "${REGS_DIR}/*.yaml")
  foreach(y IN LISTS yamls)
    get_filename_component(n "${y}" NAME_WE)
    list(APPEND gen_headers "tpu/${n}_regs.h" "tpu/${n}.h")
  endforeach()
endif()

# Every header of the tree, for resolving an include to its folder.
file(GLOB_RECURSE _hdrs RELATIVE "${SOURCE_DIR}"
  "${SOURCE_DIR}/include/*.h" "${SOURCE_DIR}/driver/*.h" "${SOURCE_DIR}/model/*.h"
  "${SOURCE_DIR}/harness/*.h" "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/bench/*.h")
# The Linux API layer's kernel headers (<linux/...>, <asm/...>) are on the
# include path of the layer and of the drivers built against it only;
# elsewhere those names are the system's (the kernel's own on os/linux).
if(NOT LAYER STREQUAL "harness/linux")
  list(FILTER _hdrs EXCLUDE REGEX "^harness/linux/(include|drivers)/")
endif()

# Folders of the tree headers that `h` may name: include/<h>, or a header
# whose path ends in /<h> (found through an include directory).
function(_resolve h out)
  set(found "")
  foreach(p IN LISTS _hdrs)
    if(p STREQUAL "include/${h}" OR p MATCHES "(^|/)${_h_re}$")
      if(p MATCHES "^include/")
        list(APPEND found include)
      else()
        _folder_of("${p}" f)
        list(APPEND found "${f}")
      endif()
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE sources "${DIR}/*.c" "${DIR}/*.h" "${DIR}/*.cpp" "${DIR}/*.hpp")
if(NOT sources)
  message(FATAL_ERROR "check_layering: no sources under ${DIR}")
endif()

set(violations 0)
set(checked 0)
foreach(src IN LISTS sources)
  file(RELATIVE_PATH rel "${DIR}" "${src}")
  get_filename_component(src_dir "${src}" DIRECTORY)
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
      set(why "computed or malformed #include cannot be checked")
    endif()

    if(why STREQUAL "")
      string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" _h_re "${h}")
      if(h MATCHES "(^|/)\\.\\.(/|$)")
        set(why "path leaves the include roots (..)")
      elseif(kind STREQUAL "quote" AND EXISTS "${src_dir}/${h}" AND NOT IS_DIRECTORY "${src_dir}/${h}")
        # next to the including file
      elseif(h IN_LIST gen_headers OR
             (DEFINED GEN_INCLUDE_DIR AND EXISTS "${GEN_INCLUDE_DIR}/${h}" AND
              NOT IS_DIRECTORY "${GEN_INCLUDE_DIR}/${h}"))
        if(NOT "gen" IN_LIST _allowed)
          set(why "generated header, not allowed here")
        endif()
      else()
        _resolve("${h}" homes)
        set(ok FALSE)
        foreach(f IN LISTS homes)
          if(f IN_LIST _allowed)
            set(ok TRUE)
          endif()
        endforeach()
        if(ok)
          # a header of an allowed folder
        elseif(homes)
          list(GET homes 0 f)
          set(why "from ${f}/, which ${LAYER}/ may not include")
        elseif(kind STREQUAL "angle" AND h IN_LIST c_std_headers)
          # C standard library
        elseif(kind STREQUAL "angle" AND _system_${LAYER} STREQUAL "any")
          # a system header
        elseif(kind STREQUAL "angle")
          set(why "not a C11 standard header")
        else()
          set(why "no such header in the folders ${LAYER}/ may include")
        endif()
      endif()
    endif()

    if(NOT why STREQUAL "")
      string(STRIP "${line}" shown)
      message(SEND_ERROR "${LAYER}/${rel}: ${shown}: ${why}")
      math(EXPR violations "${violations} + 1")
    endif()
  endforeach()
endforeach()

# Link lines: no library of a NO_LINK folder.
foreach(nl IN LISTS _nolink_${LAYER})
  file(GLOB_RECURSE defs "${SOURCE_DIR}/${nl}/CMakeLists.txt" "${SOURCE_DIR}/${nl}/*.cmake")
  set(libs "")
  foreach(d IN LISTS defs)
    file(STRINGS "${d}" adds REGEX "add_library\\(")
    foreach(a IN LISTS adds)
      if(a MATCHES "add_library\\(([A-Za-z0-9_.+-]+)")
        list(APPEND libs ${CMAKE_MATCH_1})
      endif()
    endforeach()
  endforeach()
  file(GLOB_RECURSE mine "${DIR}/CMakeLists.txt" "${DIR}/*.cmake")
  foreach(f IN LISTS mine)
    file(RELATIVE_PATH rel "${DIR}" "${f}")
    file(STRINGS "${f}" links REGEX "(target_link_libraries|tpusim_link_driver)")
    foreach(line IN LISTS links)
      math(EXPR checked "${checked} + 1")
      foreach(lib IN LISTS libs)
        if(line MATCHES "[ (]${lib}([ )]|$)")
          message(SEND_ERROR "${LAYER}/${rel}: links ${lib}, a library of ${nl}/")
          math(EXPR violations "${violations} + 1")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()

if(violations GREATER 0)
  message(FATAL_ERROR "check_layering: ${violations} forbidden include(s) or link(s) in ${DIR}")
endif()
message(STATUS "check_layering: ${checked} include(s) and link line(s) in ${DIR} are all allowed")
