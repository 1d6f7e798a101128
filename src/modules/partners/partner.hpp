#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.hpp"
#include "modules/geo/geo.hpp"

namespace ngoaivu::partners {

// Strong id of a foreign partner (partner.id).
struct PartnerId {
    std::int64_t value = 0;
    friend bool operator==(PartnerId, PartnerId) = default;
};

// Strong id of a sister relation (sister_relation.id).
struct SisterRelationId {
    std::int64_t value = 0;
    friend bool operator==(SisterRelationId, SisterRelationId) = default;
};

// What a partner is. Stored by its name ("country", "locality" ...), the values of the CHECK
// constraint of migrations/0004_partners_agreements.sql.
enum class PartnerKind {
    kCountry,           // a foreign state (its government)
    kLocality,          // a foreign province, state, prefecture, city ...
    kInternationalOrg,  // the UN system, development banks, other intergovernmental bodies
    kCompany,
    kFund,        // an investment or development fund
    kUniversity,  // a university or research institute
    kNgo,         // a foreign non-governmental organisation
    kOther,
};

// Every kind, in the order forms and filters list them.
inline constexpr std::array<PartnerKind, 8> kAllPartnerKinds = {
    PartnerKind::kCountry, PartnerKind::kLocality, PartnerKind::kInternationalOrg,
    PartnerKind::kCompany, PartnerKind::kFund,     PartnerKind::kUniversity,
    PartnerKind::kNgo,     PartnerKind::kOther};

// The stored name of `kind` ("international_org" ...).
const char* KindName(PartnerKind kind);
// The kind named `name` (exactly, as stored); nullopt for any other text.
std::optional<PartnerKind> ParseKind(std::string_view name);
// The kind's label for people: "Địa phương nước ngoài" / "Foreign locality" ...
const char* KindLabelVi(PartnerKind kind);
const char* KindLabelEn(PartnerKind kind);

// A contact person of a partner, in the order the partner lists them.
struct Contact {
    std::string name;
    std::string title;  // position, e.g. "Director, International Cooperation Division"
    std::string email;  // "" when unknown
    std::string phone;  // "" when unknown
    friend bool operator==(const Contact&, const Contact&) = default;
};

// A foreign partner. Partners are shared by every province. A merged partner keeps its row with
// `merged_into` set, so that old links and addresses still resolve.
struct Partner {
    PartnerId id;
    PartnerKind kind = PartnerKind::kOther;
    std::string name_original;    // in the partner's own language and script ("경기도")
    std::string name_vi;          // required
    std::string name_en;          // "" when none
    std::string country_alpha2;   // ISO 3166-1 alpha-2; "" only for international organisations
    std::string country_name_vi;  // read from the country table; not written
    std::string country_name_en;  // read from the country table; not written
    std::string website;          // "" or an http(s) URL
    std::string notes;
    std::optional<PartnerId> merged_into;
    std::string created_at;  // ISO 8601 UTC
    std::string updated_at;  // ISO 8601 UTC
    std::int64_t version = 1;
    std::vector<Contact> contacts;
};

// One row of a partner list: the partner without its contacts, with the number of agreements
// that name it.
struct PartnerSummary {
    PartnerId id;
    PartnerKind kind = PartnerKind::kOther;
    std::string name_original;
    std::string name_vi;
    std::string name_en;
    std::string country_alpha2;
    std::string country_name_vi;
    std::string country_name_en;
    std::optional<PartnerId> merged_into;
    std::string updated_at;
    std::int64_t agreement_count = 0;
};

// A sister relation (kết nghĩa) between a foreign locality and a Vietnamese province of either
// generation (modules/geo): a relation signed before the 2025 merger names the old province.
struct SisterRelation {
    SisterRelationId id;
    PartnerId partner_id;
    geo::AdminUnitId admin_unit_id;
    std::string unit_name_vi;  // read from admin_unit; not written
    std::string unit_name_en;  // read from admin_unit; not written
    int unit_generation = 0;   // read from admin_unit; not written
    Date established_on = *Date::FromYmd(2000, 1, 1);
    std::optional<Date> ended_on;  // nullopt while the relation lasts
    std::string note;
};

// A partner as its page and GET /api/v1/partners/{id} show it.
struct PartnerDetail {
    Partner partner;
    std::vector<SisterRelation> sister_relations;  // by establishment date, then id
    std::optional<PartnerSummary> merged_into;     // set when this partner was merged
    std::vector<PartnerSummary> merged_from;       // the partners merged into this one
    std::int64_t agreement_count = 0;
};

}  // namespace ngoaivu::partners
