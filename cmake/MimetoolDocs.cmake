# API documentation: `cmake --build build --target docs` renders include/mimetool/ with Doxygen into
# build/docs/html, and the ctest test `docs` fails when a public declaration lacks documentation or
# a doc comment is malformed (cmake/CheckDocs.cmake; headers with known gaps are listed in
# docs/doxygen-known-gaps.txt). Nothing is added when Doxygen is not installed.

find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  return()
endif()

set(MIMETOOL_DOXYFILE "${PROJECT_BINARY_DIR}/docs/Doxyfile")
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${MIMETOOL_DOXYFILE}" @ONLY)
add_custom_target(docs
  COMMAND "${CMAKE_COMMAND}" -DDOXYGEN=${DOXYGEN_EXECUTABLE} -DDOXYFILE=${MIMETOOL_DOXYFILE}
          -DKNOWN_GAPS=${PROJECT_SOURCE_DIR}/docs/doxygen-known-gaps.txt
          -P "${PROJECT_SOURCE_DIR}/cmake/CheckDocs.cmake"
  COMMENT "Rendering the API documentation into ${PROJECT_BINARY_DIR}/docs/html"
  VERBATIM)
if(MIMETOOL_BUILD_TESTS)
  add_test(NAME docs COMMAND "${CMAKE_COMMAND}" -DDOXYGEN=${DOXYGEN_EXECUTABLE}
           -DDOXYFILE=${MIMETOOL_DOXYFILE} -DKNOWN_GAPS=${PROJECT_SOURCE_DIR}/docs/doxygen-known-gaps.txt
           -P "${PROJECT_SOURCE_DIR}/cmake/CheckDocs.cmake")
  set_tests_properties(docs PROPERTIES LABELS "docs" TIMEOUT 120)
endif()
