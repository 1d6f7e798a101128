# Copies what `ngoaivu serve` reads at start-up into ${NGOAIVU_ASSETS_DIR}: our templates, i18n
# catalog, OpenAPI document and static files, and the npm packages' files under static/vendor/
# (installed by scripts/setup.sh; nothing is fetched from a CDN at run time).
set(NGOAIVU_ASSETS_DIR ${CMAKE_BINARY_DIR}/assets)
set(_nm ${PROJECT_SOURCE_DIR}/node_modules)
set(_font ${_nm}/@fontsource/be-vietnam-pro)
set(_vendor ${NGOAIVU_ASSETS_DIR}/static/vendor)
file(GLOB_RECURSE _web CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/web/*)
add_custom_command(
    OUTPUT ${NGOAIVU_ASSETS_DIR}/.stamp
    COMMAND test -f ${_nm}/htmx.org/dist/htmx.min.js
        || (echo "node_modules missing: run scripts/setup.sh" && false)
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${NGOAIVU_ASSETS_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${PROJECT_SOURCE_DIR}/web ${NGOAIVU_ASSETS_DIR}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_vendor}/fonts/files
    COMMAND ${CMAKE_COMMAND} -E copy ${_nm}/htmx.org/dist/htmx.min.js ${_vendor}/htmx.min.js
    COMMAND ${CMAKE_COMMAND} -E copy ${_nm}/echarts/dist/echarts.min.js ${_vendor}/echarts.min.js
    COMMAND ${CMAKE_COMMAND} -E copy ${_font}/400.css ${_vendor}/fonts/be-vietnam-pro-400.css
    COMMAND ${CMAKE_COMMAND} -E copy ${_font}/600.css ${_vendor}/fonts/be-vietnam-pro-600.css
    COMMAND ${CMAKE_COMMAND} -E copy ${_font}/700.css ${_vendor}/fonts/be-vietnam-pro-700.css
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${_font}/files ${_vendor}/fonts/files
    COMMAND ${CMAKE_COMMAND} -E touch ${NGOAIVU_ASSETS_DIR}/.stamp
    DEPENDS ${_web} ${PROJECT_SOURCE_DIR}/package.json
    COMMENT "Copying web assets")
add_custom_target(ngoaivu_assets DEPENDS ${NGOAIVU_ASSETS_DIR}/.stamp)
