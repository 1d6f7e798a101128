#include "modules/audit/audit_service.hpp"

#include <cstdio>
#include <ctime>

namespace ngoaivu::audit {

std::string IsoUtc(std::chrono::system_clock::time_point t) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()) % 1000;
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms.count()));
    return buf;
}

std::string AuditService::Now() const {
    return IsoUtc(clock_.Now());
}

AuditEntry AuditService::Record(storage::Transaction& tx, const Actor& actor, std::string action,
                                std::string entity, std::string entity_id,
                                const nlohmann::json& before, const nlohmann::json& after) {
    AuditEntry e;
    e.at = Now();
    if (actor.user_id != 0)
        e.user_id = actor.user_id;
    e.user_login = actor.login;
    e.request_id = actor.request_id;
    e.client_address = actor.client_address;
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = std::move(entity_id);
    auto dump = [](const nlohmann::json& j) {
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    e.before_json = dump(before);
    e.after_json = dump(after);
    return repo_.Append(tx, std::move(e));
}

VerifyReport AuditService::Verify(const std::vector<Anchor>& anchors) {
    VerifyReport report;
    auto tx = db_.Begin(storage::TxMode::kRead);
    std::int64_t last_id = 0;
    std::string last_hash;
    constexpr int kChunk = 5000;
    for (;;) {
        auto entries = repo_.Range(*tx, last_id, kChunk);
        for (const auto& e : entries) {
            auto fail = [&](std::string problem) {
                report.ok = false;
                report.first_bad_id = e.id;
                report.problem = std::move(problem);
            };
            if (e.id != last_id + 1) {
                fail("entry " + std::to_string(last_id + 1) +
                     " is missing (next found: " + std::to_string(e.id) + ")");
            } else if (e.prev_hash != last_hash) {
                fail("entry " + std::to_string(e.id) + " does not link to entry " +
                     std::to_string(last_id));
            } else if (ChainHash(e) != e.hash) {
                fail("entry " + std::to_string(e.id) + " was altered (hash mismatch)");
            } else {
                for (const auto& a : anchors) {
                    if (a.id == e.id && a.hash != e.hash) {
                        fail("entry " + std::to_string(e.id) +
                             " differs from the anchor recorded outside the database (the chain "
                             "was rewritten and re-hashed)");
                        break;
                    }
                }
            }
            if (!report.ok)
                return report;
            last_id = e.id;
            last_hash = e.hash;
            ++report.entries;
        }
        if (static_cast<int>(entries.size()) < kChunk)
            break;
    }
    auto [seq, head_hash] = repo_.Head(*tx);
    if (seq != last_id || head_hash != last_hash) {
        report.ok = false;
        report.first_bad_id = seq == last_id ? last_id : last_id + 1;
        report.problem = seq == last_id
                             ? "entry " + std::to_string(last_id) +
                                   " does not match the chain head (altered and re-hashed)"
                             : "the newest entries were removed: the head records " +
                                   std::to_string(seq) + " entries, the table ends at " +
                                   std::to_string(last_id);
        return report;
    }
    for (const auto& a : anchors) {
        if (a.id > last_id) {
            report.ok = false;
            report.first_bad_id = last_id + 1;
            report.problem = "the anchor's entry " + std::to_string(a.id) +
                             " no longer exists: the chain ends at " + std::to_string(last_id);
            return report;
        }
    }
    report.head_id = last_id;
    report.head_hash = last_hash;
    return report;
}

Anchor AuditService::Head() {
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto [seq, hash] = repo_.Head(*tx);
    return Anchor{seq, hash};
}

Result<Page<AuditEntry>> AuditService::List(const Actor& actor, const AuditFilter& filter,
                                            const PageRequest& page) {
    if (!actor.IsAdmin() && !actor.Has(Role::kMofaStaff) && !actor.Has(Role::kMofaViewer)) {
        return Error::PermissionDenied(
            "Chỉ quản trị viên và cán bộ Bộ Ngoại giao được xem nhật ký kiểm toán.",
            "Only administrators and MOFA staff may read the audit trail.");
    }
    for (const auto* d : {&filter.from, &filter.to}) {
        if (!d->empty() && !Date::ParseIso(*d)) {
            std::string field = d == &filter.from ? "from" : "to";
            return Error::InvalidArgument(field, "Ngày phải có dạng yyyy-mm-dd.",
                                          "The date must be in the form yyyy-mm-dd.");
        }
    }
    auto tx = db_.Begin(storage::TxMode::kRead);
    return repo_.List(*tx, filter, page);
}

}  // namespace ngoaivu::audit
