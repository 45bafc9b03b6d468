# SPDX-License-Identifier: Apache-2.0
#
# layering.cmake - one CTest per row of cmake/layering_rules.cmake
# (layering.<folder>, label "layering"), layering.acyclic for the graph,
# and fixtures proving the check can fail.  Included from the top-level
# CMakeLists.txt.  The driver's own fixtures are in tests/driver.

set(TPUSIM_LAYERING_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/check_layering.cmake)
set(TPUSIM_LAYERING_ARGS
  -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
  -DGEN_INCLUDE_DIR=${PROJECT_BINARY_DIR}/gen/include
  -DREGS_DIR=${PROJECT_SOURCE_DIR}/regs)

# The rows, as the check script reads them.
set(_tpusim_layers "")
macro(tpusim_layer folder)
  list(APPEND _tpusim_layers ${folder})
endmacro()
include(${CMAKE_CURRENT_LIST_DIR}/layering_rules.cmake)

foreach(layer IN LISTS _tpusim_layers)
  tpusim_add_test(layering.${layer} LABELS layering
    COMMAND ${CMAKE_COMMAND} ${TPUSIM_LAYERING_ARGS} -DLAYER=${layer} -P ${TPUSIM_LAYERING_SCRIPT})
endforeach()
tpusim_add_test(layering.acyclic LABELS layering
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DCHECK=acyclic -P ${TPUSIM_LAYERING_SCRIPT})

# The check must be able to fail: each case is a one-file folder checked
# under a real row with one forbidden include or link, and passes only if
# the check rejects exactly that.
set(_bad_cases
  "model_includes_harness\;model\;bad.cpp\;#include \"simos.h\""
  "runtime_includes_os\;harness/runtime\;bad.c\;#include \"irqc.h\""
  "runtime_posix\;harness/runtime\;bad.c\;#include <unistd.h>"
  "os_includes_scenario\;harness/os\;bad.cpp\;#include \"runner.h\""
  "bench_includes_tests\;bench\;bad.cpp\;#include \"drv_tb.h\""
  "bench_links_tests\;bench\;CMakeLists.txt\;target_link_libraries(bad PRIVATE tpu_drv_tb)")
foreach(_case IN LISTS _bad_cases)
  list(GET _case 0 _name)
  list(GET _case 1 _layer)
  list(GET _case 2 _file)
  list(GET _case 3 _line)
  set(_dir ${PROJECT_BINARY_DIR}/layering_bad/${_name})
  file(WRITE ${_dir}/${_file} "${_line}\n")
  if(NOT _file MATCHES "\\.(c|cpp)$")
    file(WRITE ${_dir}/ok.c "#include \"tpu/hwcfg.h\"\n")
  endif()
  tpusim_add_test(layering.rejects_${_name} LABELS layering
    PASS_REGULAR_EXPRESSION "check_layering: 1 forbidden include\\(s\\)"
    COMMAND ${CMAKE_COMMAND} ${TPUSIM_LAYERING_ARGS} -DLAYER=${_layer} -DDIR=${_dir}
            -P ${TPUSIM_LAYERING_SCRIPT})
endforeach()

set(_dir ${PROJECT_BINARY_DIR}/layering_bad/cycle)
file(WRITE ${_dir}/rules.cmake "tpusim_layer(a MAY b)\ntpusim_layer(b MAY c)\ntpusim_layer(c MAY a)\n")
tpusim_add_test(layering.rejects_cycle LABELS layering
  PASS_REGULAR_EXPRESSION "the layering has a cycle among: a, b, c"
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${_dir} -DRULES=${_dir}/rules.cmake -DCHECK=acyclic
          -P ${TPUSIM_LAYERING_SCRIPT})
