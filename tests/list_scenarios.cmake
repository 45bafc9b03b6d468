# cmake -P tests/list_scenarios.cmake: write the CTest registration of
# every scenario (tests/scenarios.cmake) from `tpusim list --cmake`.
# Inputs: TPUSIM, BIN_DIR, OUT, ENV (the tests' environment) and DIRS, the
# last two '|'-separated (a ';' would split the command line that passes
# them).
string(REPLACE "|" ";" _dirs "${DIRS}")
string(REPLACE "|" ";" ENV "${ENV}")
execute_process(COMMAND ${TPUSIM} list --cmake --bin-dir ${BIN_DIR} ${_dirs}
  OUTPUT_VARIABLE _tests ERROR_VARIABLE _err RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "tpusim list --cmake failed (${_rc}):\n${_err}")
endif()
file(WRITE ${OUT}.tmp "set(TPUSIM_TEST_ENV [==[${ENV}]==])\n${_tests}")
file(RENAME ${OUT}.tmp ${OUT})
