#include "modules/partners/partner_json.hpp"

namespace ngoaivu::partners {

namespace {

nlohmann::json OrNull(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json IdOrNull(const std::optional<PartnerId>& id) {
    return id ? nlohmann::json(id->value) : nlohmann::json();
}

// A reference to another partner: enough to name and link it.
nlohmann::json RefJson(const PartnerSummary& s) {
    return {{"id", s.id.value},
            {"kind", KindName(s.kind)},
            {"name_vi", s.name_vi},
            {"name_en", s.name_en}};
}

}  // namespace

nlohmann::json ToJson(const PartnerSummary& s) {
    return {{"id", s.id.value},
            {"kind", KindName(s.kind)},
            {"name_original", s.name_original},
            {"name_vi", s.name_vi},
            {"name_en", s.name_en},
            {"country", OrNull(s.country_alpha2)},
            {"country_name_vi", OrNull(s.country_name_vi)},
            {"country_name_en", OrNull(s.country_name_en)},
            {"merged_into_id", IdOrNull(s.merged_into)},
            {"agreement_count", s.agreement_count},
            {"updated_at", s.updated_at}};
}

nlohmann::json ToJson(const Contact& c) {
    return {{"name", c.name}, {"title", c.title}, {"email", c.email}, {"phone", c.phone}};
}

nlohmann::json ToJson(const SisterRelation& r) {
    return {{"id", r.id.value},
            {"partner_id", r.partner_id.value},
            {"admin_unit_id", r.admin_unit_id.value},
            {"unit_name_vi", r.unit_name_vi},
            {"unit_name_en", r.unit_name_en},
            {"unit_generation", r.unit_generation},
            {"established_on", r.established_on.ToIso()},
            {"ended_on", r.ended_on ? nlohmann::json(r.ended_on->ToIso()) : nlohmann::json()},
            {"note", r.note}};
}

nlohmann::json ToJson(const PartnerDetail& d) {
    const Partner& p = d.partner;
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& c : p.contacts)
        contacts.push_back(ToJson(c));
    nlohmann::json relations = nlohmann::json::array();
    for (const auto& r : d.sister_relations)
        relations.push_back(ToJson(r));
    nlohmann::json merged_from = nlohmann::json::array();
    for (const auto& s : d.merged_from)
        merged_from.push_back(RefJson(s));
    return {{"id", p.id.value},
            {"kind", KindName(p.kind)},
            {"name_original", p.name_original},
            {"name_vi", p.name_vi},
            {"name_en", p.name_en},
            {"country", OrNull(p.country_alpha2)},
            {"country_name_vi", OrNull(p.country_name_vi)},
            {"country_name_en", OrNull(p.country_name_en)},
            {"website", p.website},
            {"notes", p.notes},
            {"merged_into", d.merged_into ? RefJson(*d.merged_into) : nlohmann::json()},
            {"merged_from", merged_from},
            {"contacts", contacts},
            {"sister_relations", relations},
            {"agreement_count", d.agreement_count},
            {"created_at", p.created_at},
            {"updated_at", p.updated_at},
            {"version", p.version}};
}

}  // namespace ngoaivu::partners
