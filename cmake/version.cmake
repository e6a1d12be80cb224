# Embeds the project version and the git sha of the working tree into
# ae_version (a tiny library). The sha is re-read on every build, and the
# generated source is only rewritten when it changes, so no needless rebuilds.
set(AE_VERSION_CC "${CMAKE_BINARY_DIR}/generated/version_info.cc")
add_custom_target(ae_version_stamp
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
    -DOUTPUT=${AE_VERSION_CC}
    -DVERSION=${PROJECT_VERSION}
    -P ${CMAKE_SOURCE_DIR}/cmake/write_version.cmake
  BYPRODUCTS ${AE_VERSION_CC}
  COMMENT "Stamping version and git sha")
add_library(ae_version STATIC ${AE_VERSION_CC})
add_dependencies(ae_version ae_version_stamp)
target_include_directories(ae_version PUBLIC ${CMAKE_SOURCE_DIR}/src)
