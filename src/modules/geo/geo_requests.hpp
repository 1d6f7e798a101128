#pragma once

#include <optional>
#include <string>

#include "base/date.hpp"
#include "base/page.hpp"

namespace ngoaivu::geo {

// GET /api/v1/provinces and the provinces page.
struct ListUnitsRequest {
    std::optional<Date> as_of;  // today when absent
    std::string q;              // searched with or without diacritics
    PageRequest page;
};

// GET /api/v1/provinces/{code}.
struct GetUnitRequest {
    std::string code;
    std::optional<Date> as_of;
};

// GET /api/v1/countries and the countries page.
struct ListCountriesRequest {
    std::string q;
    PageRequest page;
};

// GET /api/v1/organisations.
struct ListOrganisationsRequest {
    std::string kind;  // "" for all
    std::string q;
    PageRequest page;
};

}  // namespace ngoaivu::geo
