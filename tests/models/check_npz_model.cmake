# SPDX-License-Identifier: Apache-2.0
#
# check_npz_model.cmake - `tpusim model --save-inputs/--npz-out/--input
# FILE.npz` on a real model (docs/models.md "Inputs and outputs as .npz"):
#  1. a run with --seed 7 writes its inputs and outputs as .npz;
#  2. a run with those inputs (--input in.npz, default seed 1, so ignoring
#     the file would change the inputs) writes the same bytes for both;
#  3. a run with zero inputs writes other outputs (so 2 can fail);
#  4. an .npz whose arrays name no input is refused with exit status 2.
#   cmake -DTPUSIM=... -DMODEL=... -DDIR=... -P check_npz_model.cmake
file(MAKE_DIRECTORY "${DIR}")
file(REMOVE "${DIR}/in.npz" "${DIR}/out.npz" "${DIR}/in2.npz" "${DIR}/out2.npz" "${DIR}/out3.npz")

function(run_model expect_rc)
  execute_process(COMMAND ${TPUSIM} model ${MODEL} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("tpusim model ${ARGN}:\n${out}${err}")
  if(NOT rc STREQUAL "${expect_rc}")
    message(FATAL_ERROR "check_npz_model: exit ${rc}, expected ${expect_rc}")
  endif()
  set(run_output "${out}${err}" PARENT_SCOPE)
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/../common/same_files.cmake)

run_model(0 --seed 7 --save-inputs "${DIR}/in.npz" --npz-out "${DIR}/out.npz")
run_model(0 --input "${DIR}/in.npz" --save-inputs "${DIR}/in2.npz" --npz-out "${DIR}/out2.npz")
same_files(check_npz_model "${DIR}/in.npz" "${DIR}/in2.npz" EQUAL)
same_files(check_npz_model "${DIR}/out.npz" "${DIR}/out2.npz" EQUAL)
run_model(0 --input zeros --npz-out "${DIR}/out3.npz")
same_files(check_npz_model "${DIR}/out.npz" "${DIR}/out3.npz" DIFFER)
run_model(2 --input "${DIR}/out.npz")
if(NOT run_output MATCHES "out\\.npz: array '[^']+': the model has no input of that name")
  message(FATAL_ERROR "check_npz_model: no message naming the array that matches no input")
endif()
message("check_npz_model: pass")
