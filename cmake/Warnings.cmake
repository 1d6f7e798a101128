# Warnings for every target of ours; -Werror when NGOAIVU_WERROR is on (CI and `make test`).
add_library(ngoaivu_warnings INTERFACE)
target_compile_options(ngoaivu_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough -Wswitch
    $<$<BOOL:${NGOAIVU_WERROR}>:-Werror>)
