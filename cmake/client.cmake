# SPDX-License-Identifier: Apache-2.0
#
# client.cmake - a client program that tpusim hosts: a shared object
# (CMake MODULE library) that tpusim dlopen()s and whose main() it calls
# on a simulated user thread (docs/clients-build.md).  The client's own
# calls to the libc entry points of harness/client/wrapped-symbols.txt
# are routed to tpusim by link-time wrapping: the module is linked with
# -Wl,--wrap=SYMBOL for each, and its __wrap_SYMBOL references stay
# undefined until tpusim, which defines them, loads it.
#
#   tpusim_add_client(<name> SOURCES <file>... [LINK <library>...])
#
# builds <build>/clients/<name>.so (no "lib" prefix).  main keeps its name
# (tpusim finds it with dlsym).  The module and its sources are built
# position-independent and without sanitizers whatever the build's
# (TPUSIM_SANITIZE, or -fsanitize in CMAKE_<LANG>_FLAGS): a hosted
# program's own memory errors are its own, not tpusim's.  Everything
# else (warnings, include dirs) is the caller's to set on <name>.
# Static libraries in LINK must be built with -fPIC too
# (POSITION_INDEPENDENT_CODE; tpusim_client_no_sanitize for their flags).

set(TPUSIM_CLIENT_WRAP_LIST ${CMAKE_CURRENT_LIST_DIR}/../harness/client/wrapped-symbols.txt)
get_filename_component(TPUSIM_CLIENT_WRAP_LIST ${TPUSIM_CLIENT_WRAP_LIST} ABSOLUTE)
set(TPUSIM_CLIENTS_DIR ${CMAKE_BINARY_DIR}/clients)

# The wrapped symbols: one a line; blank lines and '#' comments skipped.
# The file is the one list; an edit re-runs the configure.
file(STRINGS ${TPUSIM_CLIENT_WRAP_LIST} _tpusim_wrap_lines)
set(TPUSIM_CLIENT_WRAPPED_SYMBOLS "")
foreach(_l IN LISTS _tpusim_wrap_lines)
  string(STRIP "${_l}" _l)
  if(_l STREQUAL "" OR _l MATCHES "^#")
    continue()
  endif()
  if(NOT _l MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "${TPUSIM_CLIENT_WRAP_LIST}: '${_l}' is not a symbol name (one a line)")
  endif()
  list(APPEND TPUSIM_CLIENT_WRAPPED_SYMBOLS ${_l})
endforeach()
if(NOT TPUSIM_CLIENT_WRAPPED_SYMBOLS)
  message(FATAL_ERROR "${TPUSIM_CLIENT_WRAP_LIST}: no symbol")
endif()
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${TPUSIM_CLIENT_WRAP_LIST})

# tpusim_client_no_sanitize(<target>): drops the sanitizer options the
# target inherited from its directory (add_compile_options,
# add_link_options) and turns off any that CMAKE_<LANG>_FLAGS adds
# (-fno-sanitize=all comes after them on the command line).
function(tpusim_client_no_sanitize target)
  foreach(prop COMPILE_OPTIONS LINK_OPTIONS)
    get_target_property(opts ${target} ${prop})
    if(NOT opts)
      set(opts "")
    endif()
    list(FILTER opts EXCLUDE REGEX "^-f(no-)?sanitize")
    list(APPEND opts -fno-sanitize=all)
    set_property(TARGET ${target} PROPERTY ${prop} ${opts})
  endforeach()
  set_property(TARGET ${target} PROPERTY POSITION_INDEPENDENT_CODE ON)
endfunction()

function(tpusim_add_client name)
  cmake_parse_arguments(C "" "" "SOURCES;LINK" ${ARGN})
  if(NOT C_SOURCES OR C_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tpusim_add_client(${name} SOURCES <file>... [LINK <library>...])")
  endif()
  add_library(${name} MODULE ${C_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${TPUSIM_CLIENTS_DIR})
  tpusim_client_no_sanitize(${name})
  list(TRANSFORM TPUSIM_CLIENT_WRAPPED_SYMBOLS PREPEND "LINKER:--wrap=" OUTPUT_VARIABLE wraps)
  target_link_options(${name} PRIVATE ${wraps})
  if(C_LINK)
    target_link_libraries(${name} PRIVATE ${C_LINK})
  endif()
endfunction()
