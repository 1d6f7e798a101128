// A loadable extension for the sqlite3 CLI: the server's "vi" collation (text::CompareVi, as
// storage/sqlite/sqlite_database.cpp registers it on every connection). Without it the CLI cannot
// write to `agreement` (the index agreement_title is `title_vi COLLATE vi`) nor run the queries
// that sort by title. Built by bench/agreements_bench.sh into its work folder:
//
//   c++ -std=c++20 -O2 -fPIC -shared -I src bench/sqlite_vi_collation.cpp src/base/text.cpp \
//       -licui18n -licuuc -o vi_collation.so
//   sqlite3 db.sqlite '.load ./vi_collation.so sqlite3_vicollation_init' '...'
//
// For benchmarks and EXPLAIN only; not part of the server.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <string_view>

#include "base/text.hpp"

namespace {

int CollateVi(void*, int len_a, const void* a, int len_b, const void* b) {
    return ngoaivu::text::CompareVi(std::string_view(static_cast<const char*>(a), len_a),
                                    std::string_view(static_cast<const char*>(b), len_b));
}

}  // namespace

extern "C" int sqlite3_vicollation_init(sqlite3* db, char**, const sqlite3_api_routines* api) {
    SQLITE_EXTENSION_INIT2(api);
    return sqlite3_create_collation_v2(db, "vi", SQLITE_UTF8, nullptr, CollateVi, nullptr);
}
