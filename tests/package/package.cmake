# Steps of the package tests, run by ctest (see CMakeLists.txt in this folder):
#
#   -DSTEP=install      cmake --install BUILD_DIR --prefix WORK/prefix, then check the layout
#   -DSTEP=find_package configure and build find_package/ against WORK/prefix, run both programs
#   -DSTEP=pkg_config   compile consumer.cpp with `pkg-config --cflags --libs mimetool`, run it
#   -DSTEP=umbrella     check that mimetool/mimetool.hpp includes every public C++ header
#
# Every consumer runs on SAMPLE and must print exactly EXPECTED.

cmake_minimum_required(VERSION 3.25)
foreach(var STEP BUILD_DIR WORK SOURCE_DIR SAMPLE EXPECTED VERSION STATIC)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "package.cmake: -D${var}=... is required")
  endif()
endforeach()
set(prefix "${WORK}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}")
  endif()
endfunction()

# Runs a consumer program on the sample and compares its standard output with EXPECTED.
function(check_consumer program)
  # A shared library in a private prefix is found through LD_LIBRARY_PATH (the installed files
  # carry no build-tree RPATH).
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${libdir}" "${program}" "${SAMPLE}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  file(READ "${EXPECTED}" want)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL want)
    message(FATAL_ERROR "${program} exited with ${rc}\nstdout:\n${out}\nstderr:\n${err}\nexpected:\n${want}")
  endif()
  message(STATUS "${program}: output as expected")
endfunction()

include(GNUInstallDirs)  # for the default relative directories; the installed ones are searched
file(GLOB_RECURSE pc_files "${prefix}/*/mimetool.pc")
if(pc_files)
  list(GET pc_files 0 pc_file)
  get_filename_component(pc_dir "${pc_file}" DIRECTORY)
  get_filename_component(libdir "${pc_dir}" DIRECTORY)
endif()

if(STEP STREQUAL "install")
  file(REMOVE_RECURSE "${WORK}")
  run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
  file(GLOB_RECURSE pc_files "${prefix}/*/mimetool.pc")
  list(LENGTH pc_files n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "expected one mimetool.pc below ${prefix}, found: ${pc_files}")
  endif()
  list(GET pc_files 0 pc_file)
  get_filename_component(pc_dir "${pc_file}" DIRECTORY)
  get_filename_component(libdir "${pc_dir}" DIRECTORY)
  set(must_exist
    "${prefix}/include/mimetool/mimetool.h"
    "${prefix}/include/mimetool/mimetool.hpp"
    "${prefix}/include/mimetool/message.hpp"
    "${prefix}/include/mimetool/export.hpp"
    "${prefix}/include/mimetool/version.hpp"
    "${libdir}/cmake/mimetool/mimetoolConfig.cmake"
    "${libdir}/cmake/mimetool/mimetoolConfigVersion.cmake"
    "${libdir}/cmake/mimetool/mimetoolTargets.cmake")
  if(CLI)
    list(APPEND must_exist "${prefix}/bin/mimetool")
  endif()
  if(STATIC)
    list(APPEND must_exist "${libdir}/libmimetool.a")
  else()
    string(REGEX MATCH "^[0-9]+" major "${VERSION}")
    list(APPEND must_exist "${libdir}/libmimetool.so" "${libdir}/libmimetool.so.${major}"
                           "${libdir}/libmimetool.so.${VERSION}")
  endif()
  foreach(f IN LISTS must_exist)
    if(NOT EXISTS "${f}")
      message(FATAL_ERROR "not installed: ${f}")
    endif()
  endforeach()
  if(EXISTS "${prefix}/include/mimetool/version.hpp.in")
    message(FATAL_ERROR "the version.hpp template must not be installed")
  endif()
  file(READ "${prefix}/include/mimetool/version.hpp" version_hpp)
  if(NOT version_hpp MATCHES "MIMETOOL_VERSION_STRING \"${VERSION}\"")
    message(FATAL_ERROR "installed version.hpp does not say ${VERSION}:\n${version_hpp}")
  endif()
  # The installed CLI runs and reports the project's version.
  if(CLI)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${libdir}" "${prefix}/bin/mimetool" --version
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "${VERSION}")
      message(FATAL_ERROR "installed mimetool --version: exit ${rc}: ${out}")
    endif()
  endif()
  message(STATUS "installed into ${prefix}")

elseif(STEP STREQUAL "find_package")
  set(bin "${WORK}/find_package")
  run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/find_package" -B "${bin}" -G "${GENERATOR}"
      "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
      "-DCMAKE_PREFIX_PATH=${prefix}" "-DMIMETOOL_EXPECTED_VERSION=${VERSION}")
  run("${CMAKE_COMMAND}" --build "${bin}")
  check_consumer("${bin}/consumer_cxx")
  check_consumer("${bin}/consumer_c")

elseif(STEP STREQUAL "pkg_config")
  find_program(PKG_CONFIG pkg-config REQUIRED)
  set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
  # A static library's dependencies (Requires.private) are only listed with --static.
  set(static_flag "")
  if(STATIC)
    set(static_flag --static)
  endif()
  execute_process(COMMAND "${PKG_CONFIG}" --cflags --libs ${static_flag} mimetool
                  RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config mimetool failed: ${err}")
  endif()
  execute_process(COMMAND "${PKG_CONFIG}" --modversion mimetool OUTPUT_VARIABLE modversion
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion mimetool says '${modversion}', expected ${VERSION}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(exe "${WORK}/pkg_config/consumer")
  file(MAKE_DIRECTORY "${WORK}/pkg_config")
  run("${CXX_COMPILER}" -std=c++20 -Wall -Wextra -Wpedantic -Werror "${SOURCE_DIR}/consumer.cpp" -o "${exe}" ${flags})
  check_consumer("${exe}")

elseif(STEP STREQUAL "umbrella")
  set(inc "${SOURCE_DIR}/../../include/mimetool")
  file(READ "${inc}/mimetool.hpp" umbrella)
  file(GLOB headers RELATIVE "${inc}" "${inc}/*.hpp" "${inc}/*.hpp.in")
  set(missing "")
  foreach(h IN LISTS headers)
    string(REGEX REPLACE "\\.in$" "" h "${h}")
    string(FIND "${umbrella}" "#include \"mimetool/${h}\"" at)
    if(NOT h STREQUAL "mimetool.hpp" AND at EQUAL -1)
      list(APPEND missing "${h}")
    endif()
  endforeach()
  if(missing)
    message(FATAL_ERROR "include/mimetool/mimetool.hpp does not include: ${missing}")
  endif()

else()
  message(FATAL_ERROR "package.cmake: unknown STEP ${STEP}")
endif()
