# Warnings for every target of ours; -Werror when NGOAIVU_WERROR is on (CI and `make test`).
add_library(ngoaivu_warnings INTERFACE)
target_compile_options(ngoaivu_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough -Wswitch
    $<$<BOOL:${NGOAIVU_WERROR}>:-Werror>
    # GCC 12 at -O3 reports false -Wrestrict overlaps inside std::string concatenation
    # (GCC bug 105329); it stays a warning there, never an error.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-error=restrict>)
