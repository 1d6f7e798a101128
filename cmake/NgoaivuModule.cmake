# ngoaivu_library(NAME SOURCES ... DEPS ...): a static library of ours, with include root src/.
function(ngoaivu_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ngoaivu_warnings)
endfunction()

# ngoaivu_test(NAME SOURCES ... DEPS ... LABELS ... [BOTH_BACKENDS]): one GoogleTest executable,
# discovered by ctest. BOTH_BACKENDS registers its tests a second time, named "pg.<test>" and
# labelled `postgres` (that label only: gtest_discover_tests splits a list-valued property into
# separate key/value words, which silently dropped the ENVIRONMENT after it), with
# NGOAIVU_TEST_BACKEND=postgres (tests/support/test_database.hpp).
function(ngoaivu_test name)
    cmake_parse_arguments(ARG "BOTH_BACKENDS" "" "SOURCES;DEPS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main ngoaivu_warnings)
    if(NOT ARG_LABELS)
        set(ARG_LABELS unit)
    endif()
    gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
    if(ARG_BOTH_BACKENDS)
        gtest_discover_tests(${name} TEST_PREFIX "pg."
            PROPERTIES LABELS postgres ENVIRONMENT "NGOAIVU_TEST_BACKEND=postgres"
            DISCOVERY_TIMEOUT 60)
    endif()
endfunction()
