# ngoaivu_embed(TARGET NAME FILES ...): compiles FILES into a static library TARGET exposing
#   std::span<const ngoaivu::EmbeddedFile> NAME();   (declared in base/embedded.hpp)
# so that the executable carries its migrations and reference data wherever it is copied.
function(ngoaivu_embed target name)
    cmake_parse_arguments(ARG "" "BASE" "FILES" ${ARGN})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}_embedded.cpp)
    string(REPLACE ";" "|" files_arg "${ARG_FILES}")
    add_custom_command(
        OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${ARG_BASE}
                -DFILES=${files_arg} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
        DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
        COMMENT "Embedding ${name}"
        VERBATIM)
    add_library(${target} STATIC ${out})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
