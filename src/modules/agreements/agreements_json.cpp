#include "http/json.hpp"
#include "http/json_fields.hpp"
#include "modules/agreements/agreements_routes.hpp"

namespace ngoaivu::agreements::detail {

namespace {

nlohmann::json OptIso(const std::optional<Date>& d) {
    return http::JsonDate(d);
}

// Reads the members shared by a new draft, an edit and a registration.
AgreementFields ReadFields(http::JsonFields& in) {
    AgreementFields f;
    f.title_vi = in.String("title_vi", true);
    f.title_foreign = in.String("title_foreign");
    f.form = in.String("form", true);
    f.party_kind = in.String("party_kind", true);
    f.party_name = in.String("party_name", true);
    f.admin_unit_id = in.Int("admin_unit_id", true).value_or(0);
    f.procedure = in.String("procedure");
    if (f.procedure.empty())
        f.procedure = "normal";
    f.shortened_reason = in.String("shortened_reason");
    f.languages = in.Strings("languages");
    f.partner_ids = in.Ints("partner_ids", true);
    f.fields = in.Strings("fields", true);
    f.content = in.String("content");
    if (auto t = in.Int("term_months"))
        f.term_months = static_cast<int>(std::clamp<std::int64_t>(*t, -1, 100000));
    f.renewal = in.String("renewal");
    f.publication = in.String("publication");
    if (f.publication.empty())
        f.publication = "public";
    f.portal_url = in.String("portal_url");
    f.archive_location = in.String("archive_location");
    f.inherited_from = in.String("inherited_from");
    f.rename_amended_on = in.Date("rename_amended_on");
    return f;
}

}  // namespace

Result<ListQuery> ParseListQuery(const http::Request& req) {
    ListQuery q;
    auto page = http::ParsePaging(req, 50);
    if (!page)
        return page.error();
    q.page = *page;
    auto& f = q.filter;
    f.q = std::string(req.Query("q").value_or(""));
    auto unit = http::ParseIntParam(req, "province", 1000, 2999);
    if (!unit)
        return unit.error();
    f.unit_id = *unit;
    auto country = http::ParseCountryParam(req, "country");
    if (!country)
        return country.error();
    f.country = *country;
    f.partner_kind = std::string(req.Query("partner_kind").value_or(""));
    auto partner = http::ParseIntParam(req, "partner", 1, std::numeric_limits<std::int64_t>::max());
    if (!partner)
        return partner.error();
    f.partner_id = *partner;
    f.field = std::string(req.Query("field").value_or(""));
    f.status = std::string(req.Query("status").value_or(""));
    auto year = http::ParseYearParam(req);
    if (!year)
        return year.error();
    f.year = *year;
    f.overdue = http::FlagParam(req, "overdue");
    f.without_result = http::FlagParam(req, "without_result");
    auto sort = ParseSort(req.Query("sort").value_or(""));
    if (!sort)
        return http::BadSort("signed_desc, signed, title, province, due, updated");
    q.sort = *sort;
    return q;
}

nlohmann::json AgreementJson(const Agreement& a, Date today) {
    const auto& f = a.fields;
    nlohmann::json partners = nlohmann::json::array();
    for (const auto& p : a.partners) {
        partners.push_back({{"id", p.id},
                            {"name_vi", p.name_vi},
                            {"name_en", p.name_en},
                            {"country", p.country_alpha2},
                            {"kind", p.kind}});
    }
    return {{"id", a.id},
            {"title_vi", f.title_vi},
            {"title_foreign", f.title_foreign},
            {"form", f.form},
            {"party_kind", f.party_kind},
            {"party_name", f.party_name},
            {"admin_unit_id", f.admin_unit_id},
            {"admin_unit", {{"name_vi", a.unit_name_vi}, {"name_en", a.unit_name_en}}},
            {"current_unit_id", a.current_unit_id},
            {"current_unit",
             {{"name_vi", a.current_unit_name_vi}, {"name_en", a.current_unit_name_en}}},
            {"procedure", f.procedure},
            {"shortened_reason", f.shortened_reason},
            {"languages", f.languages},
            {"partners", partners},
            {"partner_ids", f.partner_ids},
            {"fields", f.fields},
            {"content", f.content},
            {"term_months", f.term_months ? nlohmann::json(*f.term_months) : nlohmann::json()},
            {"renewal", f.renewal},
            {"publication", f.publication},
            {"portal_url", f.portal_url},
            {"archive_location", f.archive_location},
            {"inherited_from", f.inherited_from},
            {"rename_amended_on", OptIso(f.rename_amended_on)},
            {"status", StatusCode(a.status)},
            {"signed_on", OptIso(a.signed_on)},
            {"signed_place", a.signed_place},
            {"signatory_vn", a.signatory_vn},
            {"signatory_foreign", a.signatory_foreign},
            {"decision_ref", a.decision_ref},
            {"effective_on", OptIso(a.effective_on)},
            {"expires_on", OptIso(a.expires_on)},
            {"next_due_on", OptIso(a.next_due_on)},
            {"overdue", a.next_due_on && *a.next_due_on < today},
            {"has_result", a.has_result},
            {"created_at", a.created_at},
            {"updated_at", a.updated_at},
            {"version", a.version}};
}

nlohmann::json DetailJson(const AgreementDetail& d, Date today) {
    nlohmann::json j = AgreementJson(d.agreement, today);
    nlohmann::json deadlines = nlohmann::json::array();
    for (const auto& dl : d.deadlines) {
        deadlines.push_back({{"id", dl.id},
                             {"kind", DeadlineKindCode(dl.kind)},
                             {"body", dl.body},
                             {"opened_on", dl.opened_on.ToIso()},
                             {"due_on", dl.due_on.ToIso()},
                             {"closed_on", OptIso(dl.closed_on)},
                             {"outcome", dl.outcome},
                             {"note", dl.note},
                             {"overdue", dl.overdue(today)}});
    }
    nlohmann::json events = http::HistoryJson(d.events, true);
    nlohmann::json commitments = nlohmann::json::array();
    for (const auto& c : d.commitments) {
        commitments.push_back({{"id", c.id},
                               {"description", c.description},
                               {"responsible_unit", c.responsible_unit},
                               {"due_on", OptIso(c.due_on)},
                               {"status", c.status},
                               {"done_on", OptIso(c.done_on)},
                               {"overdue", c.overdue(today)},
                               {"version", c.version}});
    }
    nlohmann::json results = nlohmann::json::array();
    for (const auto& r : d.results) {
        nlohmann::json figures = nlohmann::json::array();
        for (const auto& f : r.figures)
            figures.push_back({{"unit", f.unit}, {"amount", f.amount_centi / 100.0}});
        results.push_back({{"id", r.id},
                           {"description", r.description},
                           {"achieved_on", r.achieved_on.ToIso()},
                           {"figures", figures}});
    }
    j["deadlines"] = deadlines;
    j["history"] = events;
    j["commitments"] = commitments;
    j["results"] = results;
    return j;
}

nlohmann::json DueJson(const DueItem& item, Date today) {
    return {{"what", item.what},
            {"agreement_id", item.agreement_id},
            {"agreement_title", item.agreement_title},
            {"admin_unit_id", item.admin_unit_id},
            {"current_unit_id", item.current_unit_id},
            {"current_unit", {{"name_vi", item.unit_name_vi}, {"name_en", item.unit_name_en}}},
            {"kind", item.kind},
            {"body", item.body},
            {"due_on", item.due_on.ToIso()},
            {"overdue", item.due_on < today}};
}

Result<AgreementFields> ParseFieldsJson(const nlohmann::json& body, std::int64_t* version) {
    http::JsonFields in(body);
    AgreementFields f = ReadFields(in);
    if (version)
        *version = in.Int("version", true).value_or(0);
    if (auto e = in.Problem())
        return *e;
    return f;
}

Result<RegisterRequest> ParseRegisterJson(const nlohmann::json& body) {
    http::JsonFields in(body);
    RegisterRequest r;
    r.fields = ReadFields(in);
    r.status = in.String("status");
    if (r.status.empty())
        r.status = "in_force";
    r.signed_on = in.Date("signed_on", true);
    r.signed_place = in.String("signed_place");
    r.signatory_vn = in.String("signatory_vn");
    r.signatory_foreign = in.String("signatory_foreign");
    r.effective_on = in.Date("effective_on");
    r.expires_on = in.Date("expires_on");
    r.reported_on = in.Date("reported_on");
    if (auto e = in.Problem())
        return *e;
    return r;
}

Result<StepRequest> ParseStepJson(const nlohmann::json& body,
                                  std::optional<std::int64_t>* version) {
    http::JsonFields in(body);
    StepRequest r;
    r.action = in.String("action", true);
    r.date = in.Date("date", true);
    r.bodies = in.Strings("bodies");
    r.body = in.String("body");
    r.outcome = in.String("outcome");
    r.note = in.String("note");
    r.decision_ref = in.String("decision_ref");
    r.signed_place = in.String("signed_place");
    r.signatory_vn = in.String("signatory_vn");
    r.signatory_foreign = in.String("signatory_foreign");
    r.expires_on = in.Date("expires_on");
    if (version)
        *version = in.Int("version");
    if (auto e = in.Problem())
        return *e;
    return r;
}

Result<CommitmentRequest> ParseCommitmentJson(const nlohmann::json& body, std::int64_t* version) {
    http::JsonFields in(body);
    CommitmentRequest c;
    c.description = in.String("description", true);
    c.responsible_unit = in.String("responsible_unit");
    c.due_on = in.Date("due_on");
    c.status = in.String("status");
    if (c.status.empty())
        c.status = "open";
    c.done_on = in.Date("done_on");
    if (version)
        *version = in.Int("version", true).value_or(0);
    if (auto e = in.Problem())
        return *e;
    return c;
}

Result<ResultRequest> ParseResultJson(const nlohmann::json& body) {
    http::JsonFields in(body);
    ResultRequest r;
    r.description = in.String("description", true);
    r.achieved_on = in.Date("achieved_on", true);
    const auto& figures = in.Raw("figures");
    if (!figures.is_null() && !figures.is_array()) {
        in.Add("figures", "Trường \"figures\" phải là một mảng.",
               "The field \"figures\" must be an array.");
    } else if (figures.is_array()) {
        for (const auto& item : figures) {
            if (!item.is_object() || !item.contains("unit") || !item["unit"].is_string() ||
                !item.contains("amount") || !item["amount"].is_number()) {
                in.Add("figures", "Mỗi số liệu phải có dạng {\"unit\": chuỗi, \"amount\": số}.",
                       "Each figure must be {\"unit\": string, \"amount\": number}.");
                break;
            }
            r.figures.push_back({item["unit"].get<std::string>(), item["amount"].get<double>()});
        }
    }
    if (auto e = in.Problem())
        return *e;
    return r;
}

}  // namespace ngoaivu::agreements::detail
