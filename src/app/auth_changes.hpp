#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/shared_counter.hpp"
#include "storage/database.hpp"

namespace ngoaivu::app {

// The counter that the processes of one SQLite database (servers, `ngoaivu user …`) share for
// changes of who may use an API token (AccountService): the file "<database>-auth" beside the
// database, like SQLite's own -wal and -shm, named after the database's canonical path so that
// every process finds the same file. nullptr for PostgreSQL (each process reads the
// stored epoch, as processes on other machines must) and when the file cannot be made;
// `problem` then says why (empty for PostgreSQL).
std::unique_ptr<SharedCounter> OpenAuthChanges(std::string_view db_location,
                                               storage::Backend backend, std::string* problem);

}  // namespace ngoaivu::app
