#include "modules/partners/partner_demo.hpp"

#include <utility>

namespace ngoaivu::partners {

namespace {

CreatePartnerRequest P(const char* kind, const char* original, const char* vi, const char* en,
                       const char* country, const char* website,
                       std::vector<Contact> contacts = {}) {
    CreatePartnerRequest r;
    r.kind = kind;
    r.name_original = original;
    r.name_vi = vi;
    r.name_en = en;
    r.country = country;
    r.website = website;
    r.contacts = std::move(contacts);
    return r;
}

}  // namespace

std::vector<CreatePartnerRequest> DemoPartners() {
    const char* loc = "locality";
    const char* org = "international_org";
    const char* com = "company";
    const char* fund = "fund";
    const char* uni = "university";
    const char* ngo = "ngo";
    return {
        // Foreign localities.
        P(loc, "경기도", "Tỉnh Gyeonggi", "Gyeonggi Province", "KR", "https://www.gg.go.kr",
          {{"Kim Min-jun", "Director, International Cooperation Division", "minjun.kim@example.org",
            "+82 31 8008 2114"}}),
        P(loc, "부산광역시", "Thành phố Busan", "Busan Metropolitan City", "KR",
          "https://www.busan.go.kr"),
        P(loc, "서울특별시", "Thành phố Seoul", "Seoul Metropolitan Government", "KR",
          "https://www.seoul.go.kr"),
        P(loc, "경상북도", "Tỉnh Gyeongsangbuk", "Gyeongsangbuk-do Province", "KR",
          "https://www.gb.go.kr"),
        P(loc, "大阪府", "Phủ Osaka", "Osaka Prefecture", "JP", "https://www.pref.osaka.lg.jp",
          {{"Tanaka Hiroshi", "International Affairs Division", "h.tanaka@example.org",
            "+81 6 6941 0351"}}),
        P(loc, "神奈川県", "Tỉnh Kanagawa", "Kanagawa Prefecture", "JP",
          "https://www.pref.kanagawa.jp"),
        P(loc, "福岡県", "Tỉnh Fukuoka", "Fukuoka Prefecture", "JP",
          "https://www.pref.fukuoka.lg.jp"),
        P(loc, "広島県", "Tỉnh Hiroshima", "Hiroshima Prefecture", "JP",
          "https://www.pref.hiroshima.lg.jp"),
        P(loc, "云南省", "Tỉnh Vân Nam", "Yunnan Province", "CN", "https://www.yn.gov.cn",
          {{"Li Wei", "Foreign Affairs Office", "li.wei@example.org", "+86 871 6399 4151"}}),
        P(loc, "广西壮族自治区", "Khu tự trị dân tộc Choang Quảng Tây",
          "Guangxi Zhuang Autonomous Region", "CN", "http://www.gxzf.gov.cn"),
        P(loc, "广东省", "Tỉnh Quảng Đông", "Guangdong Province", "CN", "http://www.gd.gov.cn"),
        P(loc, "ນະຄອນຫຼວງວຽງຈັນ", "Thủ đô Viêng Chăn", "Vientiane Capital", "LA", ""),
        P(loc, "ແຂວງຈຳປາສັກ", "Tỉnh Chăm-pa-xắc", "Champasak Province", "LA", ""),
        P(loc, "ແຂວງສະຫວັນນະເຂດ", "Tỉnh Xa-vẳn-na-khẹt", "Savannakhet Province", "LA", ""),
        P(loc, "ແຂວງຫຼວງພະບາງ", "Tỉnh Luông Pha Bang", "Luang Prabang Province", "LA", ""),
        P(loc, "រាជធានីភ្នំពេញ", "Thủ đô Phnôm Pênh", "Phnom Penh Capital", "KH",
          "https://phnompenh.gov.kh"),
        P(loc, "ខេត្តសៀមរាប", "Tỉnh Xiêm Riệp", "Siem Reap Province", "KH", ""),
        P(loc, "Санкт-Петербург", "Thành phố Xanh Pê-téc-bua", "Saint Petersburg", "RU",
          "https://www.gov.spb.ru"),
        P(loc, "Île-de-France", "Vùng Île-de-France", "Île-de-France Region", "FR",
          "https://www.iledefrance.fr",
          {{"Claire Dubois", "Chargée de mission Asie du Sud-Est", "claire.dubois@example.org",
            "+33 1 53 85 53 85"}}),
        P(loc, "Toulouse", "Thành phố Toulouse", "City of Toulouse", "FR",
          "https://www.toulouse.fr"),
        P(loc, "Queensland", "Bang Queensland", "State of Queensland", "AU",
          "https://www.qld.gov.au"),
        P(loc, "California", "Bang California", "State of California", "US", "https://www.ca.gov"),
        P(loc, "Freistaat Bayern", "Bang Bayern", "Free State of Bavaria", "DE",
          "https://www.bayern.de"),
        P(loc, "จังหวัดเชียงใหม่", "Tỉnh Chiang Mai", "Chiang Mai Province", "TH",
          "https://www.chiangmai.go.th"),
        P(loc, "La Habana", "Thành phố La Habana", "Havana", "CU", ""),

        // International organisations and development agencies.
        P(org, "United Nations Development Programme", "Chương trình Phát triển Liên Hợp Quốc",
          "United Nations Development Programme (UNDP)", "", "https://www.undp.org",
          {{"Nguyễn Thị Lan", "Programme Analyst", "lan.nguyen@example.org", "+84 24 3850 0100"}}),
        P(org, "World Bank", "Ngân hàng Thế giới", "World Bank", "", "https://www.worldbank.org"),
        P(org, "Asian Development Bank", "Ngân hàng Phát triển châu Á",
          "Asian Development Bank (ADB)", "", "https://www.adb.org"),
        P(org, "United Nations Children's Fund", "Quỹ Nhi đồng Liên Hợp Quốc",
          "United Nations Children's Fund (UNICEF)", "", "https://www.unicef.org"),
        P(org, "World Health Organization", "Tổ chức Y tế Thế giới",
          "World Health Organization (WHO)", "", "https://www.who.int"),
        P(org, "Food and Agriculture Organization of the United Nations",
          "Tổ chức Lương thực và Nông nghiệp Liên Hợp Quốc",
          "Food and Agriculture Organization of the United Nations (FAO)", "",
          "https://www.fao.org"),
        P(org, "United Nations Educational, Scientific and Cultural Organization",
          "Tổ chức Giáo dục, Khoa học và Văn hóa Liên Hợp Quốc",
          "United Nations Educational, Scientific and Cultural Organization (UNESCO)", "",
          "https://www.unesco.org"),
        P(org, "International Organization for Migration", "Tổ chức Di cư Quốc tế",
          "International Organization for Migration (IOM)", "", "https://www.iom.int"),
        P(org, "United Nations Population Fund", "Quỹ Dân số Liên Hợp Quốc",
          "United Nations Population Fund (UNFPA)", "", "https://www.unfpa.org"),
        P(org, "ASEAN Secretariat", "Ban Thư ký ASEAN", "ASEAN Secretariat", "",
          "https://asean.org"),
        P(org, "独立行政法人国際協力機構", "Cơ quan Hợp tác Quốc tế Nhật Bản",
          "Japan International Cooperation Agency (JICA)", "JP", "https://www.jica.go.jp",
          {{"Sato Yuki", "Senior Representative, JICA Viet Nam Office", "sato.yuki@example.org",
            "+84 24 3831 5005"}}),
        P(org, "한국국제협력단", "Cơ quan Hợp tác Quốc tế Hàn Quốc",
          "Korea International Cooperation Agency (KOICA)", "KR", "https://www.koica.go.kr"),
        P(org, "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH",
          "Tổ chức Hợp tác Quốc tế Đức", "German Agency for International Cooperation (GIZ)", "DE",
          "https://www.giz.de"),
        P(org, "Agence française de développement", "Cơ quan Phát triển Pháp",
          "French Development Agency (AFD)", "FR", "https://www.afd.fr"),

        // Companies.
        P(com, "삼성전자", "Công ty Samsung Electronics", "Samsung Electronics Co., Ltd.", "KR",
          "https://www.samsung.com"),
        P(com, "LG디스플레이", "Công ty LG Display", "LG Display Co., Ltd.", "KR",
          "https://www.lgdisplay.com"),
        P(com, "キヤノン株式会社", "Công ty Canon", "Canon Inc.", "JP", "https://global.canon"),
        P(com, "イオン株式会社", "Tập đoàn AEON", "AEON Co., Ltd.", "JP", "https://www.aeon.info"),
        P(com, "鴻海精密工業股份有限公司", "Tập đoàn Hồng Hải (Foxconn)",
          "Hon Hai Precision Industry Co., Ltd. (Foxconn)", "TW", "https://www.foxconn.com"),
        P(com, "Siemens AG", "Tập đoàn Siemens", "Siemens AG", "DE", "https://www.siemens.com"),
        P(com, "Tata Consultancy Services Limited", "Công ty Tata Consultancy Services",
          "Tata Consultancy Services", "IN", "https://www.tcs.com"),
        P(com, "LEGO A/S", "Tập đoàn LEGO", "The LEGO Group", "DK", "https://www.lego.com"),

        // Funds.
        P(fund, "Temasek Holdings", "Quỹ đầu tư Temasek", "Temasek Holdings", "SG",
          "https://www.temasek.com.sg"),
        P(fund, "GIC Private Limited", "Quỹ đầu tư GIC", "GIC Private Limited", "SG",
          "https://www.gic.com.sg"),
        P(fund, "한국투자공사", "Tổng công ty Đầu tư Hàn Quốc", "Korea Investment Corporation",
          "KR", "https://www.kic.kr"),
        P(fund, "Norfund", "Quỹ Đầu tư cho các nước đang phát triển của Na Uy",
          "Norwegian Investment Fund for Developing Countries (Norfund)", "NO",
          "https://www.norfund.no"),

        // Universities.
        P(uni, "서울대학교", "Trường Đại học Quốc gia Seoul", "Seoul National University", "KR",
          "https://www.snu.ac.kr"),
        P(uni, "東京大学", "Trường Đại học Tokyo", "The University of Tokyo", "JP",
          "https://www.u-tokyo.ac.jp"),
        P(uni, "清华大学", "Trường Đại học Thanh Hoa", "Tsinghua University", "CN",
          "https://www.tsinghua.edu.cn"),
        P(uni, "RMIT University", "Trường Đại học RMIT", "RMIT University", "AU",
          "https://www.rmit.edu.au"),
        P(uni, "Sorbonne Université", "Trường Đại học Sorbonne", "Sorbonne University", "FR",
          "https://www.sorbonne-universite.fr"),
        P(uni, "National University of Singapore", "Trường Đại học Quốc gia Singapore",
          "National University of Singapore", "SG", "https://www.nus.edu.sg"),
        P(uni, "Московский государственный университет имени М. В. Ломоносова",
          "Trường Đại học Tổng hợp Quốc gia Mát-xcơ-va mang tên Lô-mô-nô-xốp",
          "Lomonosov Moscow State University", "RU", "https://www.msu.ru"),
        P(uni, "จุฬาลงกรณ์มหาวิทยาลัย", "Trường Đại học Chulalongkorn", "Chulalongkorn University",
          "TH", "https://www.chula.ac.th"),
        P(uni, "Wageningen University & Research", "Trường Đại học Wageningen",
          "Wageningen University & Research", "NL", "https://www.wur.nl"),

        // Foreign NGOs.
        P(ngo, "Oxfam", "Tổ chức Oxfam", "Oxfam GB", "GB", "https://www.oxfam.org.uk"),
        P(ngo, "Save the Children", "Tổ chức Cứu trợ Trẻ em", "Save the Children International",
          "GB", "https://www.savethechildren.net"),
        P(ngo, "Plan International", "Tổ chức Plan International", "Plan International", "GB",
          "https://plan-international.org"),
        P(ngo, "World Vision", "Tổ chức Tầm nhìn Thế giới", "World Vision International", "US",
          "https://www.wvi.org"),
        P(ngo, "The Asia Foundation", "Quỹ Châu Á", "The Asia Foundation", "US",
          "https://asiafoundation.org"),
        P(ngo, "Konrad-Adenauer-Stiftung", "Quỹ Konrad Adenauer", "Konrad Adenauer Foundation",
          "DE", "https://www.kas.de"),

        // Countries and trade bodies.
        P("country", "日本国", "Nhật Bản", "Japan", "JP", "https://www.mofa.go.jp"),
        P("country", "대한민국", "Hàn Quốc", "Republic of Korea", "KR", "https://www.mofa.go.kr"),
        P("other", "日本貿易振興機構", "Tổ chức Xúc tiến Thương mại Nhật Bản",
          "Japan External Trade Organization (JETRO)", "JP", "https://www.jetro.go.jp"),
        P("other", "대한상공회의소", "Phòng Thương mại và Công nghiệp Hàn Quốc",
          "Korea Chamber of Commerce and Industry (KCCI)", "KR", "https://www.korcham.net"),
    };
}

std::vector<DemoSisterRelation> DemoSisterRelations() {
    // Demo data, not a record: admin unit ids are generation * 1000 + GSO code (1001 is Hà Nội
    // before the 2025 merger, 2080 the new Tây Ninh after it).
    return {
        {"Tỉnh Gyeonggi", 1001, "2016-05-12", "Thỏa thuận hợp tác hữu nghị (dữ liệu mẫu)"},
        {"Thành phố Busan", 1079, "1995-11-03", "Dữ liệu mẫu"},
        {"Thành phố Seoul", 1001, "2013-10-08", "Dữ liệu mẫu"},
        {"Tỉnh Gyeongsangbuk", 1046, "2009-04-21", "Dữ liệu mẫu"},
        {"Phủ Osaka", 1079, "2014-02-25", "Dữ liệu mẫu"},
        {"Tỉnh Kanagawa", 1080, "2017-07-06", "Dữ liệu mẫu"},
        {"Tỉnh Kanagawa", 2080, "2025-09-15", "Kế thừa sau sáp nhập (dữ liệu mẫu)"},
        {"Tỉnh Fukuoka", 1031, "2012-09-19", "Dữ liệu mẫu"},
        {"Tỉnh Hiroshima", 2024, "2025-10-10", "Dữ liệu mẫu"},
        {"Tỉnh Vân Nam", 1010, "2008-06-18", "Dữ liệu mẫu"},
        {"Khu tự trị dân tộc Choang Quảng Tây", 1020, "2011-12-02", "Dữ liệu mẫu"},
        {"Khu tự trị dân tộc Choang Quảng Tây", 1022, "2011-12-02", "Dữ liệu mẫu"},
        {"Thủ đô Viêng Chăn", 1001, "2004-03-29", "Dữ liệu mẫu"},
        {"Tỉnh Chăm-pa-xắc", 1048, "2010-08-24", "Dữ liệu mẫu"},
        {"Tỉnh Xa-vẳn-na-khẹt", 1045, "2007-01-16", "Dữ liệu mẫu"},
        {"Tỉnh Luông Pha Bang", 1046, "2015-11-11", "Dữ liệu mẫu"},
        {"Thủ đô Phnôm Pênh", 1079, "1999-04-05", "Dữ liệu mẫu"},
        {"Tỉnh Xiêm Riệp", 1056, "2018-06-01", "Dữ liệu mẫu"},
        {"Thành phố Xanh Pê-téc-bua", 1079, "2003-09-09", "Dữ liệu mẫu"},
        {"Vùng Île-de-France", 1001, "2006-10-16", "Dữ liệu mẫu"},
        {"Thành phố Toulouse", 1048, "2019-03-20", "Dữ liệu mẫu"},
        {"Bang Queensland", 1056, "2016-08-30", "Dữ liệu mẫu"},
        {"Bang California", 2079, "2025-11-20", "Dữ liệu mẫu"},
        {"Tỉnh Chiang Mai", 1080, "2018-03-12", "Dữ liệu mẫu"},
    };
}

}  // namespace ngoaivu::partners
