#include "modules/audit/audit_repository.hpp"

namespace ngoaivu::audit {

namespace {

// Taking the head row with an UPDATE locks it until commit on every backend (SQLite has one
// writer anyway; PostgreSQL row-locks it), so appends never fork the chain.
constexpr const char* kAdvanceHead =
    "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash";
constexpr const char* kSetHeadHash = "UPDATE audit_head SET last_hash = $1 WHERE id = 1";
constexpr const char* kHead = "SELECT seq, last_hash FROM audit_head WHERE id = 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (id, at, user_id, user_login, request_id, client_address, action, "
    "entity, entity_id, before_json, after_json, prev_hash, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
constexpr const char* kRange =
    "SELECT id, at, user_id, user_login, request_id, client_address, action, entity, entity_id, "
    "before_json, after_json, prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";
constexpr const char* kList =
    "SELECT id, at, user_id, user_login, request_id, client_address, action, entity, entity_id, "
    "before_json, after_json, prev_hash, hash FROM audit_log "
    "WHERE ($1 = '' OR user_login = $1) AND ($2 = '' OR entity = $2) "
    "AND ($3 = '' OR entity_id = $3) AND ($4 = '' OR action = $4) "
    "AND ($5 = '' OR at >= $5) AND ($6 = '' OR at < $6) "
    "ORDER BY id DESC LIMIT $7 OFFSET $8";
constexpr const char* kCount =
    "SELECT COUNT(*) FROM audit_log "
    "WHERE ($1 = '' OR user_login = $1) AND ($2 = '' OR entity = $2) "
    "AND ($3 = '' OR entity_id = $3) AND ($4 = '' OR action = $4) "
    "AND ($5 = '' OR at >= $5) AND ($6 = '' OR at < $6)";

AuditEntry ToEntry(const storage::Row& r) {
    AuditEntry e;
    e.id = r.Int(0);
    e.at = r.Text(1);
    e.user_id = r.OptInt(2);
    e.user_login = r.Text(3);
    e.request_id = r.Text(4);
    e.client_address = r.Text(5);
    e.action = r.Text(6);
    e.entity = r.Text(7);
    e.entity_id = r.Text(8);
    e.before_json = r.Text(9);
    e.after_json = r.Text(10);
    e.prev_hash = r.Text(11);
    e.hash = r.Text(12);
    return e;
}

}  // namespace

AuditEntry SqlAuditRepository::Append(storage::Transaction& tx, AuditEntry e) {
    auto head = tx.QueryOne(kAdvanceHead);
    if (!head)
        throw storage::DatabaseError("audit_head row missing");
    e.id = head->Int(0);
    e.prev_hash = head->Text(1);
    e.hash = ChainHash(e);
    tx.Exec(kInsert, {e.id, e.at, e.user_id, e.user_login, e.request_id, e.client_address, e.action,
                      e.entity, e.entity_id, e.before_json, e.after_json, e.prev_hash, e.hash});
    tx.Exec(kSetHeadHash, {e.hash});
    return e;
}

std::vector<AuditEntry> SqlAuditRepository::Range(storage::Transaction& tx, std::int64_t after_id,
                                                  int limit) {
    std::vector<AuditEntry> out;
    for (const auto& r : tx.Query(kRange, {after_id, limit}))
        out.push_back(ToEntry(r));
    return out;
}

std::pair<std::int64_t, std::string> SqlAuditRepository::Head(storage::Transaction& tx) {
    auto r = tx.QueryOne(kHead);
    if (!r)
        return {0, ""};
    return {r->Int(0), r->Text(1)};
}

Page<AuditEntry> SqlAuditRepository::List(storage::Transaction& tx, const AuditFilter& f,
                                          const PageRequest& page) {
    Page<AuditEntry> out{{}, 0, page.page, page.per_page};
    // "to" is inclusive of its whole day: compare with the next day's start.
    std::string to_exclusive = f.to.empty() ? "" : f.to + "T99";
    for (const auto& r : tx.Query(kList, {f.user_login, f.entity, f.entity_id, f.action, f.from,
                                          to_exclusive, page.per_page, page.offset()})) {
        out.items.push_back(ToEntry(r));
    }
    out.total =
        tx.QueryOne(kCount, {f.user_login, f.entity, f.entity_id, f.action, f.from, to_exclusive})
            ->Int(0);
    return out;
}

}  // namespace ngoaivu::audit
