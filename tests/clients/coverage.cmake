# SPDX-License-Identifier: Apache-2.0
#
# coverage.cmake - docs/clients-coverage.md: which TIU operations and TDMA
# modes the vendor's operator tests exercise.  Runs every operator test
# module (CLIENTS_DIR/test_181x_*.so) with `tpusim client --ops --ops-all`
# (the universe and the names: harness/scenario/op_census.h) and writes
# the table to OUT; with CHECK, fails when CHECK differs from OUT (CTest
# clients.coverage) and prints the command that rewrites it.
#
#   cmake -DTPUSIM=build/harness/tpusim -DCLIENTS_DIR=build/clients
#         -DOUT=docs/clients-coverage.md -P tests/clients/coverage.cmake
#
# A run showing a TIU operation or TDMA mode outside the universe fails:
# the kernels named something harness/vocab/tdma_modes.h lacks.
cmake_minimum_required(VERSION 3.20)

foreach(v TPUSIM CLIENTS_DIR OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "coverage.cmake: -D${v}=... is required")
  endif()
endforeach()
set(_regen "cmake -DTPUSIM=build/harness/tpusim -DCLIENTS_DIR=build/clients -DOUT=docs/clients-coverage.md -P tests/clients/coverage.cmake")

file(GLOB _mods "${CLIENTS_DIR}/test_181x_*.so")
list(SORT _mods)
list(LENGTH _mods _ntests)
if(_ntests EQUAL 0)
  message(FATAL_ERROR "coverage.cmake: no test_181x_*.so in ${CLIENTS_DIR}")
endif()

# The sections of the --ops output, by their heading.
set(_section_of_TIU_operations tiu)
set(_section_of_TDMA_modes tdma)
set(_section_of_TDMA_fallbacks fallback)
set(_section_of_TDMA_errors error)
set(_section_of_Outside_the_universe outside)

# Per feature: its kind, codes, and the tests that computed it / timed it.
set(_features "")   # universe, in the order tpusim prints it
set(_others "")     # fallbacks, errors, names outside the universe
set(_outside "")
set(_failed "")
foreach(mod IN LISTS _mods)
  get_filename_component(test "${mod}" NAME_WE)
  string(REGEX REPLACE "^test_181x_" "" short "${test}")
  execute_process(COMMAND "${TPUSIM}" client --ops --ops-all "${mod}"
    OUTPUT_VARIABLE _out ERROR_VARIABLE _err RESULT_VARIABLE _rc)
  if(_rc EQUAL 2 OR NOT _out MATCHES "(^|\n)TIU operations")
    message(FATAL_ERROR "coverage.cmake: ${test} did not run (exit ${_rc}):\n${_out}${_err}")
  endif()
  if(NOT _rc EQUAL 0)
    list(APPEND _failed "${short}")
  endif()
  # The program's own output comes first: no ';' or brackets may split
  # or glue the lines of the list.
  string(REGEX REPLACE "[][;]" "_" _out "${_out}")
  string(REPLACE "\n" ";" _lines "${_out}")
  set(_section "")
  set(_universe "")
  foreach(line IN LISTS _lines)
    if(line MATCHES "^(TIU operations|TDMA modes|TDMA fallbacks|TDMA errors|Outside the universe)")
      string(MAKE_C_IDENTIFIER "${CMAKE_MATCH_1}" _heading)
      set(_section ${_section_of_${_heading}})
      continue()
    elseif(_section STREQUAL "")
      continue()
    elseif(NOT line MATCHES "^  ")
      set(_section "")
      continue()
    elseif(_section STREQUAL "tiu" AND line MATCHES "^  ([^ ]+) +(.*[^ ]) +([0-9]+)  +([0-9]+)  +([0-9]+)$")
      set(name "${CMAKE_MATCH_1}")
      set(codes "${CMAKE_MATCH_2}")
      set(exec "${CMAKE_MATCH_4}")
      set(timed "${CMAKE_MATCH_5}")
    elseif(line MATCHES "^  (.*[^ ]) +([0-9]+)  +([0-9]+)  +([0-9]+)$")
      set(name "${CMAKE_MATCH_1}")
      set(codes "")
      set(exec "${CMAKE_MATCH_3}")
      set(timed "${CMAKE_MATCH_4}")
    else()
      message(FATAL_ERROR "coverage.cmake: ${test}: cannot read the --ops line '${line}'")
    endif()
    string(MAKE_C_IDENTIFIER "${name}" id)
    if(_section STREQUAL "tiu" OR _section STREQUAL "tdma")
      list(APPEND _universe "${name}")
      if(NOT DEFINED _kind_${id})
        list(APPEND _features "${name}")
        set(_kind_${id} ${_section})
        set(_codes_${id} "${codes}")
      endif()
    else()
      if(NOT DEFINED _kind_${id})
        list(APPEND _others "${name}")
        set(_kind_${id} ${_section})
      endif()
      if(_section STREQUAL "outside" AND NOT "${name}" IN_LIST _outside)
        list(APPEND _outside "${name}")
      endif()
    endif()
    if(exec GREATER 0)
      list(APPEND _exec_${id} "${short}")
    endif()
    if(timed GREATER 0)
      list(APPEND _timed_${id} "${short}")
    endif()
  endforeach()
  if(DEFINED _first_universe AND NOT _universe STREQUAL _first_universe)
    message(FATAL_ERROR "coverage.cmake: ${test} printed another universe than the first test")
  endif()
  set(_first_universe "${_universe}")
endforeach()

# The names are the kernels': a TDMA mode of the universe that no kernel
# source names any more is a stale row of harness/vocab/tdma_modes.h.
file(GLOB _kernel_src "${CMAKE_CURRENT_LIST_DIR}/../../model/kernels/tdma*.c")
set(_kernels "")
foreach(src IN LISTS _kernel_src)
  file(READ "${src}" _text)
  string(APPEND _kernels "${_text}")
endforeach()
foreach(f IN LISTS _features)
  string(MAKE_C_IDENTIFIER "${f}" id)
  if(_kind_${id} STREQUAL "tdma")
    string(REGEX MATCH "^[^ ]+ (.*)$" _m "${f}")
    set(_what "${CMAKE_MATCH_1}")
    string(FIND "${_kernels}" "\"${_what}\"" _at)
    if(_at LESS 0)
      message(FATAL_ERROR "coverage.cmake: no TDMA kernel (model/kernels/tdma*.c) names the mode '${_what}' "
        "any more: update its row in harness/vocab/tdma_modes.h")
    endif()
  endif()
endforeach()

# "n: a, b, c ..." - the count and the first few names.
function(some out list)
  list(LENGTH list n)
  if(n EQUAL 0)
    set(${out} "-" PARENT_SCOPE)
    return()
  endif()
  list(SUBLIST list 0 4 head)
  list(JOIN head ", " s)
  if(n GREATER 4)
    string(APPEND s ", ...")
  endif()
  set(${out} "${n}: ${s}" PARENT_SCOPE)
endfunction()

set(_none "")
set(_timed_some "")
set(_covered 0)
set(_tiu_total 0)
set(_tiu_covered 0)
set(_tdma_total 0)
set(_tdma_covered 0)
set(_all_rows "")
foreach(f IN LISTS _features)
  string(MAKE_C_IDENTIFIER "${f}" id)
  set(_ran ${_exec_${id}} ${_timed_${id}})
  list(REMOVE_DUPLICATES _ran)
  math(EXPR _${_kind_${id}}_total "${_${_kind_${id}}_total} + 1")
  set(kind "TIU")
  if(_kind_${id} STREQUAL "tdma")
    set(kind "TDMA")
  endif()
  if(_ran)
    math(EXPR _covered "${_covered} + 1")
    math(EXPR _${_kind_${id}}_covered "${_${_kind_${id}}_covered} + 1")
  else()
    string(APPEND _none "| ${kind} | ${f} | ${_codes_${id}} |\n")
  endif()
  if(_timed_${id})
    some(t "${_timed_${id}}")
    some(e "${_exec_${id}}")
    string(APPEND _timed_some "| ${kind} | ${f} | ${t} | ${e} |\n")
  endif()
  some(e "${_exec_${id}}")
  some(t "${_timed_${id}}")
  string(APPEND _all_rows "| ${kind} | ${f} | ${_codes_${id}} | ${e} | ${t} |\n")
endforeach()
math(EXPR _total "${_tiu_total} + ${_tdma_total}")
math(EXPR _uncovered "${_total} - ${_covered}")
set(_other_rows "")
foreach(f IN LISTS _others)
  string(MAKE_C_IDENTIFIER "${f}" id)
  some(e "${_exec_${id}}")
  some(t "${_timed_${id}}")
  set(_ran ${_exec_${id}} ${_timed_${id}})
  list(REMOVE_DUPLICATES _ran)
  some(r "${_ran}")
  string(APPEND _other_rows "| ${_kind_${id}} | ${f} | ${r} | ${t} |\n")
endforeach()
some(_failed_some "${_failed}")
list(LENGTH _failed _nfailed)
if(_nfailed GREATER 0)
  list(JOIN _failed ", " _failed_list)
  set(_failed_line "${_nfailed} of the runs failed their own checks or tpusim's (their descriptors count all the same; tests/clients/known-failures.txt says why): ${_failed_list}.")
else()
  set(_failed_line "Every run passed.")
endif()
if(_none STREQUAL "")
  set(_none "| - | every feature is exercised | |\n")
endif()
if(_timed_some STREQUAL "")
  set(_timed_some "| - | none | | |\n")
endif()
if(_other_rows STREQUAL "")
  set(_other_rows "| - | none | | |\n")
endif()

file(WRITE "${OUT}" "<!-- Generated by tests/clients/coverage.cmake; do not edit. Regenerate (after a change to
     the model's kernels, the operator tests or the tables it uses) with:
     ${_regen}
     CTest clients.coverage fails while this file is stale. -->
# The vendor's operator tests: TIU and TDMA coverage

Which TIU operations and TDMA modes the vendor's ${_ntests} operator tests
(`test_181x_*`, run as clients: docs/clients.md) exercise on tpusim, next
to tpusim's own functional coverage (docs/coverage.md). Each test ran
once on the project driver with `tpusim client --ops --ops-all`; a test
exercises a feature when at least one of its descriptors of that
operation or mode ran, computed or timed only. The universe is every TIU
operation `tiu_kernel_op_name` can name (`tsk_typ`/`tsk_eu_typ`, `t/*`: any
`tsk_eu_typ`) and every direction of every TDMA mode of
`harness/vocab/tdma_modes.h` in which a cvikernel operation emits it (the
mode is what the TDMA kernels say they did). Regenerate with:

    ${_regen}

**${_covered} of ${_total} features** are exercised by at least one vendor test
(TIU operations ${_tiu_covered} of ${_tiu_total}, TDMA modes by direction
${_tdma_covered} of ${_tdma_total}); **${_uncovered} are exercised by none**.
${_failed_line}

## Exercised by no vendor test

| kind | feature | tsk_typ/eu_typ |
|---|---|---|
${_none}
## Timed only (not computed) in some test

| kind | feature | tests timing it only | tests computing it |
|---|---|---|---|
${_timed_some}
## Not features: fallbacks, errors, names outside the universe

The kernels' fallbacks for descriptors beyond a size limit, descriptors
that raised an error status (named by their error), and names no table
knows (these fail clients.coverage).

| section | name | tests | tests timing it only |
|---|---|---|---|
${_other_rows}
## Every feature

| kind | feature | tsk_typ/eu_typ | tests computing it | tests timing it only |
|---|---|---|---|---|
${_all_rows}")

message(STATUS "${_covered} of ${_total} features exercised by the ${_ntests} vendor tests (TIU ${_tiu_covered}/${_tiu_total}, TDMA ${_tdma_covered}/${_tdma_total}); ${_uncovered} by none")
if(_outside)
  list(JOIN _outside ", " _o)
  message(FATAL_ERROR "coverage.cmake: outside the universe: ${_o} (add the mode to harness/vocab/tdma_modes.h)")
endif()
if(DEFINED CHECK)
  file(READ "${CHECK}" _want)
  file(READ "${OUT}" _got)
  if(NOT _want STREQUAL _got)
    message(FATAL_ERROR "coverage.cmake: ${CHECK} is stale (the fresh table is ${OUT}); rewrite it with:\n  ${_regen}")
  endif()
endif()
