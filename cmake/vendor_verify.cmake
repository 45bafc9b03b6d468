# SPDX-License-Identifier: Apache-2.0
#
# vendor_verify.cmake - a vendor source tree is used only as recorded:
# every file its SOURCE.md lists with a git blob id must be there and have
# that id (git hash-object: SHA-1 of "blob <size>\0" + the bytes).  A
# modified or missing file is refused, naming the file and both ids.
# Used by cmake/vendor_driver.cmake at configure time (include()), and as a
# script, which the tests run on copies (docs/vendor-driver.md):
#
#   cmake -DSRC=<tree> [-DDEST=<copy>] -P cmake/vendor_verify.cmake
#
# verifies SRC (and copies the verified files to DEST); a SRC that does not
# exist prints the vendor build's skip line and succeeds.
#
#   cmake -DSRC=<tree> -DREPO=<git checkout> -P cmake/vendor_verify.cmake
#
# instead fails when a file tracked in REPO is one of SRC's recorded files
# (same blob id, any path): the vendor files are never committed here.
#
# SOURCE.md rows read: "| `<path>` ... | `<blob id or prefix>` | ...",
# <path> relative to the tree, the id at least 7 hex digits.

# The line the configure prints when there is no vendor tree.
function(tpusim_vendor_skip_line out why)
  set(${out} "vendor driver: skipped (${why}; set -DTPUSIM_VENDOR_DRIVER_DIR=<osdrv-tpu dir> to enable)"
    PARENT_SCOPE)
endfunction()

# git's blob id of <file>; by git when it is installed, else by sha1sum.
function(tpusim_git_blob_id file out)
  find_program(TPUSIM_GIT_EXE git)
  if(TPUSIM_GIT_EXE)
    execute_process(COMMAND ${TPUSIM_GIT_EXE} hash-object --no-filters -- ${file}
      OUTPUT_VARIABLE id RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  else()
    file(SIZE ${file} size)
    execute_process(COMMAND sh -c "{ printf 'blob %s\\0' \"$1\"; cat \"$2\"; } | sha1sum" sh ${size} ${file}
      OUTPUT_VARIABLE id RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
    string(REGEX REPLACE " .*" "" id "${id}")
  endif()
  if(NOT rc EQUAL 0 OR NOT id MATCHES "^[0-9a-f]+$")
    message(FATAL_ERROR "vendor tree: cannot compute the git blob id of ${file}")
  endif()
  set(${out} ${id} PARENT_SCOPE)
endfunction()

# The rows of <src>/SOURCE.md that record a git blob id: paths and ids.
function(tpusim_vendor_manifest src out_paths out_ids)
  set(md ${src}/SOURCE.md)
  set(paths "")
  set(ids "")
  if(EXISTS ${md})
    file(STRINGS ${md} rows REGEX "^\\|[ \t]*`[^`]+`[^|]*\\|[ \t]*`[0-9a-f]+`[ \t]*\\|")
    foreach(row IN LISTS rows)
      if(row MATCHES "^\\|[ \t]*`([^`]+)`[^|]*\\|[ \t]*`([0-9a-f]+)`[ \t]*\\|")
        set(p "${CMAKE_MATCH_1}")
        set(id "${CMAKE_MATCH_2}")
        string(LENGTH "${id}" n)
        if(n LESS 7 OR p MATCHES "(^/|^\\.\\./|/\\.\\./)")
          message(FATAL_ERROR "vendor tree ${src}: SOURCE.md row for '${p}': "
            "need a path inside the tree and a blob id of at least 7 hex digits")
        endif()
        list(APPEND paths "${p}")
        list(APPEND ids "${id}")
      endif()
    endforeach()
  endif()
  set(${out_paths} ${paths} PARENT_SCOPE)
  set(${out_ids} ${ids} PARENT_SCOPE)
endfunction()

# The files of <src>: <out_files> (paths relative to src) and <out_verified>
# (ON when SOURCE.md lists them with ids).  Fails on a modified or missing
# file.  Without a SOURCE.md, or one without ids, every file of the tree,
# unverified.
function(tpusim_vendor_verify src out_files out_verified)
  tpusim_vendor_check(${src} files verified errors)
  if(errors)
    message(FATAL_ERROR "vendor tree ${src}: refused, not the recorded files:${errors}\n"
      "The build uses the vendor files only as SOURCE.md records them; restore them from the "
      "source it names.")
  endif()
  set(${out_files} ${files} PARENT_SCOPE)
  set(${out_verified} ${verified} PARENT_SCOPE)
endfunction()

# tpusim_vendor_verify without failing: <out_errors> holds one
# "\n  <path>: ..." line per modified or missing file (empty when none),
# for a caller that checks several trees and reports them all at once.
function(tpusim_vendor_check src out_files out_verified out_errors)
  set(${out_errors} "" PARENT_SCOPE)
  tpusim_vendor_manifest(${src} paths ids)
  if(NOT paths)
    file(GLOB_RECURSE all RELATIVE ${src} ${src}/*)
    set(${out_files} ${all} PARENT_SCOPE)
    set(${out_verified} OFF PARENT_SCOPE)
    return()
  endif()
  set(errors "")
  foreach(p id IN ZIP_LISTS paths ids)
    if(NOT EXISTS ${src}/${p} OR IS_DIRECTORY ${src}/${p})
      string(APPEND errors "\n  ${p}: missing (SOURCE.md records git blob ${id})")
      continue()
    endif()
    tpusim_git_blob_id(${src}/${p} actual)
    string(LENGTH "${id}" n)
    string(SUBSTRING "${actual}" 0 ${n} head)
    if(NOT head STREQUAL id)
      string(APPEND errors "\n  ${p}: modified: git blob ${actual}, SOURCE.md records ${id}")
    endif()
  endforeach()
  set(${out_errors} "${errors}" PARENT_SCOPE)
  set(${out_files} ${paths} PARENT_SCOPE)
  set(${out_verified} ON PARENT_SCOPE)
endfunction()

# Copies <files> (relative) of <src> to <dest>, writing only what differs
# (timestamps of unchanged copies stay, so their objects are not rebuilt).
function(tpusim_vendor_copy src dest)
  foreach(p ${ARGN})
    get_filename_component(d ${dest}/${p} DIRECTORY)
    file(MAKE_DIRECTORY ${d})
    file(COPY_FILE ${src}/${p} ${dest}/${p} ONLY_IF_DIFFERENT)
  endforeach()
endfunction()

# tpusim_vendor_verify_tests(<label> <suffix> <tree>): at test time, on the
# tree CI has, <label>.verify<suffix> verifies it, and (in a git checkout)
# <label>.not_committed<suffix> checks that none of its recorded files is
# committed to this repository, under any name.  Label <label>.
function(tpusim_vendor_verify_tests label suffix tree)
  set(script ${CMAKE_CURRENT_FUNCTION_LIST_FILE})
  tpusim_add_test(${label}.verify${suffix} LABELS ${label}
    PASS_REGULAR_EXPRESSION "[0-9]+ files verified against SOURCE\\.md"
    COMMAND ${CMAKE_COMMAND} -DSRC=${tree} -P ${script})
  if(EXISTS ${PROJECT_SOURCE_DIR}/.git)
    tpusim_add_test(${label}.not_committed${suffix} LABELS ${label}
      COMMAND ${CMAKE_COMMAND} -DSRC=${tree} -DREPO=${PROJECT_SOURCE_DIR} -P ${script})
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  if(NOT SRC)
    message(FATAL_ERROR "usage: cmake -DSRC=<tree> [-DDEST=<copy>] -P ${CMAKE_CURRENT_LIST_FILE}")
  endif()
  if(NOT IS_DIRECTORY ${SRC})
    tpusim_vendor_skip_line(line "${SRC} does not exist")
    message("${line}")
    return()
  endif()
  if(REPO)
    tpusim_vendor_manifest(${SRC} paths ids)
    find_program(TPUSIM_GIT_EXE git)
    execute_process(COMMAND ${TPUSIM_GIT_EXE} -C ${REPO} ls-files -s
      OUTPUT_VARIABLE tracked RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR NOT tracked)
      message(FATAL_ERROR "${REPO}: not a git checkout (git ls-files failed)")
    endif()
    set(found "")
    foreach(p id IN ZIP_LISTS paths ids)
      if(tracked MATCHES "[0-7]+ (${id}[0-9a-f]*) [0-9]+\t([^\n]+)")
        string(APPEND found "\n  ${CMAKE_MATCH_2} is ${p} of ${SRC} (git blob ${CMAKE_MATCH_1})")
      endif()
    endforeach()
    list(LENGTH paths n)
    if(found)
      message(FATAL_ERROR "${REPO}: vendor files are committed:${found}")
    endif()
    message("${REPO}: none of the ${n} recorded vendor files is tracked")
    return()
  endif()
  tpusim_vendor_verify(${SRC} files verified)
  list(LENGTH files n)
  if(verified)
    message("vendor tree ${SRC}: ${n} files verified against SOURCE.md")
  else()
    message("vendor tree ${SRC}: no SOURCE.md with blob ids, ${n} files unverified")
  endif()
  if(DEST)
    tpusim_vendor_copy(${SRC} ${DEST} ${files})
  endif()
endif()
