// PartnerService on a migrated database with the reference data: creating, editing, listing and
// searching partners, optimistic locking, merging duplicates with every link, sister relations
// and province scope, the audit trail, and that refused input writes nothing. Runs on SQLite and
// on PostgreSQL (tests/CMakeLists.txt, BOTH_BACKENDS).
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/text.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/geo/reference_data.hpp"
#include "modules/partners/partner_demo.hpp"
#include "modules/partners/partner_repository.hpp"
#include "modules/partners/partner_service.hpp"
#include "storage/migrator.hpp"
#include "support/database_test.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::partners {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// Every field named by `e` (main field and field list).
std::set<std::string> FieldsOf(const Error& e) {
    std::set<std::string> out;
    for (const auto& f : e.fields)
        out.insert(f.field);
    return out;
}

std::vector<std::string> NamesOf(const Page<PartnerSummary>& page) {
    std::vector<std::string> out;
    for (const auto& p : page.items)
        out.push_back(p.name_vi);
    return out;
}

CreatePartnerRequest Req(std::string kind, std::string name_vi, std::string country,
                         std::string name_en = "", std::string original = "") {
    CreatePartnerRequest r;
    r.kind = std::move(kind);
    r.name_vi = std::move(name_vi);
    r.country = std::move(country);
    r.name_en = std::move(name_en);
    r.name_original = std::move(original);
    return r;
}

Actor WithRole(Role role, std::set<std::int64_t> units = {}, bool all = false) {
    Actor a;
    a.user_id = 77;
    a.login = std::string("test-") + RoleName(role);
    a.grants.push_back(RoleGrant{role, all, std::move(units), {}});
    return a;
}

class PartnersTest : public testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        storage::Migrate(db(), storage::LoadMigrations(EmbeddedMigrations(), db().backend()));
        geo::LoadReferenceData(db(), testing::kIsoCodesJson);
        audit_ = std::make_unique<audit::AuditService>(db(), audit_repo_, clock_);
        service_ = std::make_unique<PartnerService>(db(), repo_, *audit_, clock_);
    }

    PartnerService& service() { return *service_; }

    PartnerDetail Create(const CreatePartnerRequest& r) { return Create(r, admin_); }
    PartnerDetail Create(const CreatePartnerRequest& r, const Actor& actor) {
        auto created = service().Create(actor, r);
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message_en);
        return created.ok() ? *created : PartnerDetail{};
    }

    Page<PartnerSummary> List(PartnerFilter filter, PartnerSort sort = {},
                              PageRequest page = {1, 50}) {
        auto r = service().List(viewer_, filter, sort, page);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
        return r.ok() ? *r : Page<PartnerSummary>{};
    }

    Page<PartnerSummary> Search(const std::string& q) {
        PartnerFilter f;
        f.q = q;
        return List(f);
    }

    // A user made through the account service, and its actor with the scope expanded over the
    // 2025 merger exactly as sign-in does it.
    Actor UserActor(const std::string& login, const std::string& role,
                    std::vector<std::string> provinces) {
        accounts::AccountsConfig config;
        config.cost = accounts::kTestCost;
        config.dictionary = "";
        accounts::AccountService accounts(db(), account_repo_, *audit_, clock_, config);
        accounts::CreateUserRequest r;
        r.login = login;
        r.display_name = login;
        r.password = "Kiem-thu-doi-tac-2025";
        r.roles = {role};
        r.province_codes = std::move(provinces);
        auto created = accounts.CreateUser(Actor::System("test"), r);
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message_en);
        auto tx = db().Begin(storage::TxMode::kRead);
        return accounts.ActorFor(*tx, created->user, {"10.0.0.1", "test", "req-1"});
    }

    // A minimal agreement (every NOT NULL column) of Hà Nội, linked to `partners`.
    std::int64_t AddAgreement(const std::string& title, std::vector<PartnerId> partners) {
        auto tx = db().Begin(storage::TxMode::kWrite);
        auto row = tx->QueryOne(
            "INSERT INTO agreement (title_vi, form, party_kind, party_name, admin_unit_id, "
            "current_unit_id, procedure, status, search_text, created_at, updated_at) "
            "VALUES ($1, 'mou', 'ubnd', 'Ủy ban nhân dân thành phố Hà Nội', 2001, 2001, "
            "'normal', 'draft', $2, '2025-08-01T00:00:00.000Z', '2025-08-01T00:00:00.000Z') "
            "RETURNING id",
            {title, text::Fold(title)});
        std::int64_t id = row->Int(0);
        for (PartnerId p : partners) {
            tx->Exec("INSERT INTO agreement_partner (agreement_id, partner_id) VALUES ($1, $2)",
                     {id, p.value});
        }
        tx->Commit();
        return id;
    }

    std::vector<std::int64_t> AgreementsOf(PartnerId p) {
        auto tx = db().Begin(storage::TxMode::kRead);
        std::vector<std::int64_t> out;
        for (const auto& r : tx->Query("SELECT agreement_id FROM agreement_partner WHERE "
                                       "partner_id = $1 ORDER BY agreement_id",
                                       {p.value})) {
            out.push_back(r.Int(0));
        }
        return out;
    }

    // The audit entries about `entity`, oldest first.
    std::vector<audit::AuditEntry> Entries(const std::string& entity) {
        audit::AuditFilter f;
        f.entity = entity;
        auto page = audit_->List(admin_, f, {1, 200});
        EXPECT_TRUE(page.ok());
        std::vector<audit::AuditEntry> out(page->items.rbegin(), page->items.rend());
        return out;
    }

    FakeClock clock_{testing::UtcTime(2025, 8, 1, 3)};
    audit::SqlAuditRepository audit_repo_;
    accounts::SqlAccountRepository account_repo_;
    SqlPartnerRepository repo_;
    std::unique_ptr<audit::AuditService> audit_;
    std::unique_ptr<PartnerService> service_;
    Actor admin_ = Actor::System("test");
    Actor viewer_ = WithRole(Role::kViewer, {}, true);
};

TEST_F(PartnersTest, CreateStoresNormalisedNamesContactsAndOneAuditEntry) {
    // "Vân Nam" typed decomposed (NFD: a + combining circumflex), with spaces around it.
    CreatePartnerRequest r =
        Req("locality", "  Tỉnh Va\xCC\x82n Nam \t", " CN ", "Yunnan Province", "云南省");
    r.website = " https://www.yn.gov.cn ";
    r.contacts = {{" Li Wei ", "Foreign Affairs Office", " li.wei@example.org ", "+86 871 6399"}};
    PartnerDetail d = Create(r);
    EXPECT_EQ(d.partner.name_vi, "Tỉnh Vân Nam");
    EXPECT_EQ(d.partner.country_alpha2, "CN");
    EXPECT_EQ(d.partner.country_name_vi, "Trung Quốc");
    EXPECT_EQ(d.partner.website, "https://www.yn.gov.cn");
    EXPECT_EQ(d.partner.version, 1);
    ASSERT_EQ(d.partner.contacts.size(), 1u);
    EXPECT_EQ(d.partner.contacts[0].name, "Li Wei");
    EXPECT_EQ(d.partner.contacts[0].email, "li.wei@example.org");
    auto got = service().Get(viewer_, d.partner.id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->partner.name_original, "云南省");
    EXPECT_EQ(got->agreement_count, 0);
    auto entries = Entries("partner");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "create");
    EXPECT_EQ(entries[0].entity_id, std::to_string(d.partner.id.value));
    EXPECT_EQ(entries[0].before_json, "null");
    auto after = nlohmann::json::parse(entries[0].after_json);
    EXPECT_EQ(after["name_vi"], "Tỉnh Vân Nam");
    EXPECT_EQ(after["contacts"][0]["email"], "li.wei@example.org");
}

TEST_F(PartnersTest, RefusedInputNamesEveryFieldInBothLanguagesAndWritesNothing) {
    CreatePartnerRequest r = Req("spaceship", "   ", "ZZ");
    r.name_en = std::string(301, 'a');
    r.website = "ftp://example.org";
    r.contacts = {{"", "", "khong-hop-le@", "0912 abc"}};
    auto created = service().Create(admin_, r);
    ASSERT_FALSE(created.ok());
    const Error& e = created.error();
    EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(e.field, "kind");
    EXPECT_THAT(FieldsOf(e),
                UnorderedElementsAre("kind", "name_vi", "name_en", "country", "website",
                                     "contacts[0].name", "contacts[0].email", "contacts[0].phone"));
    for (const auto& f : e.fields) {
        EXPECT_FALSE(f.message_vi.empty()) << f.field;
        EXPECT_FALSE(f.message_en.empty()) << f.field;
        EXPECT_NE(f.message_vi, f.message_en) << f.field;
    }
    EXPECT_EQ(Count("partner"), 0);
    EXPECT_EQ(Count("partner_contact"), 0);
    EXPECT_EQ(Count("audit_log"), 0);
}

TEST_F(PartnersTest, CountryIsRequiredExceptForInternationalOrganisations) {
    auto company = service().Create(admin_, Req("company", "Công ty không quốc gia", ""));
    ASSERT_FALSE(company.ok());
    EXPECT_EQ(company.error().field, "country");
    auto lower = service().Create(admin_, Req("company", "Công ty mã thường", "kr"));
    ASSERT_FALSE(lower.ok());
    EXPECT_EQ(lower.error().field, "country");
    PartnerDetail undp =
        Create(Req("international_org", "Chương trình Phát triển Liên Hợp Quốc", ""));
    EXPECT_EQ(undp.partner.country_alpha2, "");
    PartnerDetail jica = Create(Req("international_org", "Cơ quan Hợp tác Quốc tế Nhật Bản", "JP"));
    EXPECT_EQ(jica.partner.country_alpha2, "JP");
}

TEST_F(PartnersTest, WebsitesEmailsAndPhonesFollowTheirRules) {
    for (const char* ok : {"", "http://example.org", "HTTPS://example.org/a?b=c#d"}) {
        CreatePartnerRequest r = Req("company", std::string("Công ty ") + ok, "JP");
        r.website = ok;
        EXPECT_TRUE(service().Create(admin_, r).ok()) << ok;
    }
    for (const char* bad :
         {"example.org", "https://", "https:///x", "javascript:alert(1)", "https://exa mple.org"}) {
        CreatePartnerRequest r = Req("company", "Công ty web sai", "JP");
        r.website = bad;
        auto e = service().Create(admin_, r);
        ASSERT_FALSE(e.ok()) << bad;
        EXPECT_EQ(e.error().field, "website") << bad;
    }
    CreatePartnerRequest r = Req("company", "Công ty liên hệ", "JP");
    r.contacts = {{"A", "", "a@example.org", "+84 (24) 3825-1234"},
                  {"B", "", "", "024.3825.1234"},
                  {"C", "", "c@@example.org", "+84"},
                  {"D", "", "d@example", "phone"}};
    auto e = service().Create(admin_, r);
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(FieldsOf(e.error()), UnorderedElementsAre("contacts[2].email", "contacts[3].email",
                                                          "contacts[3].phone"));
}

TEST_F(PartnersTest, SearchFindsAPartnerWithOrWithoutDiacriticsInAnyOfItsNames) {
    Create(Req("locality", "Tỉnh Vân Nam", "CN", "Yunnan Province", "云南省"));
    Create(Req("locality", "Tỉnh Gyeonggi", "KR", "Gyeonggi Province", "경기도"));
    Create(Req("locality", "Thành phố Đà Nẵng giả định", "JP", "Fictional city"));
    for (const char* q :
         {"vân nam", "van nam", "VAN NAM", "Vân Nam", "yunnan", "云南", "tinh van"}) {
        EXPECT_THAT(NamesOf(Search(q)), ElementsAre("Tỉnh Vân Nam")) << q;
    }
    EXPECT_THAT(NamesOf(Search("경기")), ElementsAre("Tỉnh Gyeonggi"));
    EXPECT_THAT(NamesOf(Search("da nang")), ElementsAre("Thành phố Đà Nẵng giả định"));
    EXPECT_EQ(Search("100%").total, 0);  // % is taken literally
    EXPECT_EQ(Search("_").total, 0);
    EXPECT_EQ(Search("").total, 3);
}

TEST_F(PartnersTest, NamesSortInVietnameseOrder) {
    for (const char* name : {"Đức Minh", "Dương Quang", "Âu Lạc", "Ăn Khang", "An Bình", "Bình An",
                             "Anh Đào", "Ân Tình"}) {
        Create(Req("company", name, "JP"));
    }
    // a < ă < â, d < đ; whole names compare letter by letter.
    std::vector<std::string> expected = {"An Bình", "Anh Đào", "Ăn Khang",    "Ân Tình",
                                         "Âu Lạc",  "Bình An", "Dương Quang", "Đức Minh"};
    EXPECT_EQ(NamesOf(List({})), expected);
    std::reverse(expected.begin(), expected.end());
    EXPECT_EQ(NamesOf(List({}, {PartnerSortKey::kName, true})), expected);
}

TEST_F(PartnersTest, SortsByCountryAndByLastChange) {
    Create(Req("company", "Công ty Nhật", "JP"));             // Nhật Bản
    Create(Req("company", "Công ty Hàn", "KR"));              // Hàn Quốc
    Create(Req("international_org", "Tổ chức quốc tế", ""));  // no country: last
    clock_.Advance(std::chrono::hours(1));
    Create(Req("company", "Công ty Anh", "GB"));  // Vương quốc Anh
    EXPECT_THAT(NamesOf(List({}, {PartnerSortKey::kCountry, false})),
                ElementsAre("Công ty Hàn", "Công ty Nhật", "Công ty Anh", "Tổ chức quốc tế"));
    EXPECT_THAT(NamesOf(List({}, {PartnerSortKey::kCountry, true})),
                ElementsAre("Công ty Anh", "Công ty Nhật", "Công ty Hàn", "Tổ chức quốc tế"));
    EXPECT_EQ(NamesOf(List({}, {PartnerSortKey::kUpdated, true})).front(), "Công ty Anh");
    EXPECT_EQ(NamesOf(List({}, {PartnerSortKey::kUpdated, false})).back(), "Công ty Anh");
}

TEST_F(PartnersTest, FiltersByKindAndCountryAndPagesWithTotals) {
    for (int i = 0; i < 23; ++i)
        Create(Req("company", "Công ty số " + std::to_string(100 + i), "KR"));
    for (int i = 0; i < 4; ++i)
        Create(Req("university", "Trường số " + std::to_string(i), "KR"));
    Create(Req("company", "Công ty Nhật", "JP"));
    PartnerFilter companies;
    companies.kind = "company";
    companies.country = "KR";
    auto first = List(companies, {}, {1, 10});
    EXPECT_EQ(first.total, 23);
    EXPECT_EQ(first.items.size(), 10u);
    EXPECT_EQ(first.pages(), 3);
    auto last = List(companies, {}, {3, 10});
    EXPECT_EQ(last.items.size(), 3u);
    EXPECT_EQ(last.items.back().name_vi, "Công ty số 122");
    auto beyond = List(companies, {}, {9, 10});
    EXPECT_EQ(beyond.total, 23);
    EXPECT_TRUE(beyond.items.empty());
    PartnerFilter korea;
    korea.country = "KR";
    EXPECT_EQ(List(korea).total, 27);
    PartnerFilter none;
    none.country = "FR";
    EXPECT_EQ(List(none).total, 0);
}

TEST_F(PartnersTest, ListRefusesBadFiltersNamingThem) {
    PartnerFilter kind;
    kind.kind = "planet";
    auto a = service().List(viewer_, kind, {}, {1, 50});
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().field, "kind");
    PartnerFilter country;
    country.country = "kor";
    auto b = service().List(viewer_, country, {}, {1, 50});
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().field, "country");
    PartnerFilter q;
    q.q = std::string(101, 'a');
    auto c = service().List(viewer_, q, {}, {1, 50});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().field, "q");
    EXPECT_FALSE(ParsePartnerSort("price").ok());
    EXPECT_EQ(ParsePartnerSort("price").error().field, "sort");
    EXPECT_EQ(ParsePartnerSort("-updated")->key, PartnerSortKey::kUpdated);
    EXPECT_TRUE(ParsePartnerSort("-updated")->descending);
    EXPECT_EQ(SortParam(*ParsePartnerSort("-country")), "-country");
}

TEST_F(PartnersTest, UpdateReplacesFieldsAndContactsAndRecordsBeforeAndAfter) {
    CreatePartnerRequest r = Req("locality", "Tỉnh Gyeonggi", "KR", "Gyeonggi Province");
    r.contacts = {{"Kim Min-jun", "Director", "kim@example.org", ""},
                  {"Lee Ji-eun", "", "", "+82 31 1234"}};
    PartnerDetail d = Create(r);
    clock_.Advance(std::chrono::minutes(5));
    r.name_en = "Gyeonggi-do";
    r.contacts = {{"Park Seo-yeon", "Deputy Director", "", ""}};
    auto updated = service().Update(admin_, d.partner.id, 1, r);
    ASSERT_TRUE(updated.ok()) << updated.error().message_en;
    EXPECT_EQ(updated->partner.version, 2);
    EXPECT_EQ(updated->partner.name_en, "Gyeonggi-do");
    EXPECT_NE(updated->partner.updated_at, d.partner.updated_at);
    ASSERT_EQ(updated->partner.contacts.size(), 1u);
    EXPECT_EQ(updated->partner.contacts[0].name, "Park Seo-yeon");
    EXPECT_EQ(Count("partner_contact"), 1);
    auto entries = Entries("partner");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].action, "update");
    auto before = nlohmann::json::parse(entries[1].before_json);
    auto after = nlohmann::json::parse(entries[1].after_json);
    EXPECT_EQ(before["name_en"], "Gyeonggi Province");
    EXPECT_EQ(before["contacts"].size(), 2u);
    EXPECT_EQ(after["name_en"], "Gyeonggi-do");
    EXPECT_EQ(after["version"], 2);
    // Searching uses the new names.
    EXPECT_EQ(Search("gyeonggi-do").total, 1);
}

TEST_F(PartnersTest, AStaleVersionIsAConflictOnVersionAndWritesNothing) {
    CreatePartnerRequest r = Req("company", "Công ty Canon", "JP");
    PartnerDetail d = Create(r);
    CreatePartnerRequest first = r;
    first.name_en = "Canon Inc.";
    ASSERT_TRUE(service().Update(admin_, d.partner.id, 1, first).ok());
    CreatePartnerRequest second = r;
    second.notes = "Sửa từ một thẻ cũ";
    auto stale = service().Update(admin_, d.partner.id, 1, second);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    EXPECT_EQ(stale.error().field, "version");
    auto now = service().Get(viewer_, d.partner.id);
    EXPECT_EQ(now->partner.version, 2);
    EXPECT_EQ(now->partner.name_en, "Canon Inc.");
    EXPECT_EQ(now->partner.notes, "");
    EXPECT_EQ(Entries("partner").size(), 2u);  // create and the first update only
    auto zero = service().Update(admin_, d.partner.id, 0, second);
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().field, "version");
}

TEST_F(PartnersTest, AnUpdateThatChangesNothingWritesNothing) {
    CreatePartnerRequest r = Req("company", "Công ty AEON", "JP");
    PartnerDetail d = Create(r);
    r.name_vi = "  Công ty AEON ";  // the same once trimmed
    auto same = service().Update(admin_, d.partner.id, 1, r);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->partner.version, 1);
    EXPECT_EQ(Entries("partner").size(), 1u);
}

TEST_F(PartnersTest, MergeMovesEveryLinkToTheTargetInOneAuditedStep) {
    CreatePartnerRequest a = Req("locality", "Tỉnh Kyonggi", "KR");
    a.contacts = {{"Kim Min-jun", "", "", ""}};
    CreatePartnerRequest b = Req("locality", "Tỉnh Gyeonggi", "KR", "Gyeonggi Province");
    b.contacts = {{"Lee Ji-eun", "", "", ""}, {"Park Seo-yeon", "", "", ""}};
    PartnerDetail source = Create(a);
    PartnerDetail target = Create(b);
    PartnerDetail older = Create(Req("locality", "Kyŏnggi-do", "KR"));
    ASSERT_TRUE(service().Merge(admin_, older.partner.id, source.partner.id).ok());
    std::int64_t only_source = AddAgreement("Thỏa thuận 1", {source.partner.id});
    std::int64_t both = AddAgreement("Thỏa thuận 2", {source.partner.id, target.partner.id});
    std::int64_t only_target = AddAgreement("Thỏa thuận 3", {target.partner.id});
    ASSERT_TRUE(service()
                    .AddSisterRelation(admin_, source.partner.id,
                                       {1027, "2010-05-01", "", "", DateInput::kIso})
                    .ok());
    ASSERT_TRUE(service()
                    .AddSisterRelation(admin_, source.partner.id,
                                       {1001, "2012-01-01", "", "", DateInput::kIso})
                    .ok());
    ASSERT_TRUE(service()
                    .AddSisterRelation(admin_, target.partner.id,
                                       {1001, "2012-01-01", "", "", DateInput::kIso})
                    .ok());
    std::int64_t entries_before = Count("audit_log");

    auto merged = service().Merge(admin_, source.partner.id, target.partner.id);
    ASSERT_TRUE(merged.ok()) << merged.error().message_en;
    EXPECT_EQ(merged->partner.id, target.partner.id);
    EXPECT_THAT(AgreementsOf(target.partner.id), ElementsAre(only_source, both, only_target));
    EXPECT_TRUE(AgreementsOf(source.partner.id).empty());
    EXPECT_EQ(merged->agreement_count, 3);
    std::vector<std::int64_t> units;
    for (const auto& r : merged->sister_relations)
        units.push_back(r.admin_unit_id.value);
    EXPECT_THAT(units, ElementsAre(1027, 1001));  // the duplicate (1001, 2012-01-01) kept once
    ASSERT_EQ(merged->partner.contacts.size(), 3u);
    EXPECT_EQ(merged->partner.contacts[0].name, "Lee Ji-eun");
    EXPECT_EQ(merged->partner.contacts[2].name, "Kim Min-jun");  // appended
    EXPECT_EQ(merged->partner.version, target.partner.version + 1);
    ASSERT_EQ(merged->merged_from.size(), 2u);  // the source, and what was merged into it

    auto gone = service().Get(viewer_, source.partner.id);
    ASSERT_TRUE(gone.ok());
    ASSERT_TRUE(gone->partner.merged_into.has_value());
    EXPECT_EQ(*gone->partner.merged_into, target.partner.id);
    ASSERT_TRUE(gone->merged_into.has_value());
    EXPECT_EQ(gone->merged_into->name_vi, "Tỉnh Gyeonggi");
    EXPECT_TRUE(gone->partner.contacts.empty());
    auto oldest = service().Get(viewer_, older.partner.id);
    EXPECT_EQ(*oldest->partner.merged_into, target.partner.id);  // one hop, never a chain

    EXPECT_THAT(NamesOf(Search("gyeonggi")), ElementsAre("Tỉnh Gyeonggi"));
    EXPECT_THAT(NamesOf(Search("kyonggi")), ElementsAre());
    PartnerFilter all;
    all.q = "kyonggi";
    all.include_merged = true;
    EXPECT_EQ(List(all).total, 2);

    EXPECT_EQ(Count("audit_log"), entries_before + 1);
    auto entry = Entries("partner").back();
    EXPECT_EQ(entry.action, "merge");
    EXPECT_EQ(entry.entity_id, std::to_string(source.partner.id.value));
    auto before = nlohmann::json::parse(entry.before_json);
    auto after = nlohmann::json::parse(entry.after_json);
    EXPECT_EQ(before["source"]["name_vi"], "Tỉnh Kyonggi");
    EXPECT_EQ(before["target"]["name_vi"], "Tỉnh Gyeonggi");
    EXPECT_EQ(after["merged_into"], target.partner.id.value);
    EXPECT_EQ(after["moved"]["agreements"], 2);
    EXPECT_EQ(after["moved"]["sister_relations"], 2);
    EXPECT_EQ(after["moved"]["contacts"], 1);
}

TEST_F(PartnersTest, MergeRefusesWhatItCannotDoClearlyAndWritesNothing) {
    PartnerDetail a = Create(Req("company", "Công ty A", "JP"));
    PartnerDetail b = Create(Req("company", "Công ty B", "JP"));
    PartnerDetail c = Create(Req("company", "Công ty C", "JP"));
    PartnerDetail city = Create(Req("locality", "Thành phố X", "JP"));
    ASSERT_TRUE(service()
                    .AddSisterRelation(admin_, city.partner.id,
                                       {1001, "2015-01-01", "", "", DateInput::kIso})
                    .ok());
    ASSERT_TRUE(service().Merge(admin_, c.partner.id, b.partner.id).ok());
    std::int64_t entries = Count("audit_log");

    auto self = service().Merge(admin_, a.partner.id, a.partner.id);
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(self.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(self.error().field, "into");
    auto missing_source = service().Merge(admin_, PartnerId{999999}, a.partner.id);
    ASSERT_FALSE(missing_source.ok());
    EXPECT_EQ(missing_source.error().code, ErrorCode::kNotFound);
    auto missing_target = service().Merge(admin_, a.partner.id, PartnerId{999999});
    ASSERT_FALSE(missing_target.ok());
    EXPECT_EQ(missing_target.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(missing_target.error().field, "into");
    auto into_merged = service().Merge(admin_, a.partner.id, c.partner.id);
    ASSERT_FALSE(into_merged.ok());
    EXPECT_EQ(into_merged.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(into_merged.error().field, "into");
    EXPECT_NE(into_merged.error().message_en.find(std::to_string(b.partner.id.value)),
              std::string::npos);  // names the partner to use instead
    auto merged_source = service().Merge(admin_, c.partner.id, a.partner.id);
    ASSERT_FALSE(merged_source.ok());
    EXPECT_EQ(merged_source.error().code, ErrorCode::kFailedPrecondition);
    auto relations_elsewhere = service().Merge(admin_, city.partner.id, a.partner.id);
    ASSERT_FALSE(relations_elsewhere.ok());
    EXPECT_EQ(relations_elsewhere.error().code, ErrorCode::kFailedPrecondition);
    auto officer =
        service().Merge(WithRole(Role::kProvinceOfficer, {2001, 1001}), a.partner.id, b.partner.id);
    ASSERT_FALSE(officer.ok());
    EXPECT_EQ(officer.error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(
        service().Merge(WithRole(Role::kMofaStaff, {}, true), a.partner.id, b.partner.id).ok());
    EXPECT_EQ(Count("audit_log"), entries + 1);  // only the MOFA merge
}

TEST_F(PartnersTest, OnlyWritingRolesCreateAndEditAndEveryoneSignedInReads) {
    CreatePartnerRequest r = Req("company", "Công ty Samsung Electronics", "KR");
    for (Role role : {Role::kViewer, Role::kMofaViewer, Role::kMissionStaff}) {
        auto denied = service().Create(WithRole(role, {2001}), r);
        ASSERT_FALSE(denied.ok()) << RoleName(role);
        EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
        EXPECT_NE(denied.error().message_vi.find("đối tác"), std::string::npos);
        EXPECT_NE(denied.error().message_en.find("partners"), std::string::npos);
    }
    EXPECT_EQ(Count("partner"), 0);
    for (Role role : {Role::kMofaStaff, Role::kProvinceOfficer, Role::kProvinceLeader}) {
        CreatePartnerRequest mine = r;
        mine.name_vi += std::string(" ") + RoleName(role);
        EXPECT_TRUE(service().Create(WithRole(role, {2079}), mine).ok()) << RoleName(role);
    }
    EXPECT_TRUE(service().List(WithRole(Role::kMissionStaff), {}, {}, {1, 50}).ok());
    EXPECT_EQ(List({}).total, 3);
}

TEST_F(PartnersTest, SisterRelationsFollowTheActorsProvinceScopeAcrossTheMerger) {
    PartnerDetail busan = Create(Req("locality", "Thành phố Busan", "KR"));
    Actor hanoi = UserActor("can-bo-ha-noi", "province_officer", {"01"});
    Actor tay_ninh = UserActor("can-bo-tay-ninh", "province_officer", {"80"});
    auto hcm = service().AddSisterRelation(hanoi, busan.partner.id,
                                           {2079, "2025-09-01", "", "", DateInput::kIso});
    ASSERT_FALSE(hcm.ok());
    EXPECT_EQ(hcm.error().code, ErrorCode::kPermissionDenied);
    EXPECT_NE(hcm.error().message_vi.find("Hồ Chí Minh"), std::string::npos);
    auto old_hcm = service().AddSisterRelation(hanoi, busan.partner.id,
                                               {1079, "1995-11-03", "", "", DateInput::kIso});
    ASSERT_FALSE(old_hcm.ok());
    EXPECT_EQ(old_hcm.error().code, ErrorCode::kPermissionDenied);
    EXPECT_TRUE(service()
                    .AddSisterRelation(hanoi, busan.partner.id,
                                       {1001, "2013-10-08", "", "", DateInput::kIso})
                    .ok());
    // The new Tây Ninh (2080) took in the old Long An (1080).
    auto long_an = service().AddSisterRelation(
        tay_ninh, busan.partner.id,
        {1080, "17/07/2017", "", "Long An cũ", DateInput::kIsoOrDisplay});
    ASSERT_TRUE(long_an.ok()) << long_an.error().message_en;
    EXPECT_EQ(long_an->unit_name_vi, "Tỉnh Long An");
    EXPECT_EQ(long_an->unit_generation, 1);
    EXPECT_EQ(long_an->established_on.ToIso(), "2017-07-17");
    auto not_hanoi = service().AddSisterRelation(tay_ninh, busan.partner.id,
                                                 {1001, "2020-01-01", "", "", DateInput::kIso});
    ASSERT_FALSE(not_hanoi.ok());
    EXPECT_EQ(not_hanoi.error().code, ErrorCode::kPermissionDenied);
    // Ending follows the same scope.
    auto end_other =
        service().EndSisterRelation(hanoi, long_an->id, {"2025-06-30", DateInput::kIso});
    ASSERT_FALSE(end_other.ok());
    EXPECT_EQ(end_other.error().code, ErrorCode::kPermissionDenied);
    auto ended = service().EndSisterRelation(tay_ninh, long_an->id,
                                             {"30/06/2025", DateInput::kIsoOrDisplay});
    ASSERT_TRUE(ended.ok()) << ended.error().message_en;
    EXPECT_EQ(ended->ended_on->ToIso(), "2025-06-30");
    auto entries = Entries("sister_relation");
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[2].action, "end");
    EXPECT_EQ(entries[2].user_login, "can-bo-tay-ninh");
    EXPECT_EQ(nlohmann::json::parse(entries[2].before_json)["ended_on"], nullptr);
    EXPECT_EQ(nlohmann::json::parse(entries[2].after_json)["ended_on"], "2025-06-30");
}

TEST_F(PartnersTest, SisterRelationsNeedALocalityAProvinceAndOrderedDates) {
    PartnerDetail city = Create(Req("locality", "Thành phố Busan", "KR"));
    PartnerDetail company = Create(Req("company", "Công ty LG Display", "KR"));
    std::int64_t entries = Count("audit_log");
    auto not_locality = service().AddSisterRelation(admin_, company.partner.id,
                                                    {1001, "2013-10-08", "", "", DateInput::kIso});
    ASSERT_FALSE(not_locality.ok());
    EXPECT_EQ(not_locality.error().code, ErrorCode::kFailedPrecondition);
    auto missing = service().AddSisterRelation(admin_, PartnerId{999999},
                                               {1001, "2013-10-08", "", "", DateInput::kIso});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    auto bad = service().AddSisterRelation(admin_, city.partner.id,
                                           {3001, "08/10/2013", "2012-01-01", "", DateInput::kIso});
    ASSERT_FALSE(bad.ok());
    EXPECT_THAT(FieldsOf(bad.error()), UnorderedElementsAre("admin_unit_id", "established_on"));
    auto order = service().AddSisterRelation(
        admin_, city.partner.id, {1001, "2013-10-08", "2013-10-07", "", DateInput::kIso});
    ASSERT_FALSE(order.ok());
    EXPECT_EQ(order.error().field, "ended_on");
    auto impossible = service().AddSisterRelation(
        admin_, city.partner.id, {1001, "31/02/2013", "", "", DateInput::kIsoOrDisplay});
    ASSERT_FALSE(impossible.ok());
    EXPECT_EQ(impossible.error().field, "established_on");
    EXPECT_EQ(Count("sister_relation"), 0);
    EXPECT_EQ(Count("audit_log"), entries);

    auto added = service().AddSisterRelation(admin_, city.partner.id,
                                             {1079, "1995-11-03", "", "", DateInput::kIso});
    ASSERT_TRUE(added.ok());
    auto again = service().AddSisterRelation(admin_, city.partner.id,
                                             {1079, "1995-11-03", "", "", DateInput::kIso});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    auto early = service().EndSisterRelation(admin_, added->id, {"1990-01-01", DateInput::kIso});
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().field, "ended_on");
    ASSERT_TRUE(
        service().EndSisterRelation(admin_, added->id, {"2025-06-30", DateInput::kIso}).ok());
    auto twice = service().EndSisterRelation(admin_, added->id, {"2025-07-01", DateInput::kIso});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
    auto no_relation = service().EndSisterRelation(admin_, SisterRelationId{999999},
                                                   {"2025-07-01", DateInput::kIso});
    ASSERT_FALSE(no_relation.ok());
    EXPECT_EQ(no_relation.error().code, ErrorCode::kNotFound);
}

TEST_F(PartnersTest, DemoPartnersAreValidDistinctAndAddedOnce) {
    auto partners = DemoPartners();
    auto relations = DemoSisterRelations();
    EXPECT_GE(partners.size(), 60u);
    std::set<std::string> names, countries;
    for (const auto& p : partners) {
        EXPECT_TRUE(names.insert(p.kind + "/" + p.name_vi).second) << p.name_vi;
        EXPECT_FALSE(p.name_original.empty()) << p.name_vi;
        EXPECT_FALSE(p.name_en.empty()) << p.name_vi;
        if (!p.country.empty())
            countries.insert(p.country);
    }
    EXPECT_GE(countries.size(), 18u);
    auto first = service().CreateDemoPartners(partners, relations);
    ASSERT_TRUE(first.ok()) << first.error().message_en;
    EXPECT_EQ(first->partners, static_cast<int>(partners.size()));
    EXPECT_EQ(first->sister_relations, static_cast<int>(relations.size()));
    auto second = service().CreateDemoPartners(partners, relations);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->partners, 0);
    EXPECT_EQ(second->sister_relations, 0);
    EXPECT_EQ(Count("partner"), static_cast<std::int64_t>(partners.size()));
    EXPECT_THAT(NamesOf(Search("van nam")), ElementsAre("Tỉnh Vân Nam"));
    EXPECT_THAT(NamesOf(Search("경기도")), ElementsAre("Tỉnh Gyeonggi"));
}

}  // namespace
}  // namespace ngoaivu::partners
