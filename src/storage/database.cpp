#include "storage/database.hpp"

#include "storage/sqlite/sqlite_database.hpp"

namespace ngoaivu::storage {

std::optional<Row> Transaction::QueryOne(std::string_view sql, Params params) {
    Rows rows = Query(sql, params);
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}

std::unique_ptr<Database> Open(const std::string& location, const OpenOptions& options) {
    std::string_view loc = location;
    if (loc.starts_with("postgresql://") || loc.starts_with("postgres://")) {
        throw DatabaseError(
            "PostgreSQL is not available in this build yet / Chưa hỗ trợ PostgreSQL: " + location);
    }
    if (loc.starts_with("sqlite:"))
        loc.remove_prefix(7);
    if (loc.empty())
        throw DatabaseError("empty database path / đường dẫn CSDL trống");
    return std::make_unique<sqlite::SqliteDatabase>(std::string(loc), options);
}

}  // namespace ngoaivu::storage
