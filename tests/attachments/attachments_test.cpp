// Attachments over real HTTP, on each backend: documents attached to agreements, checked from
// their bytes, stored once by content hash, readable and writable only as the agreement is; the
// multipart/form-data upload form with its CSRF token; the audit trail.
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "http/request.hpp"
#include "modules/attachments/attachment_service.hpp"
#include "modules/attachments/attachments_routes.hpp"
#include "office/test_zip.hpp"
#include "office/xlsx_writer.hpp"
#include "storage/database.hpp"
#include "support/test_app.hpp"

namespace ngoaivu::testing {
namespace {

std::string Pdf(std::string text = "ok") {
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text +
           "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

std::string Png() {
    return std::string(
        "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08"
        "\x02\x00\x00\x00\x90wS\xde",
        33);
}

std::string Jpeg() {
    return std::string(
        "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        "\xff\xd9",
        22);
}

std::string Docx() {
    office::testing::ZipBuilder zip;
    zip.Add("[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
            "content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
    zip.Add("word/document.xml", "<w:document/>");
    return zip.Finish();
}

std::string Xlsx() {
    office::Sheet sheet;
    sheet.name = "Kết quả";
    sheet.headers = {"Năm", "Số người"};
    sheet.rows = {{2025, 30}};
    return office::WriteXlsx({sheet});
}

constexpr const char* kOfficer = "demo-officer-01";  // Hà Nội
constexpr const char* kOther = "demo-officer-79";    // TP. Hồ Chí Minh
constexpr const char* kViewer = "demo-viewer";       // reads every province

class Attachments : public AppTest {
 protected:
    void SetUp() override {
        AppTest::SetUp();
        tokens_ = AddDemoAccounts(app().db_location(), {kOfficer, kOther, kViewer});
        auto db = storage::Open(app().db_location());
        auto tx = db->Begin(storage::TxMode::kWrite);
        std::int64_t partner =
            tx->QueryOne(
                  "INSERT INTO partner (kind, name_original, name_vi, name_en, country_alpha2, "
                  "search_text, created_at, updated_at) VALUES ('locality', '경기도', "
                  "'Tỉnh Gyeonggi', 'Gyeonggi Province', 'KR', 'tinh gyeonggi', '2025-01-01', "
                  "'2025-01-01') RETURNING id")
                ->Int(0);
        tx->Commit();
        db->Close();
        nlohmann::json draft = {{"title_vi", "Bản ghi nhớ hợp tác giáo dục"},
                                {"form", "mou"},
                                {"party_kind", "ubnd"},
                                {"party_name", "Ủy ban nhân dân Thành phố Hà Nội"},
                                {"admin_unit_id", 2001},
                                {"partner_ids", {partner}},
                                {"fields", {"education"}},
                                {"languages", {"vi", "ko"}}};
        auto res = Call(kOfficer, "POST", "/api/v1/agreements", draft.dump(), "application/json");
        ASSERT_EQ(res.status, 201) << res.Describe();
        agreement_ = res.Json()["id"].get<std::int64_t>();
    }

    HttpResponse Call(const std::string& who, const std::string& method, const std::string& target,
                      const std::string& body = "", const std::string& type = "") {
        HeaderList headers{{"Authorization", "Bearer " + tokens_.at(who)}};
        if (!type.empty())
            headers.emplace_back("Content-Type", type);
        HttpClient client = app().Client(std::chrono::seconds(30));
        return client.Request(method, target, headers, body);
    }
    std::string RecordPath(std::int64_t id = 0) const {
        return "/api/v1/attachments/agreement/" + std::to_string(id ? id : agreement_);
    }
    HttpResponse Upload(const std::string& who, const std::string& filename,
                        const std::string& bytes, const std::string& kind = "draft") {
        return Call(who, "POST",
                    RecordPath() + "?kind=" + kind + "&filename=" + http::PercentEncode(filename),
                    bytes, "application/octet-stream");
    }
    std::int64_t Count(const std::string& sql) {
        auto db = storage::Open(app().db_location());
        std::int64_t n = 0;
        {
            auto tx = db->Begin(storage::TxMode::kRead);
            n = tx->QueryOne(sql)->Int(0);
        }
        db->Close();
        return n;
    }
    // Rows of stored_file, attachment and audit_log: what a refused upload must not change.
    std::string Written() {
        return std::to_string(Count("SELECT COUNT(*) FROM stored_file")) + "/" +
               std::to_string(Count("SELECT COUNT(*) FROM attachment")) + "/" +
               std::to_string(Count("SELECT COUNT(*) FROM audit_log"));
    }

    std::map<std::string, std::string> tokens_;
    std::int64_t agreement_ = 0;
};

TEST_F(Attachments, AcceptEachDocumentTypeRecognisedFromItsBytes) {
    const std::pair<std::string, std::string> files[] = {
        {"Dự thảo.pdf", Pdf()},  {"ảnh ký.PNG", Png()},    {"bản quét.jpeg", Jpeg()},
        {"ý kiến.docx", Docx()}, {"kết quả.xlsx", Xlsx()},
    };
    const char* mimes[] = {
        "application/pdf", "image/png", "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    for (std::size_t i = 0; i < 5; ++i) {
        auto res = Upload(kOfficer, files[i].first, files[i].second);
        ASSERT_EQ(res.status, 201) << files[i].first << ": " << res.Describe();
        auto j = res.Json();
        EXPECT_EQ(j["mime"], mimes[i]);
        EXPECT_EQ(j["filename"], files[i].first);
        EXPECT_EQ(j["size_bytes"], files[i].second.size());
        EXPECT_EQ(j["entity"], "agreement");
        EXPECT_EQ(j["entity_id"], agreement_);
        EXPECT_EQ(j["sha256"].get<std::string>().size(), 64u);
    }
    auto list = Call(kOfficer, "GET", RecordPath());
    ASSERT_EQ(list.status, 200) << list.Describe();
    EXPECT_EQ(list.Json()["total"], 5);
    EXPECT_EQ(list.Json()["can_write"], true);
    EXPECT_EQ(list.Json()["kinds"].size(), 8u);
}

TEST_F(Attachments, RefuseAFileThatLiesAboutItsTypeAndWriteNothing) {
    std::string before = Written();
    auto res = Upload(kOfficer, "hop-dong.pdf", Png());
    ASSERT_EQ(res.status, 400) << res.Describe();
    auto e = res.Json()["error"];
    EXPECT_EQ(e["field"], "file");
    EXPECT_NE(e["message_en"].get<std::string>().find("PNG"), std::string::npos);
    EXPECT_NE(e["message_en"].get<std::string>().find(".png"), std::string::npos);
    EXPECT_NE(e["message_vi"].get<std::string>().find("PNG"), std::string::npos);
    EXPECT_EQ(Written(), before);
}

TEST_F(Attachments, RefuseTypesThatAreNotAcceptedSayingWhichAre) {
    std::string before = Written();
    const std::pair<std::string, std::string> files[] = {
        {"setup.exe", std::string("MZ\x90\x00\x03\x00\x00\x00\x04\x00", 10) + "This program"},
        {"trang.html", "<!DOCTYPE html><html><script>alert(1)</script></html>"},
        {"trang.pdf", "<!DOCTYPE html><html></html>"},
        {"rong.pdf", ""},
    };
    for (const auto& [name, bytes] : files) {
        auto res = Upload(kOfficer, name, bytes);
        ASSERT_EQ(res.status, 400) << name << ": " << res.Describe();
        EXPECT_EQ(res.Json()["error"]["field"], "file") << name;
    }
    auto exe = Upload(kOfficer, "setup.exe", "MZ program");
    EXPECT_NE(
        exe.Json()["error"]["message_en"].get<std::string>().find("PDF, DOCX, XLSX, JPEG or PNG"),
        std::string::npos);
    EXPECT_EQ(Written(), before);
}

TEST_F(Attachments, RefuseAFileAboveTheLimitWith413) {
    std::string before = Written();
    std::string big = Pdf();
    big.resize(attachments::kDefaultMaxFileBytes + 1, ' ');
    auto res = Upload(kOfficer, "lon.pdf", big);
    ASSERT_EQ(res.status, 413) << res.Describe();
    EXPECT_EQ(res.Json()["error"]["field"], "file");
    EXPECT_EQ(res.Json()["error"]["code"], "payload_too_large");
    big.resize(attachments::kDefaultMaxFileBytes);
    EXPECT_EQ(Upload(kOfficer, "vua.pdf", big).status, 201) << "exactly the limit is accepted";
    EXPECT_NE(Written(), before);
}

TEST_F(Attachments, RefuseBadKindsFilenamesAndOwners) {
    std::string before = Written();
    auto kind = Upload(kOfficer, "a.pdf", Pdf(), "poem");
    EXPECT_EQ(kind.status, 400);
    EXPECT_EQ(kind.Json()["error"]["field"], "kind");
    auto no_name = Call(kOfficer, "POST", RecordPath() + "?kind=draft", Pdf());
    EXPECT_EQ(no_name.status, 400);
    EXPECT_EQ(no_name.Json()["error"]["field"], "filename");
    auto long_name = Upload(kOfficer, std::string(197, 'a') + ".pdf", Pdf());
    EXPECT_EQ(long_name.status, 400);
    EXPECT_EQ(long_name.Json()["error"]["field"], "filename");
    auto owner =
        Call(kOfficer, "POST", "/api/v1/attachments/planet/1?kind=draft&filename=a.pdf", Pdf());
    EXPECT_EQ(owner.status, 404);
    auto absent = Call(kOfficer, "POST",
                       "/api/v1/attachments/agreement/999999?kind=draft&filename=a.pdf", Pdf());
    EXPECT_EQ(absent.status, 404);
    EXPECT_EQ(
        Call(kOfficer, "POST", "/api/v1/attachments/agreement/abc?kind=draft&filename=a.pdf", Pdf())
            .status,
        400);
    EXPECT_EQ(Written(), before);
}

TEST_F(Attachments, StoreTheSameBytesOnce) {
    auto a = Upload(kOfficer, "ban-1.pdf", Pdf("same"));
    auto b = Upload(kOfficer, "ban-2.pdf", Pdf("same"), "signed_scan");
    ASSERT_EQ(a.status, 201);
    ASSERT_EQ(b.status, 201);
    EXPECT_EQ(a.Json()["sha256"], b.Json()["sha256"]);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM attachment"), 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM stored_file"), 1);

    // Removing one keeps the bytes the other still needs; removing both deletes them.
    ASSERT_EQ(Call(kOfficer, "DELETE", "/api/v1/attachments/" + a.Json()["id"].dump()).status, 204);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM stored_file"), 1);
    auto still = Call(kOfficer, "GET", "/attachments/" + b.Json()["id"].dump());
    EXPECT_EQ(still.status, 200);
    EXPECT_EQ(still.body, Pdf("same"));
    ASSERT_EQ(Call(kOfficer, "DELETE", "/api/v1/attachments/" + b.Json()["id"].dump()).status, 204);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM stored_file"), 0);
    EXPECT_EQ(Call(kOfficer, "DELETE", "/api/v1/attachments/" + b.Json()["id"].dump()).status, 404);
}

TEST_F(Attachments, AreReadOnlyByThoseWhoMayReadTheAgreement) {
    auto made = Upload(kOfficer, "du-thao.pdf", Pdf());
    ASSERT_EQ(made.status, 201);
    std::string id = made.Json()["id"].dump();
    // Another province: as if nothing were there.
    EXPECT_EQ(Call(kOther, "GET", "/attachments/" + id).status, 404);
    EXPECT_EQ(Call(kOther, "GET", RecordPath()).status, 404);
    EXPECT_EQ(Upload(kOther, "x.pdf", Pdf()).status, 404);
    EXPECT_EQ(Call(kOther, "DELETE", "/api/v1/attachments/" + id).status, 404);
    // A viewer reads but does not write.
    EXPECT_EQ(Call(kViewer, "GET", "/attachments/" + id).status, 200);
    auto list = Call(kViewer, "GET", RecordPath());
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.Json()["can_write"], false);
    std::string before = Written();
    auto up = Upload(kViewer, "x.pdf", Pdf());
    EXPECT_EQ(up.status, 403) << up.Describe();
    EXPECT_EQ(up.Json()["error"]["code"], "permission_denied");
    EXPECT_EQ(Call(kViewer, "DELETE", "/api/v1/attachments/" + id).status, 403);
    EXPECT_EQ(Written(), before);
    // Anonymous: sign in first.
    EXPECT_EQ(Get("/api/v1/attachments/agreement/" + std::to_string(agreement_)).status, 401);
    EXPECT_EQ(Get("/attachments/" + id).status, 303);
}

TEST_F(Attachments, DownloadWithItsTypeAndVietnameseName) {
    std::string name = "Biên bản ký kết \"chính thức\".pdf";
    auto made = Upload(kOfficer, name, Pdf());
    ASSERT_EQ(made.status, 201) << made.Describe();
    auto res = Call(kOfficer, "GET", "/attachments/" + made.Json()["id"].dump());
    ASSERT_EQ(res.status, 200) << res.Describe();
    EXPECT_EQ(res.body, Pdf());
    EXPECT_EQ(res.Header("Content-Type"), "application/pdf");
    EXPECT_EQ(res.Header("Content-Disposition"),
              "attachment; filename=\"Bi_n b_n k_ k_t _ch_nh th_c_.pdf\"; "
              "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20k%C3%BD%20k%E1%BA%BFt%20%22ch%C3%ADnh%"
              "20th%E1%BB%A9c%22.pdf");
    EXPECT_EQ(res.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res.Header("Cache-Control"), "private, no-cache");
    EXPECT_EQ(Call(kOfficer, "GET", "/attachments/999999").status, 404);
    EXPECT_EQ(Call(kOfficer, "GET", "/attachments/0").status, 400);
}

TEST_F(Attachments, RecordOneAuditEntryPerChangeOnTheAgreement) {
    auto made = Upload(kOfficer, "y-kien.pdf", Pdf(), "opinion");
    ASSERT_EQ(made.status, 201);
    ASSERT_EQ(Call(kOfficer, "DELETE", "/api/v1/attachments/" + made.Json()["id"].dump()).status,
              204);
    auto db = storage::Open(app().db_location());
    {
        auto tx = db->Begin(storage::TxMode::kRead);
        auto rows = tx->Query(
            "SELECT action, entity, entity_id, user_login, after_json, before_json FROM audit_log "
            "WHERE action LIKE 'attachment.%' ORDER BY id");
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[0].Text(0), "attachment.add");
        EXPECT_EQ(rows[0].Text(1), "agreement");
        EXPECT_EQ(rows[0].Text(2), std::to_string(agreement_));
        EXPECT_EQ(rows[0].Text(3), kOfficer);
        auto after = nlohmann::json::parse(rows[0].Text(4));
        EXPECT_EQ(after["filename"], "y-kien.pdf");
        EXPECT_EQ(after["kind"], "opinion");
        EXPECT_EQ(rows[1].Text(0), "attachment.remove");
        EXPECT_EQ(nlohmann::json::parse(rows[1].Text(5))["filename"], "y-kien.pdf");
    }
    db->Close();
}

TEST(SanitiseFilename, KeepsOnlyAPlainNormalisedName) {
    EXPECT_EQ(*attachments::SanitiseFilename("../../etc/pass\x01wd.pdf"), "passwd.pdf");
    EXPECT_EQ(*attachments::SanitiseFilename("C:\\Users\\An\\Tờ trình.docx"), "Tờ trình.docx");
    EXPECT_EQ(*attachments::SanitiseFilename("  ba\xe2\x80\xaegnp.exe  "), "bagnp.exe");
    // "Việt" with the combining circumflex and dot below (NFD) becomes NFC.
    EXPECT_EQ(*attachments::SanitiseFilename("Vie\xcc\xa3\xcc\x82t.pdf"), "Việt.pdf");
    EXPECT_EQ(attachments::SanitiseFilename("dir/").error().field, "filename");
    EXPECT_EQ(attachments::SanitiseFilename("\xff.pdf").error().field, "filename");
    EXPECT_TRUE(attachments::SanitiseFilename(std::string(196, 'a') + ".pdf").ok());
    EXPECT_FALSE(attachments::SanitiseFilename(std::string(197, 'a') + ".pdf").ok());
}

TEST(ContentDisposition, GivesAnAsciiFallbackAndTheExactName) {
    EXPECT_EQ(attachments::detail::ContentDisposition("a b.pdf"),
              "attachment; filename=\"a b.pdf\"; filename*=UTF-8''a%20b.pdf");
    EXPECT_EQ(attachments::detail::ContentDisposition("đ\\x\".pdf"),
              "attachment; filename=\"__x_.pdf\"; filename*=UTF-8''%C4%91%5Cx%22.pdf");
}

// The browser's way: a page with the upload form, posted as multipart/form-data with the
// session's CSRF token in a part.
class AttachmentForms : public Attachments {
 protected:
    void SetUp() override {
        Attachments::SetUp();
        auto form = Get("/login");
        std::string csrf = SetCookie(form, "nv_csrf");
        auto signed_in = Post(
            "/login",
            "_csrf=" + csrf + "&login=" + kOfficer + "&password=" + std::string(app::kDemoPassword),
            "application/x-www-form-urlencoded", {{"Cookie", "nv_csrf=" + csrf}});
        cookie_ = "nv_session=" + SetCookie(signed_in, "nv_session");
        auto page = Get(PagePath() + "?next=/agreements/" + std::to_string(agreement_),
                        {{"Cookie", cookie_}, {"HX-Request", "true"}});
        EXPECT_EQ(page.status, 200) << page.Describe();
        std::smatch m;
        if (std::regex_search(page.body, m, std::regex("name=\"_csrf\" value=\"([^\"]+)\"")))
            csrf_ = m[1];
        EXPECT_FALSE(csrf_.empty());
    }
    static std::string SetCookie(const HttpResponse& res, const std::string& name) {
        for (const auto& c : res.AllHeaders("Set-Cookie")) {
            if (c.starts_with(name + "="))
                return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
        }
        return {};
    }
    std::string PagePath() const { return "/attachments/agreement/" + std::to_string(agreement_); }
    static std::string Multipart(const std::string& csrf, const std::string& kind,
                                 const std::string& filename, const std::string& bytes,
                                 const std::string& next) {
        std::string b = "--XyZ\r\n";
        std::string body;
        if (!csrf.empty())
            body += b + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n";
        body += b + "Content-Disposition: form-data; name=\"next\"\r\n\r\n" + next + "\r\n";
        body += b + "Content-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n";
        body += b + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
        return body + "--XyZ--\r\n";
    }
    HttpResponse PostForm(const std::string& body, HeaderList extra = {}) {
        extra.emplace_back("Cookie", cookie_);
        return Post(PagePath(), body, "multipart/form-data; boundary=XyZ", extra);
    }
    std::string cookie_;
    std::string csrf_;
};

TEST_F(AttachmentForms, UploadThroughTheFormAndReturnToTheRecord) {
    std::string next = "/agreements/" + std::to_string(agreement_);
    auto res = PostForm(Multipart(csrf_, "signed_scan", "Bản ký.pdf", Pdf(), next));
    ASSERT_EQ(res.status, 303) << res.Describe();
    EXPECT_EQ(res.Header("Location"), next);
    auto fragment = Get(PagePath(), {{"Cookie", cookie_}, {"HX-Request", "true"}});
    ASSERT_EQ(fragment.status, 200);
    EXPECT_NE(fragment.body.find("Bản ký.pdf"), std::string::npos);
    EXPECT_NE(fragment.body.find("Bản ký (bản quét)"), std::string::npos);
    EXPECT_NE(fragment.body.find("/remove"), std::string::npos) << "a writer sees remove buttons";
    EXPECT_EQ(fragment.body.find("<html"), std::string::npos) << "only the fragment for htmx";
    auto page = Get(PagePath(), {{"Cookie", cookie_ + "; lang=en"}});
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<html"), std::string::npos);
    EXPECT_NE(page.body.find("Signed copy (scan)"), std::string::npos);
    std::regex time("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d");
    EXPECT_TRUE(std::regex_search(page.body, time)) << "uploaded at dd/mm/yyyy HH:MM";

    // The record's page loads the list through htmx.
    auto detail = Get(next, {{"Cookie", cookie_}});
    ASSERT_EQ(detail.status, 200);
    EXPECT_NE(detail.body.find("hx-get=\"/attachments/agreement/" + std::to_string(agreement_)),
              std::string::npos);
}

TEST_F(AttachmentForms, RefuseAFormWithoutTheCsrfTokenAndWriteNothing) {
    std::string before = Written();
    auto res = PostForm(Multipart("", "draft", "a.pdf", Pdf(), "/"));
    EXPECT_EQ(res.status, 403) << res.Describe();
    auto wrong = PostForm(Multipart("wrong", "draft", "a.pdf", Pdf(), "/"));
    EXPECT_EQ(wrong.status, 403) << wrong.Describe();
    EXPECT_EQ(Written(), before);
    auto header = PostForm(Multipart("", "draft", "a.pdf", Pdf(), "/"), {{"X-CSRF-Token", csrf_}});
    EXPECT_EQ(header.status, 303) << "htmx sends the token as a header";
}

TEST_F(AttachmentForms, ShowTheErrorOnThePageAndRedirectOnlyToLocalPaths) {
    auto lying = PostForm(Multipart(csrf_, "draft", "anh.pdf", Png(), "/agreements"));
    EXPECT_EQ(lying.status, 400) << lying.Describe();
    EXPECT_NE(lying.body.find("attachment-error"), std::string::npos);
    auto away = PostForm(Multipart(csrf_, "draft", "a.pdf", Pdf(), "//evil.example/x"));
    ASSERT_EQ(away.status, 303);
    EXPECT_EQ(away.Header("Location"), "/");
    // A body that cannot be read has no token the gate can find (403); with the token in the
    // header, the handler says what is wrong with it (400).
    std::string broken = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf_ +
                         "\r\n--XyZ\r\nbroken";
    EXPECT_EQ(PostForm(broken).status, 403);
    auto malformed = PostForm(broken, {{"X-CSRF-Token", csrf_}});
    EXPECT_EQ(malformed.status, 400) << malformed.Describe();
    auto not_multipart = Post(PagePath(), "_csrf=" + csrf_, "application/x-www-form-urlencoded",
                              {{"Cookie", cookie_}});
    EXPECT_EQ(not_multipart.status, 400) << not_multipart.Describe();
}

TEST_F(AttachmentForms, RemoveThroughTheForm) {
    auto made = Upload(kOfficer, "a.pdf", Pdf());
    ASSERT_EQ(made.status, 201);
    auto res = Post("/attachments/" + made.Json()["id"].dump() + "/remove",
                    "_csrf=" + csrf_ + "&next=%2Fagreements", "application/x-www-form-urlencoded",
                    {{"Cookie", cookie_}});
    ASSERT_EQ(res.status, 303) << res.Describe();
    EXPECT_EQ(res.Header("Location"), "/agreements");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM attachment"), 0);
}

}  // namespace
}  // namespace ngoaivu::testing
