# Script mode: OUTPUT = the output of `AE completion SHELL_NAME`; fails when ae does.
execute_process(
  COMMAND ${AE} completion ${SHELL_NAME}
  OUTPUT_FILE ${OUTPUT}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${AE} completion ${SHELL_NAME} failed: ${result}")
endif()
