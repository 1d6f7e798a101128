#include "modules/partners/partner.hpp"

namespace ngoaivu::partners {

const char* KindName(PartnerKind kind) {
    switch (kind) {
        case PartnerKind::kCountry:
            return "country";
        case PartnerKind::kLocality:
            return "locality";
        case PartnerKind::kInternationalOrg:
            return "international_org";
        case PartnerKind::kCompany:
            return "company";
        case PartnerKind::kFund:
            return "fund";
        case PartnerKind::kUniversity:
            return "university";
        case PartnerKind::kNgo:
            return "ngo";
        case PartnerKind::kOther:
            return "other";
    }
    return "other";
}

std::optional<PartnerKind> ParseKind(std::string_view name) {
    for (PartnerKind k : kAllPartnerKinds) {
        if (name == KindName(k))
            return k;
    }
    return std::nullopt;
}

const char* KindLabelVi(PartnerKind kind) {
    switch (kind) {
        case PartnerKind::kCountry:
            return "Quốc gia";
        case PartnerKind::kLocality:
            return "Địa phương nước ngoài";
        case PartnerKind::kInternationalOrg:
            return "Tổ chức quốc tế";
        case PartnerKind::kCompany:
            return "Doanh nghiệp";
        case PartnerKind::kFund:
            return "Quỹ đầu tư";
        case PartnerKind::kUniversity:
            return "Trường đại học, viện nghiên cứu";
        case PartnerKind::kNgo:
            return "Tổ chức phi chính phủ nước ngoài";
        case PartnerKind::kOther:
            return "Khác";
    }
    return "Khác";
}

const char* KindLabelEn(PartnerKind kind) {
    switch (kind) {
        case PartnerKind::kCountry:
            return "Country";
        case PartnerKind::kLocality:
            return "Foreign locality";
        case PartnerKind::kInternationalOrg:
            return "International organisation";
        case PartnerKind::kCompany:
            return "Company";
        case PartnerKind::kFund:
            return "Investment fund";
        case PartnerKind::kUniversity:
            return "University or research institute";
        case PartnerKind::kNgo:
            return "Foreign NGO";
        case PartnerKind::kOther:
            return "Other";
    }
    return "Other";
}

}  // namespace ngoaivu::partners
