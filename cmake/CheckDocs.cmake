# Runs Doxygen over the public headers and fails on any warning, except in headers listed in the
# known-gaps file (one path below include/ per line, '#' comments). The list only shrinks: a
# listed header that no longer warns fails the check too, so its line gets removed.
#
#   cmake -DDOXYGEN=doxygen -DDOXYFILE=build/docs/Doxyfile -DKNOWN_GAPS=docs/doxygen-known-gaps.txt
#         -P cmake/CheckDocs.cmake

cmake_minimum_required(VERSION 3.25)
foreach(var DOXYGEN DOXYFILE KNOWN_GAPS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "CheckDocs.cmake: -D${var}=... is required")
  endif()
endforeach()

get_filename_component(_dir "${DOXYFILE}" DIRECTORY)
set(_log "${_dir}/doxygen-warnings.log")
set(_cfg "${_dir}/Doxyfile.check")
# The strict Doxyfile stops the build on the first warning; here every warning is collected first.
file(WRITE "${_cfg}" "@INCLUDE = ${DOXYFILE}\nWARN_AS_ERROR = NO\nWARN_LOGFILE = ${_log}\n")
file(REMOVE "${_log}")
execute_process(COMMAND "${DOXYGEN}" "${_cfg}" WORKING_DIRECTORY "${_dir}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "doxygen failed (exit ${_rc})")
endif()

set(_known "")
if(EXISTS "${KNOWN_GAPS}")
  file(STRINGS "${KNOWN_GAPS}" _lines)
  foreach(_line IN LISTS _lines)
    string(STRIP "${_line}" _line)
    if(_line AND NOT _line MATCHES "^#")
      list(APPEND _known "${_line}")
    endif()
  endforeach()
endif()

set(_warnings "")
if(EXISTS "${_log}")
  file(STRINGS "${_log}" _warnings)
endif()
set(_new 0)
set(_tolerated 0)
set(_seen "")
foreach(_w IN LISTS _warnings)
  set(_listed FALSE)
  foreach(_k IN LISTS _known)
    string(FIND "${_w}" "/include/${_k}:" _pos)
    if(_pos GREATER_EQUAL 0)
      set(_listed TRUE)
      list(APPEND _seen "${_k}")
    endif()
  endforeach()
  if(_listed)
    math(EXPR _tolerated "${_tolerated} + 1")
  elseif(NOT _w STREQUAL "")
    message("${_w}")
    math(EXPR _new "${_new} + 1")
  endif()
endforeach()

set(_stale "")
foreach(_k IN LISTS _known)
  if(NOT _k IN_LIST _seen)
    list(APPEND _stale "${_k}")
  endif()
endforeach()

message(STATUS "doxygen: ${_new} warning(s) in documented headers, ${_tolerated} tolerated in "
               "${KNOWN_GAPS}; full log: ${_log}")
if(_stale)
  message(FATAL_ERROR "These headers no longer have documentation gaps; remove them from "
                      "${KNOWN_GAPS}: ${_stale}")
endif()
if(_new GREATER 0)
  message(FATAL_ERROR "${_new} documentation warning(s): document every public declaration")
endif()
