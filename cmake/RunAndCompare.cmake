# Runs a program and compares what it produced with committed expectations. Used by the example
# and C API tests.
#
#   cmake -DPROGRAM=path [-DARG1=a -DARG2=b …] [-DEXPECTED_STDOUT=file] [-DOUTPUT=file -DEXPECTED_OUTPUT=file]
#         [-DCLEAN_DIR=dir] [-DSHA256_1=file=hash -DSHA256_2=file=hash …] -P cmake/RunAndCompare.cmake
#
# Fails when the program exits non-zero, when its standard output differs from EXPECTED_STDOUT,
# when the file it wrote (OUTPUT) differs from EXPECTED_OUTPUT, or when a file listed in SHA256_N is
# missing or has another SHA-256. CLEAN_DIR is emptied first, so stale files cannot pass. On a mismatch the actual bytes are kept beside the expectation's name under
# the current directory as NAME.actual, and their path is printed.

cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED PROGRAM)
  message(FATAL_ERROR "RunAndCompare.cmake: -DPROGRAM=... is required")
endif()
if(DEFINED OUTPUT)
  file(REMOVE "${OUTPUT}")
endif()
if(DEFINED CLEAN_DIR)
  file(REMOVE_RECURSE "${CLEAN_DIR}")
endif()
set(args "")
foreach(i RANGE 1 9)
  if(DEFINED ARG${i})
    list(APPEND args "${ARG${i}}")
  endif()
endforeach()
execute_process(COMMAND "${PROGRAM}" ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(err)
  message(STATUS "stderr of ${PROGRAM}:\n${err}")
endif()

function(compare actual_bytes expected_file what)
  file(READ "${expected_file}" expected)
  if(NOT actual_bytes STREQUAL expected)
    get_filename_component(name "${expected_file}" NAME)
    set(keep "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual")
    file(WRITE "${keep}" "${actual_bytes}")
    message(FATAL_ERROR "${what} differs from ${expected_file}\nactual (kept in ${keep}):\n${actual_bytes}")
  endif()
endfunction()

if(DEFINED EXPECTED_STDOUT)
  compare("${out}" "${EXPECTED_STDOUT}" "standard output")
endif()
if(DEFINED EXPECTED_OUTPUT)
  if(NOT EXISTS "${OUTPUT}")
    message(FATAL_ERROR "${PROGRAM} did not write ${OUTPUT}")
  endif()
  file(READ "${OUTPUT}" written)
  compare("${written}" "${EXPECTED_OUTPUT}" "${OUTPUT}")
  # file(READ) drops carriage returns, so the comparison above cannot tell CRLF from LF: the
  # hashes compare the files byte for byte.
  file(SHA256 "${OUTPUT}" written_sha256)
  file(SHA256 "${EXPECTED_OUTPUT}" expected_sha256)
  if(NOT written_sha256 STREQUAL expected_sha256)
    message(FATAL_ERROR "${OUTPUT} differs from ${EXPECTED_OUTPUT} (line endings or other bytes that text comparison ignores)")
  endif()
endif()
foreach(i RANGE 1 9)
  if(NOT DEFINED SHA256_${i})
    continue()
  endif()
  string(FIND "${SHA256_${i}}" "=" eq REVERSE)
  string(SUBSTRING "${SHA256_${i}}" 0 ${eq} f)
  math(EXPR eq "${eq} + 1")
  string(SUBSTRING "${SHA256_${i}}" ${eq} -1 want)
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "${PROGRAM} did not write ${f}")
  endif()
  file(SHA256 "${f}" got)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "${f}: SHA-256 ${got}, expected ${want}")
  endif()
endforeach()
