#include "http/json.hpp"
#include "modules/schedule/schedule_routes.hpp"

namespace ngoaivu::schedule::detail {

namespace {

// A Host header we are willing to put into a link: a name or address ([::1] too) and a port.
bool PlainHost(std::string_view host) {
    if (host.empty() || host.size() > 255)
        return false;
    for (char c : host) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok)
            return false;
    }
    return true;
}

nlohmann::json OptText(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json UnitJson(const std::optional<std::int64_t>& id, const std::string& vi,
                        const std::string& en) {
    if (!id)
        return nullptr;
    return {{"id", *id}, {"name_vi", vi}, {"name_en", en}};
}

}  // namespace

Result<ScheduleFilter> ParseFilter(const http::Request& req) {
    ScheduleFilter f;
    auto from = http::ParseDateParam(req, "from");
    if (!from)
        return from.error();
    f.from = *from;
    auto to = http::ParseDateParam(req, "to");
    if (!to)
        return to.error();
    f.to = *to;
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return unit.error();
    f.unit_id = *unit;
    std::string kind(req.Query("kind").value_or(""));
    if (!kind.empty()) {
        f.kind = ParseKind(kind);
        if (!f.kind) {
            return Error::InvalidArgument("kind", "Loại mục phải là delegation hoặc event.",
                                          "The kind must be delegation or event.");
        }
    }
    f.direction = std::string(req.Query("direction").value_or(""));
    f.level = std::string(req.Query("level").value_or(""));
    f.type = std::string(req.Query("type").value_or(""));
    f.status = std::string(req.Query("status").value_or(""));
    f.include_withdrawn = http::FlagParam(req, "include_cancelled");
    return f;
}

std::string BaseUrl(const http::Request& req, const ScheduleRoutesOptions& options) {
    std::string_view host = req.Header("host").value_or("");
    return std::string(options.secure ? "https://" : "http://") +
           std::string(PlainHost(host) ? host : "localhost");
}

std::string FeedUrl(const http::Request& req, const ScheduleRoutesOptions& options,
                    const std::string& token) {
    return BaseUrl(req, options) + "/schedule/feed/" + token + ".ics";
}

nlohmann::json ItemJson(const ScheduleItem& item) {
    bool delegation = item.kind == ItemKind::kDelegation;
    return {{"kind", KindCode(item.kind)},
            {"id", item.id},
            {"title", item.title},
            {"title_en", OptText(item.title_en)},
            {"starts_on", item.starts_on.ToIso()},
            {"ends_on", item.ends_on.ToIso()},
            {"status", item.status},
            {"direction", delegation ? nlohmann::json(item.direction) : nlohmann::json(nullptr)},
            {"level", delegation ? nlohmann::json(item.level) : nlohmann::json(nullptr)},
            {"type", delegation ? nlohmann::json(nullptr) : nlohmann::json(item.type)},
            {"venue", OptText(item.venue)},
            {"national", item.national},
            {"admin_unit", UnitJson(item.admin_unit_id, item.unit_name_vi, item.unit_name_en)},
            {"current_unit",
             UnitJson(item.current_unit_id, item.current_unit_name_vi, item.current_unit_name_en)},
            {"version", item.version},
            {"path", item.Path()}};
}

nlohmann::json FeedJson(const Feed& feed) {
    return {{"id", feed.id},
            {"name", feed.name},
            {"prefix", feed.prefix},
            {"created_at", feed.created_at},
            {"last_used_at", OptText(feed.last_used_at)},
            {"revoked_at", OptText(feed.revoked_at)},
            {"active", feed.revoked_at.empty()}};
}

}  // namespace ngoaivu::schedule::detail
