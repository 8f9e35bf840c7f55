# Install rules: headers, the library with its CMake package and pkg-config files, the CLI and its
# manual page and shell completion. Included from the top-level CMakeLists.txt when MIMETOOL_INSTALL
# is ON. Everything follows GNUInstallDirs, so distributions can relocate each kind of file.

include(CMakePackageConfigHelpers)

set(MIMETOOL_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/mimetool" CACHE STRING
    "Where mimetoolConfig.cmake is installed, relative to the prefix")
set(MIMETOOL_PKGCONFIG_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where mimetool.pc is installed, relative to the prefix")

get_target_property(_mimetool_type libmimetool TYPE)
if(_mimetool_type STREQUAL "STATIC_LIBRARY")
  set(MIMETOOL_CONFIG_STATIC ON)
else()
  set(MIMETOOL_CONFIG_STATIC OFF)
endif()

# --- headers: the public folder plus the generated version.hpp ----------------------------------
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/mimetool"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT mimetool_development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES "${PROJECT_BINARY_DIR}/include/mimetool/version.hpp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/mimetool"
        COMPONENT mimetool_development)

# --- the library and its export set ------------------------------------------------------------
install(TARGETS libmimetool EXPORT mimetoolTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT mimetool_development
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT mimetool_runtime
                NAMELINK_COMPONENT mimetool_development
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT mimetool_runtime
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# Consumers write mimetool::mimetool; the exported name drops the "lib" prefix of the build target.
set_target_properties(libmimetool PROPERTIES EXPORT_NAME mimetool)
install(EXPORT mimetoolTargets
        NAMESPACE mimetool::
        DESTINATION "${MIMETOOL_CMAKE_DIR}"
        COMPONENT mimetool_development)

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/mimetoolConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/mimetoolConfig.cmake"
                              INSTALL_DESTINATION "${MIMETOOL_CMAKE_DIR}")
# Before 1.0.0 every minor release may break the API (docs/API_POLICY.md), so only the same
# major.minor is compatible; from 1.0.0 on, the same major.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_mimetool_compat SameMinorVersion)
else()
  set(_mimetool_compat SameMajorVersion)
endif()
write_basic_package_version_file("${PROJECT_BINARY_DIR}/mimetoolConfigVersion.cmake"
                                 VERSION "${PROJECT_VERSION}"
                                 COMPATIBILITY ${_mimetool_compat})
install(FILES "${PROJECT_BINARY_DIR}/mimetoolConfig.cmake" "${PROJECT_BINARY_DIR}/mimetoolConfigVersion.cmake"
        DESTINATION "${MIMETOOL_CMAKE_DIR}"
        COMPONENT mimetool_development)

# --- pkg-config -------------------------------------------------------------------------------
# The prefix is only known at install time (cmake --install --prefix), so the file is configured
# twice: now for everything else, then again by the install script for the prefix.
set(MIMETOOL_PC_PREFIX "@MIMETOOL_PC_PREFIX@")
foreach(_kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_kind}}")
    set(MIMETOOL_PC_${_kind} "${CMAKE_INSTALL_${_kind}}")
  else()
    set(MIMETOOL_PC_${_kind} "\${prefix}/${CMAKE_INSTALL_${_kind}}")
  endif()
endforeach()
if(MIMETOOL_CONFIG_STATIC)
  set(MIMETOOL_PC_REQUIRES_PRIVATE "icu-uc icu-i18n")
  set(MIMETOOL_PC_CFLAGS " -DMIMETOOL_STATIC")
else()
  set(MIMETOOL_PC_REQUIRES_PRIVATE "")
  set(MIMETOOL_PC_CFLAGS "")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/mimetool.pc.in" "${PROJECT_BINARY_DIR}/mimetool.pc.in" @ONLY)
install(CODE "
  set(MIMETOOL_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/mimetool.pc.in\" \"${PROJECT_BINARY_DIR}/mimetool.pc\" @ONLY)
" COMPONENT mimetool_development)
install(FILES "${PROJECT_BINARY_DIR}/mimetool.pc"
        DESTINATION "${MIMETOOL_PKGCONFIG_DIR}"
        COMPONENT mimetool_development)

# --- the command-line tool ----------------------------------------------------------------------
if(TARGET mimetool)
  install(TARGETS mimetool RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT mimetool_cli)
  # Linked to a shared libmimetool outside the system's library folders, the installed tool finds
  # it relative to itself, so a private prefix works without LD_LIBRARY_PATH.
  list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" _mimetool_system_libdir)
  if(NOT MIMETOOL_CONFIG_STATIC AND _mimetool_system_libdir EQUAL -1 AND NOT IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    file(RELATIVE_PATH _mimetool_rel "/${CMAKE_INSTALL_BINDIR}" "/${CMAKE_INSTALL_LIBDIR}")
    set_target_properties(mimetool PROPERTIES INSTALL_RPATH "$ORIGIN/${_mimetool_rel}")
  endif()
  if(EXISTS "${PROJECT_SOURCE_DIR}/cli/mimetool.1")
    install(FILES "${PROJECT_SOURCE_DIR}/cli/mimetool.1"
            DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT mimetool_cli)
  endif()
  if(EXISTS "${PROJECT_SOURCE_DIR}/cli/completion/mimetool.bash")
    install(FILES "${PROJECT_SOURCE_DIR}/cli/completion/mimetool.bash"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
            RENAME mimetool COMPONENT mimetool_cli)
  endif()
endif()
