#include "http/multipart.hpp"

#include <string>

#include <gtest/gtest.h>

namespace ngoaivu::http {
namespace {

const std::string kBoundary = "----ngoaivu7MA4YWxk";

// A part as a browser writes it, with its leading delimiter.
std::string Part(const std::string& headers, const std::string& data) {
    return "--" + kBoundary + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
}

std::string Field(const std::string& name, const std::string& value) {
    return Part("Content-Disposition: form-data; name=\"" + name + "\"", value);
}

std::string Close() {
    return "--" + kBoundary + "--\r\n";
}

TEST(MultipartBoundary, IsReadFromAFormDataContentType) {
    EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + kBoundary), kBoundary);
    EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;boundary=\"a b'c\""), "a b'c");
    EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; boundary=xyz"), "xyz");
}

TEST(MultipartBoundary, RefusesOtherTypesAndBadBoundaries) {
    EXPECT_FALSE(MultipartBoundary("application/x-www-form-urlencoded"));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
    EXPECT_FALSE(MultipartBoundary("multipart/mixed; boundary=abc"));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary="));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"ends with space \""));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=a\x01z"));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"unterminated"));
}

TEST(ParseMultipart, ReadsFieldsAndOneFileByteForByte) {
    std::string bytes("%PDF-1.4\r\n\x00\xff--not-a-boundary\r\n", 31);
    std::string body = Field("_csrf", "tok") + Field("kind", "draft") +
                       Part(
                           "Content-Disposition: form-data; name=\"file\"; "
                           "filename=\"Biên bản.pdf\"\r\nContent-Type: application/pdf",
                           bytes) +
                       Close();
    auto parts = ParseMultipart(body, kBoundary);
    ASSERT_TRUE(parts.ok()) << parts.error().message_en;
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[0].name, "_csrf");
    EXPECT_EQ((*parts)[0].data, "tok");
    EXPECT_FALSE((*parts)[0].filename);
    EXPECT_EQ((*parts)[1].data, "draft");
    EXPECT_EQ((*parts)[2].name, "file");
    EXPECT_EQ((*parts)[2].filename, "Biên bản.pdf");
    EXPECT_EQ((*parts)[2].content_type, "application/pdf");
    EXPECT_EQ((*parts)[2].data, bytes);
}

TEST(ParseMultipart, AcceptsEmptyValuesAndIgnoresTheEpilogue) {
    std::string body = Field("next", "") + Close() + "epilogue text";
    auto parts = ParseMultipart(body, kBoundary);
    ASSERT_TRUE(parts.ok()) << parts.error().message_en;
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].data, "");
}

// Each malformed body is a 400 naming "body", in both languages.
void ExpectMalformed(const std::string& body, const std::string& why) {
    auto parts = ParseMultipart(body, kBoundary);
    ASSERT_FALSE(parts.ok()) << why;
    EXPECT_EQ(parts.error().code, ErrorCode::kInvalidArgument) << why;
    EXPECT_EQ(parts.error().field, "body") << why;
    EXPECT_FALSE(parts.error().message_vi.empty()) << why;
    EXPECT_FALSE(parts.error().message_en.empty()) << why;
}

TEST(ParseMultipart, RefusesMalformedBodies) {
    ExpectMalformed("", "empty");
    ExpectMalformed("preamble\r\n" + Field("a", "1") + Close(), "preamble");
    ExpectMalformed(Field("a", "1"), "no closing delimiter");
    ExpectMalformed(Field("a", "1").substr(0, 20), "cut in the headers");
    ExpectMalformed("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
                    "cut in the data");
    ExpectMalformed(Part("Content-Type: text/plain", "x") + Close(), "no Content-Disposition");
    ExpectMalformed(Part("Content-Disposition: attachment; name=\"a\"", "x") + Close(),
                    "not form-data");
    ExpectMalformed(Part("Content-Disposition: form-data", "x") + Close(), "no name");
    ExpectMalformed(Part("Content-Disposition: form-data; name=\"\"", "x") + Close(), "empty name");
    ExpectMalformed(Part("Content-Disposition: form-data; name=\"a", "x") + Close(),
                    "unterminated quote");
    ExpectMalformed(Part("Content-Disposition form-data; name=\"a\"", "x") + Close(),
                    "header without a colon");
    ExpectMalformed(Part("Content-Disposition: form-data; name=\"a\"\r\nX: a\x01z", "x") + Close(),
                    "control character in a header");
    ExpectMalformed("--" + kBoundary + "XX\r\n" + Close(), "delimiter not followed by CRLF");
    ExpectMalformed(
        Part("Content-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"", "1") +
            Part("Content-Disposition: form-data; name=\"g\"; filename=\"b.pdf\"", "2") + Close(),
        "two files");
}

TEST(ParseMultipart, EnforcesItsLimits) {
    MultipartLimits limits;
    limits.max_parts = 2;
    limits.max_field_bytes = 10;
    auto too_many = ParseMultipart(Field("a", "1") + Field("b", "2") + Field("c", "3") + Close(),
                                   kBoundary, limits);
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().code, ErrorCode::kPayloadTooLarge);
    auto too_long = ParseMultipart(Field("a", std::string(11, 'x')) + Close(), kBoundary, limits);
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code, ErrorCode::kPayloadTooLarge);
    EXPECT_EQ(too_long.error().field, "body");
    auto file =
        ParseMultipart(Part("Content-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"",
                            std::string(50, 'x')) +
                           Close(),
                       kBoundary, limits);
    EXPECT_TRUE(file.ok()) << "a file is bounded by the body limit, not the field limit";
    auto headers = ParseMultipart(
        Part("Content-Disposition: form-data; name=\"a\"\r\nX-Long: " + std::string(5000, 'h'),
             "1") +
            Close(),
        kBoundary);
    ASSERT_FALSE(headers.ok());
    EXPECT_EQ(headers.error().code, ErrorCode::kPayloadTooLarge);
}

TEST(MultipartField, ReadsATextFieldOfAMultipartRequestOnly) {
    Request req;
    req.headers.emplace("Content-Type", "multipart/form-data; boundary=" + kBoundary);
    req.body = Field("_csrf", "secret") + Close();
    EXPECT_EQ(MultipartField(req, "_csrf"), "secret");
    EXPECT_EQ(MultipartField(req, "other"), "");
    req.body = "garbage";
    EXPECT_EQ(MultipartField(req, "_csrf"), "");
    Request urlencoded;
    urlencoded.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    urlencoded.body = "_csrf=secret";
    EXPECT_EQ(MultipartField(urlencoded, "_csrf"), "");
}

}  // namespace
}  // namespace ngoaivu::http
