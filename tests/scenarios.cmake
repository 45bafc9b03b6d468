# Every scenario is a CTest test (label "scenario").
#   scenarios/*.yaml         the regression suite, run by tpusim
#   scenarios/proofs/*.yaml  one per checker: a run in which that checker
#                            fires (with the driver mutant it names, if
#                            any); each is also run with the checker
#                            switched off, which must then fail, saying
#                            that finding is missing.
file(GLOB _scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.yaml)
foreach(f ${_scenarios})
  get_filename_component(n ${f} NAME_WE)
  set(extra "")
  if(n STREQUAL "stress")
    # The stress scenario is run with schedule exploration.
    set(extra --schedules 3)
  endif()
  add_test(NAME scenario.${n} COMMAND tpusim run ${f} --quiet ${extra})
  set_tests_properties(scenario.${n} PROPERTIES LABELS scenario TIMEOUT 600
    ENVIRONMENT "${TPUSIM_SC_TEST_ENV}")
endforeach()

file(GLOB _proofs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/proofs/*.yaml)
foreach(f ${_proofs})
  get_filename_component(n ${f} NAME_WE)
  file(STRINGS ${f} _mut REGEX "^requires_mutant:")
  set(exe tpusim)
  if(_mut)
    string(REGEX REPLACE "^requires_mutant:[ ]*([A-Za-z0-9_.-]+).*" "\\1" _m "${_mut}")
    set(exe tpusim-${_m})
  endif()
  add_test(NAME proof.${n} COMMAND ${exe} run ${f} --quiet)
  set_tests_properties(proof.${n} PROPERTIES LABELS "scenario;proof" TIMEOUT 300
    ENVIRONMENT "${TPUSIM_SC_TEST_ENV}")
  file(STRINGS ${f} _find REGEX "^  findings:")
  string(REGEX REPLACE "^  findings:[ ]*\\[(.*)\\].*" "\\1" _list "${_find}")
  string(REPLACE "," ";" _list "${_list}")
  foreach(c ${_list})
    string(STRIP "${c}" c)
    add_test(NAME checker_off.${n}.${c} COMMAND ${exe} run ${f} --quiet --disable-checker ${c})
    # Passes only if the run fails for exactly that reason.
    set_tests_properties(checker_off.${n}.${c} PROPERTIES LABELS "scenario;proof"
      PASS_REGULAR_EXPRESSION "missing ${c};" TIMEOUT 300 ENVIRONMENT "${TPUSIM_SC_TEST_ENV}")
  endforeach()
endforeach()
