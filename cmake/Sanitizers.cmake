# NGOAIVU_SANITIZE="address;undefined" instruments every target (the debug and clang presets set it).
if(NGOAIVU_SANITIZE)
    string(REPLACE ";" "," _san "${NGOAIVU_SANITIZE}")
    add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=${_san})
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND "undefined" IN_LIST NGOAIVU_SANITIZE)
        # Clang 14 cannot emit -fsanitize=function checks in C++20 coroutines (the HTTP server):
        # the assembler fails with "Cannot represent a difference across sections". Every other
        # UBSan check stays on.
        add_compile_options(-fno-sanitize=function)
    endif()
endif()
