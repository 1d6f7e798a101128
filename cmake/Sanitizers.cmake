# NGOAIVU_SANITIZE="address;undefined" instruments every target (the debug preset sets it).
if(NGOAIVU_SANITIZE)
    string(REPLACE ";" "," _san "${NGOAIVU_SANITIZE}")
    add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=${_san})
endif()
