# `make install` (cmake --install <build> --prefix PREFIX): what an installed
# alpha-engine is, under PREFIX:
#   bin/ae                                   the binary; the pipelines, schemas,
#                                            default config and web assets are
#                                            compiled into it, so it needs nothing
#                                            else at run time
#   share/alpha-engine/pipelines/            the definitions and alarms.json
#                                            (for `ae deploy --pipelines`, `ae sfn`)
#   share/alpha-engine/{schemas,config,web}/ readable copies of what ae embeds
#   share/alpha-engine/systemd/credentials.conf   the credentials drop-in template
#   lib/systemd/system/alpha-engine.service  `ae schedule` as a service, its paths
#                                            written for PREFIX at install time
#   share/bash-completion/completions/ae, share/zsh/site-functions/_ae
#   share/doc/alpha-engine/                  README.md and docs/
include(GNUInstallDirs)
set(AE_DATA_DESTINATION ${CMAKE_INSTALL_DATADIR}/alpha-engine)
set(AE_DOC_DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/alpha-engine)

install(TARGETS ae RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY pipelines/ DESTINATION ${AE_DATA_DESTINATION}/pipelines
        FILES_MATCHING PATTERN "*.json")
install(DIRECTORY schemas/ DESTINATION ${AE_DATA_DESTINATION}/schemas
        FILES_MATCHING PATTERN "*.schema.json")
install(DIRECTORY config/ DESTINATION ${AE_DATA_DESTINATION}/config
        FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY web/ DESTINATION ${AE_DATA_DESTINATION}/web
        FILES_MATCHING PATTERN "*.html" PATTERN "*.css" PATTERN "*.js")
install(FILES packaging/systemd/credentials.conf DESTINATION ${AE_DATA_DESTINATION}/systemd)
install(FILES README.md DESTINATION ${AE_DOC_DESTINATION})
install(DIRECTORY docs/ DESTINATION ${AE_DOC_DESTINATION})

install(FILES ${AE_COMPLETIONS_DIR}/ae
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${AE_COMPLETIONS_DIR}/_ae DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)

# The unit names absolute paths, known only at install time (--prefix).
install(CODE "
  set(AE_UNIT_TEMPLATE \"${CMAKE_SOURCE_DIR}/packaging/systemd/alpha-engine.service.in\")
  set(AE_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  set(AE_DATADIR \"\${CMAKE_INSTALL_PREFIX}/${AE_DATA_DESTINATION}\")
  set(AE_DOCDIR \"\${CMAKE_INSTALL_PREFIX}/${AE_DOC_DESTINATION}\")
  set(AE_UNIT \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/alpha-engine.service\")
  message(STATUS \"Installing: \${AE_UNIT}\")
  configure_file(\"\${AE_UNIT_TEMPLATE}\" \"\${AE_UNIT}\" @ONLY)
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${AE_UNIT}\")
")
