#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/embedded.hpp"
#include "storage/database.hpp"

namespace ngoaivu::storage {

// One numbered migration: migrations/NNNN_name.sql.
struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

// Parses embedded files into migrations for `backend`, ordered by version. A file under
// "postgres/" replaces the common file of the same name on PostgreSQL. Throws DatabaseError on a
// malformed name or a duplicate version.
std::vector<Migration> LoadMigrations(std::span<const EmbeddedFile> files, Backend backend);

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;  // names, in order
};

// Applies every migration newer than the database's schema version, each in its own write
// transaction together with its schema_version row. Throws DatabaseError when the database is
// newer than this program, or when an applied migration's text was changed (checksum mismatch).
MigrationReport Migrate(Database& db, const std::vector<Migration>& migrations);

// The schema version of `db` (0 for an empty database).
int SchemaVersion(Database& db);

}  // namespace ngoaivu::storage
