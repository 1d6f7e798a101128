#include <array>
#include <map>
#include <string_view>
#include <utility>

#include "app/data_repository.hpp"

namespace ngoaivu::app {

namespace {

// No parameters.
constexpr const char* kIntegrityCheck = "PRAGMA integrity_check";
// No parameters; a table named schema_version exists (SQLite, PostgreSQL).
constexpr const char* kHasVersionTableSqlite =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
constexpr const char* kHasVersionTablePostgres =
    "SELECT COUNT(*) FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_name = 'schema_version'";
// No parameters.
constexpr const char* kSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
// No parameters; every table (SQLite without its own sqlite_* tables, and without full-text
// indexes, virtual tables and their shadow tables, which are derived from the others).
constexpr const char* kTableCountSqlite =
    "SELECT COUNT(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
constexpr const char* kTableCountPostgres =
    "SELECT COUNT(*) FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";

// No parameters.
constexpr const char* kFirstAuditHash = "SELECT hash FROM audit_log WHERE id = 1";
// $1: a database's first audit hash. The entry that carries it (the chain was copied with its
// ids), or the migrate-data entry that appended that database's chain.
constexpr const char* kMovedDatabase =
    "SELECT id FROM audit_log WHERE (entity = 'database' AND action = 'migrate_data' "
    "AND entity_id = $1) OR (id = 1 AND hash = $1) ORDER BY id LIMIT 1";

std::string Join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty())
            out += ", ";
        out += n;
    }
    return out;
}

std::string ColumnList(const TableSpec& t) {
    std::vector<std::string> names;
    for (const auto& c : t.columns)
        names.push_back(c.name);
    return Join(names);
}

// "$from, $from+1, ..." for `n` placeholders.
std::string Placeholders(std::size_t from, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0)
            out += ", ";
        out += '$';
        out += std::to_string(from + i);
    }
    return out;
}

}  // namespace

bool TableSpec::HasIntegerId() const {
    return key.size() == 1 && key[0] == "id" && !columns.empty() && columns[0].name == "id" &&
           columns[0].type == ColumnType::kInt;
}

std::vector<std::size_t> TableSpec::KeyPositions() const {
    std::vector<std::size_t> out;
    for (const auto& k : key) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (columns[i].name == k)
                out.push_back(i);
        }
    }
    return out;
}

std::size_t TableSpec::Position(std::string_view column) const {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == column)
            return i;
    }
    throw storage::DatabaseError("no column " + std::string(column) + " in table " + name);
}

std::optional<std::string> EntityTable(std::string_view entity) {
    // The `entity` of every audit entry and attachment the services write (AuditService::Record,
    // AttachmentService::RegisterOwner), with the table its entity_id numbers. "" keeps the
    // entity_id as it is: a date, a year, a database's hash, or none.
    static const std::map<std::string, std::string, std::less<>> kEntities = {
        {"user", "app_user"},
        {"api_token", "api_token"},
        {"schedule_feed", "schedule_feed"},
        {"partner", "partner"},
        {"sister_relation", "sister_relation"},
        {"agreement", "agreement"},
        {"event", "event"},
        {"delegation", "delegation"},
        {"indicator", "indicator"},
        {"indicator_round", "indicator_round"},
        {"indicator_submission", "indicator_submission"},
        {"calendar_day", ""},  // entity_id: the day, ISO
        {"calendar", ""},      // entity_id: the year
        {"user_session", ""},  // housekeeping's purge: no entity_id
        {"database", ""},      // migrate-data: the first audit hash of the database moved
    };
    auto it = kEntities.find(entity);
    if (it == kEntities.end())
        return std::nullopt;
    return it->second;
}

const std::vector<TableSpec>& DataTables() {
    using enum ColumnType;
    static const std::vector<TableSpec> kTables = {
        // migrations/0001_reference.sql
        {"admin_unit",
         TableKind::kReference,
         {{"id", kInt},
          {"code", kText},
          {"generation", kInt},
          {"kind", kText},
          {"name_vi", kText},
          {"name_en", kText},
          {"short_name_vi", kText},
          {"valid_from", kText},
          {"valid_to", kText},
          {"search_text", kText}},
         {"id"}},
        {"admin_unit_succession",
         TableKind::kReference,
         {{"old_unit_id", kInt, "admin_unit"},
          {"new_unit_id", kInt, "admin_unit"},
          {"effective_date", kText}},
         {"old_unit_id", "new_unit_id"}},
        {"country",
         TableKind::kReference,
         {{"alpha2", kText},
          {"alpha3", kText},
          {"numeric_code", kText},
          {"name_vi", kText},
          {"name_en", kText},
          {"official_name_en", kText},
          {"search_text", kText}},
         {"alpha2"}},
        {"organisation",
         TableKind::kReference,
         {{"id", kInt},
          {"code", kText},
          {"kind", kText},
          {"mission_kind", kText},
          {"name_vi", kText},
          {"name_en", kText},
          {"admin_unit_id", kInt, "admin_unit"},
          {"country_alpha2", kText, "country"},
          {"city_vi", kText},
          {"city_en", kText},
          {"search_text", kText}},
         {"id"}},
        // migrations/0002_accounts_audit.sql
        // Merging (MergeRule, docs/decisions/0007): an account whose login the target has is the
        // same person only with --map-users same-login; its roles are then the target's (owner).
        {"app_user",
         TableKind::kRecords,
         {{"id", kInt},
          {"login", kText},
          {"display_name", kText},
          {"email", kText},
          {"password_hash", kText},
          {"must_change_password", kInt},
          {"disabled", kInt},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt}},
         {"id"},
         MergeRule::kMatch,
         {"login"},
         {},
         /*match_needs_consent=*/true},
        {"user_role",
         TableKind::kRecords,
         {{"id", kInt}, {"user_id", kInt, "app_user"}, {"role", kText}, {"all_provinces", kInt}},
         {"id"},
         MergeRule::kRemap,
         {},
         {},
         false,
         "user_id"},
        {"user_role_province",
         TableKind::kRecords,
         {{"user_role_id", kInt, "user_role"}, {"admin_unit_id", kInt, "admin_unit"}},
         {"user_role_id", "admin_unit_id"},
         MergeRule::kRemap,
         {},
         {},
         false,
         "user_role_id"},
        {"user_role_country",
         TableKind::kRecords,
         {{"user_role_id", kInt, "user_role"}, {"country_alpha2", kText, "country"}},
         {"user_role_id", "country_alpha2"},
         MergeRule::kRemap,
         {},
         {},
         false,
         "user_role_id"},
        // Sessions, API tokens and login attempts are not carried into a target with records:
        // secrets issued by the province's database, and throttling counters.
        {"user_session",
         TableKind::kRecords,
         {{"id_hash", kText},
          {"user_id", kInt, "app_user"},
          {"csrf_token", kText},
          {"created_at", kText},
          {"last_seen_at", kText},
          {"expires_at", kText},
          {"client_address", kText},
          {"user_agent", kText}},
         {"id_hash"},
         MergeRule::kNotCarried},
        {"api_token",
         TableKind::kRecords,
         {{"id", kInt},
          {"user_id", kInt, "app_user"},
          {"name", kText},
          {"token_hash", kText},
          {"prefix", kText},
          {"created_at", kText},
          {"last_used_at", kText},
          {"revoked_at", kText}},
         {"id"},
         MergeRule::kNotCarried},
        {"login_attempt",
         TableKind::kRecords,
         {{"id", kInt},
          {"login", kText},
          {"client_address", kText},
          {"at", kText},
          {"success", kInt}},
         {"id"},
         MergeRule::kNotCarried},
        // Merging: appended to the target's chain and re-chained; user_id (no FOREIGN KEY: the
        // trail outlives accounts) and entity_id (EntityTable) renumbered.
        {"audit_log",
         TableKind::kRecords,
         {{"id", kInt},
          {"at", kText},
          {"user_id", kInt, "app_user", RefKind::kUndeclared},
          {"user_login", kText},
          {"request_id", kText},
          {"client_address", kText},
          {"action", kText},
          {"entity", kText},
          {"entity_id", kText, "entity", RefKind::kByEntity},
          {"before_json", kText},
          {"after_json", kText},
          {"prev_hash", kText},
          {"hash", kText}},
         {"id"},
         MergeRule::kRechain},
        {"audit_head",
         TableKind::kSingleton,
         {{"id", kInt}, {"seq", kInt}, {"last_hash", kText}},
         {"id"}},
        // migrations/0004_partners_agreements.sql: records of the province, parents first.
        {"partner",
         TableKind::kRecords,
         {{"id", kInt},
          {"kind", kText},
          {"name_original", kText},
          {"name_vi", kText},
          {"name_en", kText},
          {"country_alpha2", kText, "country"},
          {"website", kText},
          {"notes", kText},
          {"search_text", kText},
          {"merged_into_id", kInt, "partner"},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt}},
         {"id"}},
        {"partner_contact",
         TableKind::kRecords,
         {{"id", kInt},
          {"partner_id", kInt, "partner"},
          {"position", kInt},
          {"name", kText},
          {"title", kText},
          {"email", kText},
          {"phone", kText}},
         {"id"}},
        {"sister_relation",
         TableKind::kRecords,
         {{"id", kInt},
          {"partner_id", kInt, "partner"},
          {"admin_unit_id", kInt, "admin_unit"},
          {"established_on", kText},
          {"ended_on", kText},
          {"note", kText}},
         {"id"}},
        {"agreement",
         TableKind::kRecords,
         {{"id", kInt},
          {"title_vi", kText},
          {"title_foreign", kText},
          {"form", kText},
          {"party_kind", kText},
          {"party_name", kText},
          {"admin_unit_id", kInt, "admin_unit"},
          {"current_unit_id", kInt, "admin_unit"},
          {"procedure", kText},
          {"shortened_reason", kText},
          {"languages", kText},
          {"status", kText},
          {"signed_on", kText},
          {"signed_year", kInt},
          {"signed_place", kText},
          {"signatory_vn", kText},
          {"signatory_foreign", kText},
          {"decision_ref", kText},
          {"effective_on", kText},
          {"term_months", kInt},
          {"expires_on", kText},
          {"renewal", kText},
          {"publication", kText},
          {"portal_url", kText},
          {"archive_location", kText},
          {"inherited_from", kText},
          {"rename_amended_on", kText},
          {"content", kText},
          {"search_text", kText},
          {"next_due_on", kText},
          {"has_result", kInt},
          {"created_by", kInt, "app_user"},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt},
          {"first_due_on", kText}},
         {"id"}},
        {"agreement_partner",
         TableKind::kRecords,
         {{"agreement_id", kInt, "agreement"}, {"partner_id", kInt, "partner"}},
         {"agreement_id", "partner_id"}},
        {"agreement_field",
         TableKind::kRecords,
         {{"agreement_id", kInt, "agreement"}, {"field", kText}},
         {"agreement_id", "field"}},
        {"agreement_event",
         TableKind::kRecords,
         {{"id", kInt},
          {"agreement_id", kInt, "agreement"},
          {"action", kText},
          {"happened_on", kText},
          {"from_status", kText},
          {"to_status", kText},
          {"note", kText},
          {"user_id", kInt, "app_user"},
          {"user_login", kText},
          {"recorded_at", kText}},
         {"id"}},
        {"agreement_deadline",
         TableKind::kRecords,
         {{"id", kInt},
          {"agreement_id", kInt, "agreement"},
          {"kind", kText},
          {"body", kText},
          {"opened_on", kText},
          {"due_on", kText},
          {"closed_on", kText},
          {"outcome", kText},
          {"note", kText},
          {"opened_event_id", kInt, "agreement_event"},
          {"closed_event_id", kInt, "agreement_event"}},
         {"id"}},
        {"commitment",
         TableKind::kRecords,
         {{"id", kInt},
          {"agreement_id", kInt, "agreement"},
          {"description", kText},
          {"responsible_unit", kText},
          {"due_on", kText},
          {"status", kText},
          {"done_on", kText},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt}},
         {"id"}},
        {"result",
         TableKind::kRecords,
         {{"id", kInt},
          {"agreement_id", kInt, "agreement"},
          {"description", kText},
          {"achieved_on", kText},
          {"created_at", kText}},
         {"id"}},
        {"result_figure",
         TableKind::kRecords,
         {{"id", kInt}, {"result_id", kInt, "result"}, {"unit", kText}, {"amount_centi", kInt}},
         {"id"}},
        // migrations/0005_attachments.sql: each file once, then the records that name it.
        // Stored once by content: a file the target holds already is the same file.
        {"stored_file",
         TableKind::kRecords,
         {{"sha256", kText},
          {"size_bytes", kInt},
          {"mime", kText},
          {"content", kBlob},
          {"created_at", kText}},
         {"sha256"},
         MergeRule::kMatch,
         {"sha256"}},
        {"attachment",
         TableKind::kRecords,
         {{"id", kInt},
          {"entity", kText},
          {"entity_id", kInt, "entity", RefKind::kByEntity},
          {"kind", kText},
          {"filename", kText},
          {"sha256", kText, "stored_file"},
          {"size_bytes", kInt},
          {"mime", kText},
          {"uploaded_by", kInt, "app_user"},
          {"uploaded_at", kText}},
         {"id"}},
        // migrations/0008_events.sql: the event, then its lists, history and deadlines.
        {"event",
         TableKind::kRecords,
         {{"id", kInt},
          {"title_vi", kText},
          {"title_en", kText},
          {"type", kText},
          {"theme", kText},
          {"starts_on", kText},
          {"ends_on", kText},
          {"start_year", kInt},
          {"format", kText},
          {"venue", kText},
          {"national", kInt},
          {"admin_unit_id", kInt, "admin_unit"},
          {"current_unit_id", kInt, "admin_unit"},
          {"foreign_sponsor", kInt},
          {"funding", kText},
          {"participants_vietnamese", kInt},
          {"participants_foreign", kInt},
          {"delegates_in_person", kInt},
          {"highest_foreign_rank", kText},
          {"state_secret", kInt},
          {"decider", kText},
          {"status", kText},
          {"requested_on", kText},
          {"decision_ref", kText},
          {"decided_on", kText},
          {"consultation_due_on", kText},
          {"report_due_on", kText},
          {"reported_on", kText},
          {"next_due_on", kText},
          {"ordinal", kInt},
          {"note", kText},
          {"search_text", kText},
          {"created_by", kInt, "app_user"},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt}},
         {"id"}},
        {"event_unit",
         TableKind::kRecords,
         {{"event_id", kInt, "event"},
          {"position", kInt},
          {"admin_unit_id", kInt, "admin_unit"},
          {"current_unit_id", kInt, "admin_unit"}},
         {"event_id", "position"}},
        {"event_country",
         TableKind::kRecords,
         {{"event_id", kInt, "event"}, {"country_alpha2", kText, "country"}, {"position", kInt}},
         {"event_id", "country_alpha2"}},
        {"event_organiser",
         TableKind::kRecords,
         {{"event_id", kInt, "event"}, {"position", kInt}, {"name", kText}},
         {"event_id", "position"}},
        {"event_bridge_point",
         TableKind::kRecords,
         {{"event_id", kInt, "event"},
          {"position", kInt},
          {"name", kText},
          {"admin_unit_id", kInt, "admin_unit"}},
         {"event_id", "position"}},
        {"event_sensitive_topic",
         TableKind::kRecords,
         {{"event_id", kInt, "event"}, {"topic", kText}},
         {"event_id", "topic"}},
        {"event_session",
         TableKind::kRecords,
         {{"event_id", kInt, "event"},
          {"position", kInt},
          {"title", kText},
          {"day", kText},
          {"starts_at", kText},
          {"ends_at", kText},
          {"chairs", kText},
          {"speakers", kText}},
         {"event_id", "position"}},
        {"event_award",
         TableKind::kRecords,
         {{"event_id", kInt, "event"},
          {"position", kInt},
          {"kind", kText},
          {"recipient", kText},
          {"recipient_kind", kText},
          {"recipient_unit_id", kInt, "admin_unit"},
          {"note", kText}},
         {"event_id", "position"}},
        {"event_press_link",
         TableKind::kRecords,
         {{"event_id", kInt, "event"},
          {"position", kInt},
          {"title", kText},
          {"url", kText},
          {"outlet", kText},
          {"published_on", kText}},
         {"event_id", "position"}},
        {"event_history",
         TableKind::kRecords,
         {{"id", kInt},
          {"event_id", kInt, "event"},
          {"action", kText},
          {"happened_on", kText},
          {"from_status", kText},
          {"to_status", kText},
          {"note", kText},
          {"user_id", kInt, "app_user"},
          {"user_login", kText},
          {"recorded_at", kText}},
         {"id"}},
        {"event_deadline",
         TableKind::kRecords,
         {{"id", kInt},
          {"event_id", kInt, "event"},
          {"kind", kText},
          {"body", kText},
          {"opened_on", kText},
          {"due_on", kText},
          {"closed_on", kText},
          {"outcome", kText},
          {"note", kText},
          {"opened_history_id", kInt, "event_history"},
          {"closed_history_id", kInt, "event_history"}},
         {"id"}},
        {"delegation",
         TableKind::kRecords,
         {{"id", kInt},
          {"title", kText},
          {"direction", kText},
          {"level", kText},
          {"admin_unit_id", kInt, "admin_unit"},
          {"current_unit_id", kInt, "admin_unit"},
          {"purpose", kText},
          {"starts_on", kText},
          {"ends_on", kText},
          {"start_year", kInt},
          {"funding", kText},
          {"report_due_days", kInt},
          {"note", kText},
          {"status", kText},
          {"decision_ref", kText},
          {"decided_on", kText},
          {"decided_by_login", kText},
          {"departed_on", kText},
          {"returned_on", kText},
          {"report_due_on", kText},
          {"reported_on", kText},
          {"report_summary", kText},
          {"outcome_commitments", kText},
          {"search_text", kText},
          {"created_by", kInt, "app_user"},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt}},
         {"id"}},
        {"delegation_unit",
         TableKind::kRecords,
         {{"delegation_id", kInt, "delegation"}, {"admin_unit_id", kInt, "admin_unit"}},
         {"delegation_id", "admin_unit_id"}},
        {"delegation_partner",
         TableKind::kRecords,
         {{"delegation_id", kInt, "delegation"}, {"partner_id", kInt, "partner"}},
         {"delegation_id", "partner_id"}},
        {"delegation_country",
         TableKind::kRecords,
         {{"delegation_id", kInt, "delegation"},
          {"country_alpha2", kText, "country", RefKind::kUndeclared}},
         {"delegation_id", "country_alpha2"}},
        {"delegation_person",
         TableKind::kRecords,
         {{"id", kInt},
          {"delegation_id", kInt, "delegation"},
          {"position", kInt},
          {"role", kText},
          {"name", kText},
          {"title", kText},
          {"organisation", kText},
          {"nationality", kText},
          {"name_folded", kText}},
         {"id"}},
        {"delegation_programme",
         TableKind::kRecords,
         {{"id", kInt},
          {"delegation_id", kInt, "delegation"},
          {"position", kInt},
          {"day", kText},
          {"time_text", kText},
          {"place", kText},
          {"activity", kText},
          {"partner_text", kText}},
         {"id"}},
        {"delegation_step",
         TableKind::kRecords,
         {{"id", kInt},
          {"delegation_id", kInt, "delegation"},
          {"action", kText},
          {"happened_on", kText},
          {"from_status", kText},
          {"to_status", kText},
          {"note", kText},
          {"user_id", kInt, "app_user"},
          {"user_login", kText},
          {"recorded_at", kText}},
         {"id"}},
        {"delegation_agreement",
         TableKind::kRecords,
         {{"delegation_id", kInt, "delegation"}, {"agreement_id", kInt, "agreement"}},
         {"delegation_id", "agreement_id"}},
        {"delegation_follow_up",
         TableKind::kRecords,
         {{"id", kInt},
          {"delegation_id", kInt, "delegation"},
          {"position", kInt},
          {"description", kText},
          {"responsible", kText},
          {"due_on", kText},
          {"status", kText},
          {"done_on", kText}},
         {"id"}},
        // migrations/0009_schedule_feeds.sql: the iCalendar feeds of the users.
        // Not carried when merging: each feed's token is a secret, as an API token's is.
        {"schedule_feed",
         TableKind::kRecords,
         {{"id", kInt},
          {"user_id", kInt, "app_user"},
          {"name", kText},
          {"token_hash", kText},
          {"prefix", kText},
          {"created_at", kText},
          {"last_used_at", kText},
          {"revoked_at", kText}},
         {"id"},
         MergeRule::kNotCarried},
        // migrations/0010_indicators.sql: definitions, rounds and their items, submissions,
        // values and the submissions' history.
        // Merging: an indicator is matched by its code, a round by its period (their definitions
        // must agree); the submissions and values are the province's, copied.
        {"indicator",
         TableKind::kRecords,
         {{"id", kInt},           {"code", kText},           {"name_vi", kText},
          {"name_en", kText},     {"unit", kText},           {"aggregation", kText},
          {"periodicity", kText}, {"source", kText},         {"counted_from", kText},
          {"decimals", kInt},     {"min_milli", kInt},       {"max_milli", kInt},
          {"required", kInt},     {"description_vi", kText}, {"description_en", kText},
          {"sort_order", kInt},   {"active", kInt},          {"created_at", kText},
          {"updated_at", kText},  {"version", kInt}},
         {"id"},
         MergeRule::kMatch,
         {"code"},
         {"unit", "aggregation", "periodicity", "source", "counted_from", "decimals"}},
        {"indicator_round",
         TableKind::kRecords,
         {{"id", kInt},
          {"periodicity", kText},
          {"year", kInt},
          {"number", kInt},
          {"starts_on", kText},
          {"ends_on", kText},
          {"due_on", kText},
          {"generation", kInt},
          {"note", kText},
          {"created_by", kInt, "app_user"},
          {"created_at", kText}},
         {"id"},
         MergeRule::kMatch,
         {"periodicity", "year", "number"},
         {"starts_on", "ends_on", "generation"}},
        {"indicator_round_item",
         TableKind::kRecords,
         {{"round_id", kInt, "indicator_round"},
          {"indicator_id", kInt, "indicator"},
          {"position", kInt}},
         {"round_id", "indicator_id"}},
        {"indicator_submission",
         TableKind::kRecords,
         {{"id", kInt},
          {"round_id", kInt, "indicator_round"},
          {"admin_unit_id", kInt, "admin_unit"},
          {"status", kText},
          {"submitted_at", kText},
          {"submitted_on", kText},
          {"decided_at", kText},
          {"comment", kText},
          {"created_at", kText},
          {"updated_at", kText},
          {"version", kInt}},
         {"id"}},
        {"indicator_value",
         TableKind::kRecords,
         {{"submission_id", kInt, "indicator_submission"},
          {"indicator_id", kInt, "indicator"},
          {"value_milli", kInt},
          {"comment", kText},
          {"source", kText},
          {"round_id", kInt, "indicator_round"},
          {"admin_unit_id", kInt, "admin_unit"},
          {"year", kInt},
          {"period_number", kInt},
          {"period_end_month", kInt},
          {"approved", kInt}},
         {"submission_id", "indicator_id"}},
        {"indicator_submission_step",
         TableKind::kRecords,
         {{"id", kInt},
          {"submission_id", kInt, "indicator_submission"},
          {"action", kText},
          {"from_status", kText},
          {"to_status", kText},
          {"comment", kText},
          {"user_id", kInt, "app_user"},
          {"user_login", kText},
          {"recorded_at", kText}},
         {"id"}},
        // migrations/0003_calendar.sql. `init` seeds the statutory holidays on both sides, and
        // administrators edit them: the source's calendar replaces the target's whole, as a
        // singleton does, and its version counter with it.
        {"calendar_day",
         TableKind::kSingleton,
         {{"id", kInt},
          {"day", kText},
          {"kind", kText},
          {"name_vi", kText},
          {"name_en", kText},
          {"created_at", kText}},
         {"id"}},
        {"calendar_version", TableKind::kSingleton, {{"id", kInt}, {"version", kInt}}, {"id"}},
        // migrations/0011_auth_epoch.sql: the counter token caches compare (any value will do on
        // the target: a move changes who may use a token only by what it copies).
        {"auth_epoch", TableKind::kSingleton, {{"id", kInt}, {"value", kInt}}, {"id"}},
        // migrations/0013_tallies.sql: counts kept by triggers, never copied.
        {"agreement_tally",
         TableKind::kDerived,
         {{"year", kInt},
          {"admin_unit_id", kInt},
          {"current_unit_id", kInt},
          {"status", kText},
          {"has_result", kInt},
          {"n", kInt}},
         {"year", "admin_unit_id", "current_unit_id", "status", "has_result"}},
        {"agreement_field_tally",
         TableKind::kDerived,
         {{"year", kInt},
          {"admin_unit_id", kInt},
          {"current_unit_id", kInt},
          {"status", kText},
          {"field", kText},
          {"n", kInt}},
         {"year", "admin_unit_id", "current_unit_id", "status", "field"}},
        {"agreement_country_tally",
         TableKind::kDerived,
         {{"year", kInt},
          {"admin_unit_id", kInt},
          {"current_unit_id", kInt},
          {"status", kText},
          {"country_alpha2", kText},
          {"n", kInt}},
         {"year", "admin_unit_id", "current_unit_id", "status", "country_alpha2"}},
        {"commitment_done_tally",
         TableKind::kDerived,
         {{"year", kInt},
          {"month", kInt},
          {"admin_unit_id", kInt},
          {"current_unit_id", kInt},
          {"n", kInt}},
         {"year", "month", "admin_unit_id", "current_unit_id"}},
        {"delegation_tally",
         TableKind::kDerived,
         {{"year", kInt},
          {"admin_unit_id", kInt},
          {"current_unit_id", kInt},
          {"direction", kText},
          {"level", kText},
          {"status", kText},
          {"n", kInt}},
         {"year", "admin_unit_id", "current_unit_id", "direction", "level", "status"}},
        {"event_tally",
         TableKind::kDerived,
         {{"year", kInt},
          {"admin_unit_id", kInt},
          {"current_unit_id", kInt},
          {"type", kText},
          {"status", kText},
          {"national", kInt},
          {"n", kInt}},
         {"year", "admin_unit_id", "current_unit_id", "type", "status", "national"}},
    };
    return kTables;
}

Values ToValues(const storage::Row& row, const TableSpec& table) {
    Values out;
    out.reserve(table.columns.size());
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (row.IsNull(i))
            out.emplace_back();
        else if (table.columns[i].type == ColumnType::kInt)
            out.emplace_back(row.Int(i));
        else if (table.columns[i].type == ColumnType::kBlob)
            out.emplace_back(storage::Blob{row.Blob(i)});
        else
            out.emplace_back(row.Text(i));
    }
    return out;
}

std::string Describe(const storage::Value& value) {
    const auto& v = value.get();
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v))
        return std::to_string(*d);
    if (const auto* s = std::get_if<std::string>(&v))
        return "'" + *s + "'";
    if (const auto* b = std::get_if<storage::Blob>(&v))
        return "(" + std::to_string(b->bytes.size()) + " bytes)";
    return "NULL";
}

std::string SqlDataRepository::IntegrityCheck(storage::Transaction& tx) {
    auto row = tx.QueryOne(kIntegrityCheck);
    return row ? row->Text(0) : "no answer from PRAGMA integrity_check";
}

std::optional<int> SqlDataRepository::SchemaVersion(storage::Transaction& tx,
                                                    storage::Backend backend) {
    auto has = tx.QueryOne(backend == storage::Backend::kPostgres ? kHasVersionTablePostgres
                                                                  : kHasVersionTableSqlite);
    if (!has || has->Int(0) == 0)
        return std::nullopt;
    auto row = tx.QueryOne(kSchemaVersion);
    return row ? static_cast<int>(row->Int(0)) : 0;
}

std::int64_t SqlDataRepository::TableCount(storage::Transaction& tx, storage::Backend backend) {
    auto row = tx.QueryOne(backend == storage::Backend::kPostgres ? kTableCountPostgres
                                                                  : kTableCountSqlite);
    return row ? row->Int(0) : 0;
}

std::int64_t SqlDataRepository::Count(storage::Transaction& tx, const TableSpec& table) {
    return tx.QueryOne("SELECT COUNT(*) FROM " + table.name)->Int(0);
}

std::vector<Values> SqlDataRepository::ReadChunk(storage::Transaction& tx, const TableSpec& table,
                                                 const Values& after, int limit) {
    // Keyset paging in key order: WHERE (k1, k2) > ($1, $2) ORDER BY k1, k2 LIMIT $3.
    std::string keys = Join(table.key);
    std::string sql = "SELECT " + ColumnList(table) + " FROM " + table.name;
    if (!after.empty()) {
        sql += table.key.size() == 1
                   ? " WHERE " + keys + " > $1"
                   : " WHERE (" + keys + ") > (" + Placeholders(1, after.size()) + ")";
    }
    sql += " ORDER BY " + keys + " LIMIT $";
    sql += std::to_string(after.size() + 1);
    Values params = after;
    params.emplace_back(limit);
    storage::Rows rows = tx.Query(sql, storage::ParamSpan(params));
    std::vector<Values> out;
    out.reserve(rows.size());
    for (const auto& r : rows)
        out.push_back(ToValues(r, table));
    return out;
}

void SqlDataRepository::Insert(storage::Transaction& tx, const TableSpec& table,
                               const Values& row) {
    std::string sql = "INSERT INTO " + table.name + " (" + ColumnList(table) + ") VALUES (" +
                      Placeholders(1, table.columns.size()) + ")";
    tx.Exec(sql, storage::ParamSpan(row));
}

void SqlDataRepository::DeleteAll(storage::Transaction& tx, const TableSpec& table) {
    tx.Exec("DELETE FROM " + table.name);
}

namespace {

// "year=2024 admin_unit_id=1001 … n=3": the key's values and the count of one tally row.
std::string TallyRow(const storage::Row& r, const TableSpec& table) {
    std::string out;
    for (std::size_t i = 0; i < table.key.size(); ++i)
        out += table.key[i] + "=" + (r.IsNull(i) ? "NULL" : r.Text(i)) + " ";
    return out + "n=" + r.Text(table.key.size());
}

}  // namespace

SqlDataRepository::TallyDifferences SqlDataRepository::CompareTally(storage::Transaction& tx,
                                                                    const TableSpec& table,
                                                                    int limit) {
    std::string keys = Join(table.key);
    std::string counted =
        "SELECT " + keys + ", COUNT(*) AS n FROM " + table.name + "_source GROUP BY " + keys;
    std::string held = "SELECT " + keys + ", n FROM " + table.name + " WHERE n <> 0";
    TallyDifferences out;
    auto differ = [&](const std::string& a, const std::string& b, std::int64_t& count,
                      std::vector<std::string>& rows) {
        std::string diff = "SELECT * FROM (" + a + " EXCEPT " + b + ") AS d";
        count = tx.QueryOne("SELECT COUNT(*) FROM (" + diff + ") AS c")->Int(0);
        for (const auto& r : tx.Query(diff + " ORDER BY " + keys + " LIMIT $1", {limit}))
            rows.push_back(TallyRow(r, table));
    };
    differ(counted, held, out.missing, out.missing_rows);
    differ(held, counted, out.extra, out.extra_rows);
    return out;
}

void SqlDataRepository::RebuildTally(storage::Transaction& tx, const TableSpec& table) {
    std::string keys = Join(table.key);
    tx.Exec("DELETE FROM " + table.name);
    tx.Exec("INSERT INTO " + table.name + " (" + keys + ", n) SELECT " + keys + ", COUNT(*) FROM " +
            table.name + "_source GROUP BY " + keys);
}

void SqlDataRepository::ResetIdentity(storage::Transaction& tx, const TableSpec& table) {
    // setval(NULL, ...) is NULL and changes nothing: a column without an identity is skipped.
    tx.Query("SELECT setval(pg_get_serial_sequence('" + table.name + "', 'id'), " +
             "(SELECT COALESCE(MAX(id), 0) + 1 FROM " + table.name + "), false)");
}

std::int64_t SqlDataRepository::MaxId(storage::Transaction& tx, const TableSpec& table) {
    return tx.QueryOne("SELECT COALESCE(MAX(id), 0) FROM " + table.name)->Int(0);
}

std::optional<Values> SqlDataRepository::FindBy(storage::Transaction& tx, const TableSpec& table,
                                                const std::vector<std::string>& where,
                                                const Values& values,
                                                const std::vector<std::string>& select) {
    std::string sql = "SELECT " + Join(select) + " FROM " + table.name + " WHERE ";
    for (std::size_t i = 0; i < where.size(); ++i) {
        if (i > 0)
            sql += " AND ";
        sql += where[i] + " = $" + std::to_string(i + 1);
    }
    sql += " LIMIT 1";
    auto row = tx.QueryOne(sql, storage::ParamSpan(values));
    if (!row)
        return std::nullopt;
    Values out;
    for (std::size_t i = 0; i < select.size(); ++i) {
        ColumnType type = table.columns[table.Position(select[i])].type;
        if (row->IsNull(i))
            out.emplace_back();
        else if (type == ColumnType::kInt)
            out.emplace_back(row->Int(i));
        else if (type == ColumnType::kBlob)
            out.emplace_back(storage::Blob{row->Blob(i)});
        else
            out.emplace_back(row->Text(i));
    }
    return out;
}

std::string SqlDataRepository::FirstAuditHash(storage::Transaction& tx) {
    auto row = tx.QueryOne(kFirstAuditHash);
    return row ? row->Text(0) : "";
}

std::int64_t SqlDataRepository::FindMovedDatabase(storage::Transaction& tx,
                                                  const std::string& hash) {
    auto row = tx.QueryOne(kMovedDatabase, {hash});
    return row ? row->Int(0) : 0;
}

}  // namespace ngoaivu::app
