#include "storage/migrator.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

namespace ngoaivu::storage {

namespace {

constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

std::string Checksum(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a, 64 bits: detects edits, not attacks
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::vector<Migration> LoadMigrations(std::span<const EmbeddedFile> files, Backend backend) {
    std::map<int, Migration> by_version;
    std::map<int, bool> overridden;
    for (const auto& f : files) {
        std::string_view path = f.path;
        bool pg_only = false;
        if (path.starts_with("postgres/")) {
            pg_only = true;
            path.remove_prefix(9);
        }
        if (pg_only && backend != Backend::kPostgres)
            continue;
        if (!path.ends_with(".sql"))
            continue;
        if (path.size() < 10 || path[4] != '_' ||
            !std::all_of(path.begin(), path.begin() + 4,
                         [](char c) { return c >= '0' && c <= '9'; })) {
            throw DatabaseError("malformed migration name: " + std::string(f.path));
        }
        int version = std::stoi(std::string(path.substr(0, 4)));
        Migration m{version, std::string(path.substr(5, path.size() - 9)), std::string(f.content)};
        auto it = by_version.find(version);
        if (it != by_version.end()) {
            if (it->second.name != m.name) {
                throw DatabaseError("two migrations numbered " + std::to_string(version));
            }
            if (pg_only) {
                it->second = std::move(m);
                overridden[version] = true;
            }
            continue;
        }
        by_version.emplace(version, std::move(m));
        if (pg_only)
            overridden[version] = true;
    }
    std::vector<Migration> out;
    int expected = 1;
    for (auto& [version, m] : by_version) {
        if (version != expected) {
            throw DatabaseError("migration numbers must be consecutive; missing " +
                                std::to_string(expected));
        }
        ++expected;
        out.push_back(std::move(m));
    }
    return out;
}

int SchemaVersion(Database& db) {
    auto tx = db.Begin(TxMode::kWrite);
    tx->Exec(kCreateVersionTable);
    auto row = tx->QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    tx->Commit();
    return row ? static_cast<int>(row->Int(0)) : 0;
}

MigrationReport Migrate(Database& db, const std::vector<Migration>& migrations) {
    MigrationReport report;
    report.from_version = SchemaVersion(db);
    int known = migrations.empty() ? 0 : migrations.back().version;
    if (report.from_version > known) {
        throw DatabaseError("the database schema (version " + std::to_string(report.from_version) +
                            ") is newer than this program knows (" + std::to_string(known) +
                            "); upgrade ngoaivu / CSDL mới hơn phiên bản chương trình");
    }
    {
        auto tx = db.Begin(TxMode::kRead);
        for (const auto& row : tx->Query("SELECT version, name, checksum FROM schema_version")) {
            int v = static_cast<int>(row.Int(0));
            if (v < 1 || v > known)
                continue;
            const Migration& m = migrations[v - 1];
            if (row.Text(2) != Checksum(m.sql)) {
                throw DatabaseError("applied migration " + std::to_string(v) + " (" + m.name +
                                    ") was edited after it ran; migrations are append-only");
            }
        }
    }
    for (const auto& m : migrations) {
        if (m.version <= report.from_version)
            continue;
        auto tx = db.Begin(TxMode::kWrite);
        tx->ExecScript(m.sql);
        tx->Exec(
            "INSERT INTO schema_version (version, name, checksum, applied_at) "
            "VALUES ($1, $2, $3, CURRENT_TIMESTAMP)",
            {m.version, m.name, Checksum(m.sql)});
        tx->Commit();
        report.applied.push_back(m.name);
    }
    report.to_version = known > report.from_version ? known : report.from_version;
    return report;
}

}  // namespace ngoaivu::storage
