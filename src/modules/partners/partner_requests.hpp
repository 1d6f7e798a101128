#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "modules/partners/partner.hpp"

namespace ngoaivu::partners {

// POST /api/v1/partners, PUT /api/v1/partners/{id} and the partner form: the fields as typed.
// The service trims and NFC-normalises them and reports every problem at once.
struct CreatePartnerRequest {
    std::string kind;  // a KindName ("locality" ...)
    std::string name_original;
    std::string name_vi;
    std::string name_en;
    std::string country;  // alpha-2; "" only for an international organisation
    std::string website;
    std::string notes;
    std::vector<Contact> contacts;  // replaces the partner's contacts, in this order
};

// The same fields: an update replaces every one of them (and the contacts as a list).
using UpdatePartnerRequest = CreatePartnerRequest;

// Which partners a list shows. Every field may be empty (no filter).
struct PartnerFilter {
    std::string q;                // searched in the three names, with or without diacritics
    std::string kind;             // a KindName, or "" for every kind
    std::string country;          // alpha-2, or "" for every country
    bool include_merged = false;  // merged partners are hidden unless this is set
};

// The order of a partner list.
enum class PartnerSortKey {
    kName,     // name_vi in Vietnamese order
    kCountry,  // the country's Vietnamese name, then the name; no country last
    kUpdated,  // last change
};

struct PartnerSort {
    PartnerSortKey key = PartnerSortKey::kName;
    bool descending = false;
};

// The keys of ?sort= in the order the list shows its columns: "name", "country", "updated".
inline constexpr std::string_view kPartnerSortKeys[] = {"name", "country", "updated"};

// Reads ?sort=: a key of kPartnerSortKeys, ascending, or the key after '-' for descending
// ("-updated"); "" is the default order (by name). kInvalidArgument naming "sort" otherwise.
Result<PartnerSort> ParsePartnerSort(std::string_view value);
// The ?sort= value of `sort` ("name", "-updated" ...).
std::string SortParam(const PartnerSort& sort);

// How dates arrive: ISO (yyyy-mm-dd) from the API; ISO or dd/mm/yyyy from forms.
enum class DateInput { kIso, kIsoOrDisplay };

// POST /api/v1/partners/{id}/sister-relations and the form on a locality's page.
struct SisterRelationRequest {
    std::int64_t admin_unit_id = 0;  // a province of either generation (geo::AdminUnitId)
    std::string established_on;      // required
    std::string ended_on;            // "" while the relation lasts
    std::string note;
    DateInput dates = DateInput::kIso;
};

// POST /api/v1/sister-relations/{id}/end and the end form on a locality's page.
struct EndSisterRelationRequest {
    std::string ended_on;  // required
    DateInput dates = DateInput::kIso;
};

// A sister relation of the demo data set, naming its partner by the Vietnamese name of a demo
// partner.
struct DemoSisterRelation {
    std::string partner_name_vi;
    std::int64_t admin_unit_id = 0;
    std::string established_on;  // ISO
    std::string note;
};

}  // namespace ngoaivu::partners
