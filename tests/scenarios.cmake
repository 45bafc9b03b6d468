# Every scenario is a CTest test, registered by `tpusim list --cmake`
# (harness/cli/list.cpp): the loader reads the files, so what CTest runs is
# what the CLI sees, whatever the YAML layout.
#   scenarios/*.yaml, examples/    run, must pass
#   scenarios/proofs/*.yaml        one per checker: a run in which it fires
#                                  (with the driver mutant it names, if any)
#   tests/mutants/killers/*.yaml   correct behaviour that kills a mutant
# Each scenario that expects findings is also run once per expected checker
# with that checker switched off: it must then fail, saying the finding is
# missing (checker_off.<file>.<checker>).
#
# The list is generated at build time, after tpusim, into a file CTest
# includes when it runs (TEST_INCLUDE_FILES), the way gtest_discover_tests
# works.
file(GLOB_RECURSE _scenario_files CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/scenarios/*.yaml ${PROJECT_SOURCE_DIR}/tests/mutants/killers/*.yaml)
set(_list ${CMAKE_BINARY_DIR}/scenario_tests.cmake)
string(REPLACE ";" "|" _env "${TPUSIM_SC_TEST_ENV}")
add_custom_command(OUTPUT ${_list}
  COMMAND ${CMAKE_COMMAND} -DTPUSIM=$<TARGET_FILE:tpusim> -DBIN_DIR=${CMAKE_BINARY_DIR} -DOUT=${_list}
          -DENV=${_env}
          -DDIRS=${PROJECT_SOURCE_DIR}/scenarios|${PROJECT_SOURCE_DIR}/tests/mutants/killers
          -P ${CMAKE_CURRENT_SOURCE_DIR}/list_scenarios.cmake
  DEPENDS tpusim ${_scenario_files} ${CMAKE_CURRENT_SOURCE_DIR}/list_scenarios.cmake
  COMMENT "Listing the scenario tests (tpusim list --cmake)"
  VERBATIM)
add_custom_target(scenario-tests ALL DEPENDS ${_list})
# A build that has not listed them yet gets one failing test saying so,
# not silently no scenario tests.
set(_stub ${CMAKE_CURRENT_BINARY_DIR}/scenario_tests_include.cmake)
file(WRITE ${_stub} "if(EXISTS [==[${_list}]==])\n  include([==[${_list}]==])\nelse()\n"
  "  add_test(scenarios.not-listed ${CMAKE_COMMAND} -E echo \"build target scenario-tests first\")\n"
  "  set_tests_properties(scenarios.not-listed PROPERTIES WILL_FAIL TRUE)\nendif()\n")
# Scenarios that need the sim-OS's own checks of the driver (the key
# `unsanitized_only: true`) do not run in the sanitizer build: there ASan
# instruments the driver instead and stops the run at its first report
# (docs/os-interface.md), so the expected findings never come (a
# directory run there prints SKIP for them, harness/cli/tpusim.cpp).  The
# test names are those tpusim list gives: proof.<file> for scenarios/proofs,
# killer.<file> for the mutant killers, scenario.<file> for the others.
if(TPUSIM_SANITIZE)
  foreach(f ${_scenario_files})
    file(STRINGS ${f} _skip REGEX "^unsanitized_only: *true")
    if(NOT _skip)
      continue()
    endif()
    get_filename_component(_base ${f} NAME_WE)
    get_filename_component(_dir ${f} DIRECTORY)
    get_filename_component(_dir ${_dir} NAME)
    set(_prefix scenario)
    if(_dir STREQUAL "proofs")
      set(_prefix proof)
    elseif(_dir STREQUAL "killers")
      set(_prefix killer)
    endif()
    file(STRINGS ${f} _found REGEX "^ +findings: \\[")
    string(REGEX REPLACE "^ +findings: \\[([^]]*)\\].*" "\\1" _found "${_found}")
    string(REPLACE "," ";" _found "${_found}")
    set(_tests ${_prefix}.${_base})
    foreach(c ${_found})
      string(STRIP "${c}" c)
      list(APPEND _tests checker_off.${_base}.${c})
    endforeach()
    file(APPEND ${_stub} "set_tests_properties(${_tests} PROPERTIES DISABLED TRUE)\n")
  endforeach()
endif()
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${_stub})

# The vocabulary tables of docs/scenarios.md and docs/checkers.md are
# generated from harness/vocab: fail when a committed table is stale.
add_test(NAME docs.vocab COMMAND tpusim docs ${PROJECT_SOURCE_DIR}/docs --check)
set_tests_properties(docs.vocab PROPERTIES LABELS docs ENVIRONMENT "${TPUSIM_SC_TEST_ENV}")
