# tests/unit/rt.cmake - runtime-library suites; include()d from
# tests/unit/CMakeLists.txt.  check_rt_cmdbuf needs only the pure-C part of
# tpu_runtime (rt_cmdbuf.c): the sim-OS is not linked, and rt_session.o is
# not pulled out of the static library.
add_executable(check_rt_cmdbuf ${CMAKE_CURRENT_LIST_DIR}/check_rt_cmdbuf.c)
target_link_libraries(check_rt_cmdbuf PRIVATE tpu_runtime tpu_check_main)
add_test(NAME check_rt_cmdbuf COMMAND check_rt_cmdbuf)
set_tests_properties(check_rt_cmdbuf PROPERTIES ENVIRONMENT "${TPUSIM_TEST_ENV}" LABELS "unit")
