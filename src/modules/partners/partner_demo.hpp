#pragma once

#include <vector>

#include "modules/partners/partner_requests.hpp"

namespace ngoaivu::partners {

// The partners of the demo data set (`ngoaivu demo`): 70 foreign partners from 19 countries,
// with their names in the original language, in Vietnamese and in English: foreign localities,
// international organisations and development agencies, companies, funds, universities, NGOs,
// two countries and two trade bodies; a few with contact people (invented names, example.org
// addresses). The same list every time.
std::vector<CreatePartnerRequest> DemoPartners();

// Sister relations between some demo localities and Vietnamese provinces of either generation.
// Demo data: the pairs and dates look real but are not a record of actual relations.
std::vector<DemoSisterRelation> DemoSisterRelations();

}  // namespace ngoaivu::partners
