# SPDX-License-Identifier: Apache-2.0
#
# model_runner_compare.cmake - the vendor's model_runner and tpusim's own
# runner cross-check each other (docs/clients.md):
#  1. tpusim model runs MODEL on seeded random inputs and writes those
#     inputs and its outputs as .npz (model_runner's encoding);
#  2. model_runner, a client of CLIENT_HOST, runs MODEL on the same inputs;
#  3. its output file must equal tpusim model's byte for byte;
#  4. tpusim model on zero inputs writes other outputs, so 3 can fail
#     (a classifier whose output saturates may give the same bytes: then
#     only a note says so; the other models keep the check honest).
#   cmake -DTPUSIM=... -DCLIENT_HOST=... -DEXTRA=... -DRUNNER=... -DMODEL=...
#         -DDIR=... -P model_runner_compare.cmake
file(MAKE_DIRECTORY "${DIR}")
file(REMOVE "${DIR}/in.npz" "${DIR}/want.npz" "${DIR}/got.npz" "${DIR}/zeros.npz")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(LENGTH "${out}" n)
  if(n GREATER 4000)
    string(SUBSTRING "${out}" 0 4000 out)
  endif()
  message("${what}:\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "model_runner_compare: ${what} exited with ${rc}")
  endif()
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/../common/same_files.cmake)

separate_arguments(EXTRA)
run("tpusim model" ${TPUSIM} model ${MODEL} --seed 3 --save-inputs ${DIR}/in.npz --npz-out ${DIR}/want.npz)
run("model_runner" ${CLIENT_HOST} client ${EXTRA} ${RUNNER} -m ${MODEL} -i ${DIR}/in.npz -o ${DIR}/got.npz)
same_files(model_runner_compare "${DIR}/want.npz" "${DIR}/got.npz" EQUAL)
run("tpusim model, zero inputs" ${TPUSIM} model ${MODEL} --input zeros --npz-out ${DIR}/zeros.npz)
same_files(model_runner_compare "${DIR}/want.npz" "${DIR}/zeros.npz" NOTE)
