#include "storage/database.hpp"

#include <stdexcept>

#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace ngoaivu::storage {

std::optional<Row> Transaction::QueryOne(std::string_view sql, ParamSpan params) {
    Rows rows = Query(sql, params);
    if (rows.empty())
        return std::nullopt;
    return std::move(rows.front());
}

void CheckSingleRead(std::string_view sql, int statements_run) {
    if (statements_run > 0)
        throw std::logic_error("a kSingleRead transaction runs one statement only");
    std::size_t start = sql.find_first_not_of(" \t\r\n(");
    std::string_view head = start == std::string_view::npos ? "" : sql.substr(start, 6);
    bool select = head.size() == 6;
    for (std::size_t i = 0; select && i < 6; ++i)
        select = (head[i] | 0x20) == "select"[i];
    if (!select)
        throw std::logic_error("a kSingleRead transaction runs a SELECT only");
}

// SQLite: pragma_table_list's type 'table' leaves out full-text indexes (type 'virtual', and
// 'shadow' for the tables holding them), which are derived from the tables and rebuilt by them.
std::vector<std::string> TableNames(Database& db) {
    auto tx = db.Begin(TxMode::kRead);
    Rows rows = db.backend() == Backend::kPostgres
                    ? tx->Query(
                          "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                          "ORDER BY table_name")
                    : tx->Query(
                          "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = "
                          "'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    std::vector<std::string> names;
    names.reserve(rows.size());
    for (const auto& r : rows)
        names.push_back(r.Text(0));
    return names;
}

std::unique_ptr<Database> Open(const std::string& location, const OpenOptions& options) {
    std::string_view loc = location;
    if (loc.starts_with("postgresql://") || loc.starts_with("postgres://")) {
        return std::make_unique<postgres::PgDatabase>(location, options);
    }
    if (loc.starts_with("sqlite:"))
        loc.remove_prefix(7);
    if (loc.empty())
        throw DatabaseError("empty database path / đường dẫn CSDL trống");
    return std::make_unique<sqlite::SqliteDatabase>(std::string(loc), options);
}

}  // namespace ngoaivu::storage
