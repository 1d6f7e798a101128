#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ngoaivu::app {

// The maintenance commands `ngoaivu backup`, `restore` and `migrate-data`. Each prints what it
// did to `out` and its refusals and failures to `err`, in Vietnamese then English, and returns
// the process exit code: 0 done, 1 refused or failed (the message names the option and says what
// to do), 3 an audit chain does not verify. A refused command changes nothing.

// True for a PostgreSQL location: a postgresql:// or postgres:// URL.
bool IsPostgresUrl(std::string_view location);

// A PostgreSQL URL prepared for pg_dump or pg_restore: `url` without the password of its user
// part, and that `password` (percent-decoded, empty when none). The password goes to the child
// process in PGPASSWORD rather than on its command line, which every local user can read.
struct PgUrl {
    std::string url;
    std::string password;
};
PgUrl SplitPassword(std::string_view url);

// `url` with the password of its user part replaced by "***", for messages.
std::string RedactedUrl(std::string_view url);

// Where a child process's standard output goes: this process's, or /dev/null.
enum class ChildOutput { kInherit, kDiscard };

// Runs `argv` (argv[0] looked up in PATH, no shell) with the environment of this process plus
// `extra_env` ("NAME=value", replacing a variable of the same name), its standard error on ours,
// and waits for it. Returns its exit status (128 + the signal when a signal ended it), or -1 with
// `error` set when it could not be started (ENOENT: not installed). Thread-safe.
int RunProgram(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
               ChildOutput output, std::string* error);

struct BackupRequest {
    std::string db;      // --db: a SQLite file (or sqlite:PATH) or a postgresql:// URL
    std::string to;      // --to: the backup file to write
    bool force = false;  // --force: replace an existing `to`
};

// SQLite: copies the database with SQLite's online backup API (consistent while a server
// writes) into a temporary file beside `to`, checks the copy (PRAGMA integrity_check, the schema
// version, the audit chain), syncs it and renames it to `to`, and prints the schema version, the
// number of accounts and audit entries, and the size. A copy that fails integrity_check or is
// not an Ngoaivu database is removed (exit 1). A copy whose audit chain does not verify is kept,
// because it is the evidence, and the exit code is 3.
// PostgreSQL: runs `pg_dump --format=custom --file=TMP URL` and renames TMP to `to` once
// pg_dump and `pg_restore --list TMP` succeed. The backup file is readable by its owner only.
int Backup(const BackupRequest& request, std::ostream& out, std::ostream& err);

struct RestoreRequest {
    std::string from;    // --from: a backup made by `ngoaivu backup`
    std::string db;      // --db: the database to replace
    bool force = false;  // --force: replace an existing database
};

// SQLite: checks the backup first (it exists, is a SQLite file, passes integrity_check, has a
// schema version this program knows, and its audit chain verifies), refuses an existing `db`
// without `force` and a `db` that another process has open (a running server), then copies the
// backup to a temporary file beside `db`, syncs it, removes the old database's -wal and -shm
// files and renames the copy over `db`. The server must be stopped while restoring.
// PostgreSQL: `pg_restore --clean --if-exists --no-owner --single-transaction --dbname=URL FROM`
// (all or nothing); a database that already has tables needs `force`.
int Restore(const RestoreRequest& request, std::ostream& out, std::ostream& err);

struct TalliesRequest {
    std::string db;        // --db: a SQLite file (or sqlite:PATH) or a postgresql:// URL
    bool rebuild = false;  // `tallies rebuild` (else `tallies verify`)
};

// The counts kept with the records (the kDerived tables of migration 0013, which the dashboards
// read). verify: counts every tally again from the records in one read transaction and compares
// (exit 0 when all agree; 3 with the first differing rows of each tally otherwise). rebuild:
// counts them again and replaces them in one write transaction with one audit entry
// (`tallies_rebuild`, how many rows differed), then verifies.
int Tallies(const TalliesRequest& request, std::ostream& out, std::ostream& err);

struct MigrateDataRequest {
    std::string from;  // --from: the province's database (normally SQLite)
    std::string to;    // --to: the national database (normally PostgreSQL)
    // --map-users: "" (a login in both databases is refused) or "same-login" (it is the same
    // person: the source's account is mapped to the target's, which keeps its roles).
    std::string map_users = {};
};

// Moves the records of `from` into `to` in one write transaction on `to`: any failure leaves `to`
// unchanged. `from` must be at this program's schema version and its audit chain must verify.
// `to` is migrated first; reference data must equal the source's where both have a row.
// - `to` holds no records: every table of DataTables() is copied keeping every id, and `to`'s
//   audit chain is `from`'s.
// - `to` holds records (another province moved before): the records are copied with new ids
//   (past the target's largest, references rewritten with the same maps; MergeRule of each
//   table), the source's audit entries are appended to `to`'s chain, re-chained with the new
//   ids, and a `migrate_data` entry records the source's first and head hashes and the id maps.
//   Refused: a login in both databases without `map_users` "same-login"; a database moved into
//   `to` before (its first audit hash is in `to`'s trail); a row that collides with the target's.
// On PostgreSQL the identities are moved past the copied ids. Afterwards it checks the row
// counts (record tables: as many as copied more than before; reference tables: at least the
// source's) and that the audit chain verifies on `to`, and prints the counts.
int MigrateData(const MigrateDataRequest& request, std::ostream& out, std::ostream& err);

}  // namespace ngoaivu::app
