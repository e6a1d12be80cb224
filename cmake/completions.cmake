# The shell completion scripts, generated at build time by the `ae` just built
# (`ae completion bash|zsh` walks the CLI's own definition), into
# <build>/completions/: ae (bash) and _ae (zsh). `make install` installs them.
set(AE_COMPLETIONS_DIR ${CMAKE_BINARY_DIR}/completions)
add_custom_command(
  OUTPUT ${AE_COMPLETIONS_DIR}/ae ${AE_COMPLETIONS_DIR}/_ae
  COMMAND ${CMAKE_COMMAND} -E make_directory ${AE_COMPLETIONS_DIR}
  COMMAND ${CMAKE_COMMAND} -DAE=$<TARGET_FILE:ae> -DSHELL_NAME=bash -DOUTPUT=${AE_COMPLETIONS_DIR}/ae
          -P ${CMAKE_SOURCE_DIR}/cmake/write_completion.cmake
  COMMAND ${CMAKE_COMMAND} -DAE=$<TARGET_FILE:ae> -DSHELL_NAME=zsh -DOUTPUT=${AE_COMPLETIONS_DIR}/_ae
          -P ${CMAKE_SOURCE_DIR}/cmake/write_completion.cmake
  DEPENDS ae ${CMAKE_SOURCE_DIR}/cmake/write_completion.cmake
  COMMENT "Generating the bash and zsh completion of ae"
  VERBATIM)
add_custom_target(ae_completions ALL DEPENDS ${AE_COMPLETIONS_DIR}/ae ${AE_COMPLETIONS_DIR}/_ae)
