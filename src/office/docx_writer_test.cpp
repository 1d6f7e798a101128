#include "office/docx_writer.hpp"

#include <algorithm>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "office/zip_archive.hpp"

namespace ngoaivu::office {
namespace {

using detail::ZipArchive;

constexpr std::string_view kMeeting = "Hội nghị Ngoại vụ toàn quốc lần thứ 21";

// The inflated part `name` of a DOCX file, or "" (with a failure) when it is missing.
std::string Part(const std::string& docx, std::string_view name) {
    auto zip = ZipArchive::Open(docx);
    if (!zip) {
        ADD_FAILURE() << "not a zip";
        return {};
    }
    std::string out;
    EXPECT_EQ(zip->Read(name, 1u << 26, &out), ZipArchive::ReadStatus::kOk) << name;
    return out;
}

// The part `name` parsed; a parse error fails the test.
pugi::xml_document ParsePart(const std::string& docx, std::string_view name) {
    pugi::xml_document xml;
    const std::string bytes = Part(docx, name);
    const pugi::xml_parse_result parsed = xml.load_buffer(bytes.data(), bytes.size());
    EXPECT_TRUE(parsed) << name << ": " << parsed.description() << " at " << parsed.offset;
    return xml;
}

// The text of a paragraph: its w:t, with w:br as "\n" and w:tab as "\t".
std::string ParagraphText(pugi::xml_node p) {
    std::string text;
    pugi::xpath_node_set nodes = p.select_nodes(".//w:t | .//w:br | .//w:tab");
    nodes.sort();
    for (pugi::xpath_node n : nodes) {
        const std::string_view name = n.node().name();
        if (name == "w:t") {
            text += n.node().child_value();
        } else if (name == "w:br") {
            text += '\n';
        } else {
            text += '\t';
        }
    }
    return text;
}

// Every paragraph of word/document.xml, in order, tables' cells included.
std::vector<std::string> Paragraphs(const std::string& docx) {
    const pugi::xml_document xml = ParsePart(docx, "word/document.xml");
    std::vector<std::string> out;
    for (pugi::xpath_node p : xml.select_nodes("//w:p")) {
        out.push_back(ParagraphText(p.node()));
    }
    return out;
}

// The first paragraph whose text is `text`, or an empty node.
pugi::xml_node FindParagraph(const pugi::xml_document& xml, std::string_view text) {
    for (pugi::xpath_node p : xml.select_nodes("//w:p")) {
        if (ParagraphText(p.node()) == text) {
            return p.node();
        }
    }
    return {};
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

DocxParagraph Para(std::string text) {
    DocxParagraph p;
    p.runs.push_back({std::move(text)});
    return p;
}

DocxDocument Report() {
    DocxDocument doc;
    doc.title_block.parent_body = "BỘ NGOẠI GIAO";
    doc.title_block.body = "CỤC NGOẠI VỤ";
    doc.title_block.number = "Số: 12/BC-BNG";
    doc.title_block.place = "Hà Nội";
    doc.title_block.day = 7;
    doc.title_block.month = 12;
    doc.title_block.year = 2026;
    doc.kind_title = "BÁO CÁO";
    doc.subject = "Tổng kết công tác ngoại vụ địa phương năm 2026";
    doc.core_title = "Báo cáo tổng kết công tác ngoại vụ 2026";

    DocxParagraph heading;
    heading.runs = {{"I. KẾT QUẢ CHUNG", true}};
    heading.keep_with_next = true;
    heading.first_line_indent_mm = 0;
    doc.body.emplace_back(heading);
    DocxParagraph first;
    first.runs = {{"Tại "}, {std::string(kMeeting), false, true}, {", tỉnh Đắk Lắk đã báo cáo."}};
    doc.body.emplace_back(first);

    DocxTable table;
    table.header = {"STT", "Tỉnh, thành phố", "Số đoàn"};
    table.rows = {{"1", "Đắk Lắk", "12"}, {"2", "Thừa Thiên Huế", "7"}, {"3", "Hà Nội"}};
    table.column_widths_mm = {15, 110, 40};
    table.column_align = {DocxAlign::kCenter, DocxAlign::kLeft, DocxAlign::kRight};
    doc.body.emplace_back(table);
    doc.body.emplace_back(Para("Đoạn cuối."));

    doc.recipients = {"Như trên;", "Lãnh đạo Bộ (để b/c);", "Lưu: VT, NV."};
    doc.signer_authority = "KT. BỘ TRƯỞNG";
    doc.signer_title = "THỨ TRƯỞNG";
    doc.signer_name = "Nguyễn Văn A";
    return doc;
}

TEST(WriteDocx, WritesEveryPartOfTheOpcPackage) {
    const std::string docx = WriteDocx(Report());
    ASSERT_EQ(docx.substr(0, 4), std::string("PK\x03\x04", 4));
    auto zip = ZipArchive::Open(docx);
    ASSERT_TRUE(zip.has_value());
    for (const char* part :
         {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
          "word/settings.xml", "word/header1.xml", "word/header2.xml",
          "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"}) {
        EXPECT_TRUE(zip->Contains(part)) << part;
        ParsePart(docx, part);
    }
}

TEST(WriteDocx, DeclaresTheContentTypeOfEveryPart) {
    const pugi::xml_document types = ParsePart(WriteDocx(Report()), "[Content_Types].xml");
    auto override_type = [&](const char* part) {
        return std::string(types.child("Types")
                               .find_child_by_attribute("Override", "PartName", part)
                               .attribute("ContentType")
                               .value());
    };
    const std::string ml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    EXPECT_EQ(override_type("/word/document.xml"), ml + "document.main+xml");
    EXPECT_EQ(override_type("/word/styles.xml"), ml + "styles+xml");
    EXPECT_EQ(override_type("/word/settings.xml"), ml + "settings+xml");
    EXPECT_EQ(override_type("/word/header1.xml"), ml + "header+xml");
    EXPECT_EQ(override_type("/word/header2.xml"), ml + "header+xml");
    EXPECT_EQ(override_type("/docProps/core.xml"),
              "application/vnd.openxmlformats-package.core-properties+xml");
    EXPECT_EQ(override_type("/docProps/app.xml"),
              "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    EXPECT_EQ(std::string(types.child("Types")
                              .find_child_by_attribute("Default", "Extension", "rels")
                              .attribute("ContentType")
                              .value()),
              "application/vnd.openxmlformats-package.relationships+xml");
}

TEST(WriteDocx, RelatesThePackageToTheDocumentAndTheDocumentToItsParts) {
    const std::string docx = WriteDocx(Report());
    const pugi::xml_document rels = ParsePart(docx, "_rels/.rels");
    const pugi::xml_node office = rels.child("Relationships")
                                      .find_child_by_attribute("Relationship", "Type",
                                                               "http://schemas.openxmlformats.org/"
                                                               "officeDocument/2006/relationships/"
                                                               "officeDocument");
    EXPECT_STREQ(office.attribute("Target").value(), "word/document.xml");

    const pugi::xml_document doc_rels = ParsePart(docx, "word/_rels/document.xml.rels");
    std::vector<std::string> targets;
    for (pugi::xml_node r : doc_rels.child("Relationships").children("Relationship")) {
        targets.emplace_back(r.attribute("Target").value());
    }
    for (const char* target : {"styles.xml", "settings.xml", "header1.xml", "header2.xml"}) {
        EXPECT_TRUE(Contains(targets, target)) << target;
    }
}

TEST(WriteDocx, KeepsVietnameseTextExactlyInNfc) {
    const std::vector<std::string> paragraphs = Paragraphs(WriteDocx(Report()));
    EXPECT_TRUE(
        Contains(paragraphs, "Tại " + std::string(kMeeting) + ", tỉnh Đắk Lắk đã báo cáo."));
    EXPECT_TRUE(Contains(paragraphs, "Đắk Lắk"));
    EXPECT_TRUE(Contains(paragraphs, "Thừa Thiên Huế"));
    EXPECT_TRUE(Contains(paragraphs, "Tổng kết công tác ngoại vụ địa phương năm 2026"));

    // Decomposed input (a base letter followed by combining marks) comes out composed.
    DocxDocument doc;
    doc.body.push_back(Para("Đa\xCC\x86\xCC\x81k La\xCC\x86\xCC\x81k"));  // "Đắk Lắk" in NFD
    EXPECT_TRUE(Contains(Paragraphs(WriteDocx(doc)), "Đắk Lắk"));
}

TEST(WriteDocx, EscapesMarkupCharacters) {
    DocxDocument doc = Report();
    const std::string tricky = "a<b> & \"c\" 'd' </w:t></w:r>";
    doc.body.push_back(Para(tricky));
    doc.title_block.body = "UBND <TỈNH> & \"X\"";
    doc.core_title = tricky;
    const std::string docx = WriteDocx(doc);
    const std::vector<std::string> paragraphs = Paragraphs(docx);
    EXPECT_TRUE(Contains(paragraphs, tricky));
    EXPECT_TRUE(Contains(paragraphs, "UBND <TỈNH> & \"X\""));
    EXPECT_NE(Part(docx, "word/document.xml").find("a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"),
              std::string::npos);
    const pugi::xml_document core = ParsePart(docx, "docProps/core.xml");
    EXPECT_EQ(std::string(core.child("cp:coreProperties").child("dc:title").child_value()), tricky);
}

TEST(WriteDocx, ReplacesInvalidUtf8AndCharactersXmlForbids) {
    DocxDocument doc;
    doc.body.push_back(Para(std::string("a\xFF"
                                        "b\x01"
                                        "c\x1F"
                                        "d\xEF\xBF\xBE"
                                        "e") +
                            '\0' + "f"));
    doc.signer_name = "T\xC3";  // truncated sequence
    const std::string docx = WriteDocx(doc);
    const std::vector<std::string> paragraphs = Paragraphs(docx);
    EXPECT_TRUE(Contains(paragraphs, "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf"));
    EXPECT_TRUE(Contains(paragraphs, "T\uFFFD"));
}

TEST(WriteDocx, WritesLineBreaksAndTabsWithinARun) {
    DocxDocument doc;
    doc.body.push_back(Para("một\nhai\r\nba\tbốn"));
    EXPECT_TRUE(Contains(Paragraphs(WriteDocx(doc)), "một\nhai\nba\tbốn"));
}

TEST(WriteDocx, SetsA4PortraitWithTheMarginsOfDecree30InTwips) {
    const pugi::xml_document xml = ParsePart(WriteDocx(Report()), "word/document.xml");
    const pugi::xml_node sect = xml.child("w:document").child("w:body").child("w:sectPr");
    ASSERT_TRUE(sect);
    EXPECT_EQ(sect.child("w:pgSz").attribute("w:w").as_int(), 11906);       // 210 mm
    EXPECT_EQ(sect.child("w:pgSz").attribute("w:h").as_int(), 16838);       // 297 mm
    EXPECT_FALSE(sect.child("w:pgSz").attribute("w:orient"));               // portrait
    EXPECT_EQ(sect.child("w:pgMar").attribute("w:top").as_int(), 1134);     // 20 mm
    EXPECT_EQ(sect.child("w:pgMar").attribute("w:bottom").as_int(), 1134);  // 20 mm
    EXPECT_EQ(sect.child("w:pgMar").attribute("w:left").as_int(), 1701);    // 30 mm
    EXPECT_EQ(sect.child("w:pgMar").attribute("w:right").as_int(), 850);    // 15 mm
    // The body element ends with the section properties.
    EXPECT_EQ(xml.child("w:document").child("w:body").last_child(), sect);
}

TEST(WriteDocx, SetsTimesNewRomanForEveryScriptAndNoOtherFont) {
    const std::string docx = WriteDocx(Report());
    const pugi::xml_document styles = ParsePart(docx, "word/styles.xml");
    const pugi::xml_node fonts = styles
                                     .select_node(
                                         "/w:styles/w:docDefaults/w:rPrDefault/w:rPr/"
                                         "w:rFonts")
                                     .node();
    ASSERT_TRUE(fonts);
    for (const char* script : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"}) {
        EXPECT_STREQ(fonts.attribute(script).value(), "Times New Roman") << script;
    }
    for (const char* part : {"word/styles.xml", "word/document.xml", "word/header1.xml"}) {
        const pugi::xml_document xml = ParsePart(docx, part);
        for (pugi::xpath_node f : xml.select_nodes("//w:rFonts")) {
            for (pugi::xml_attribute a : f.node().attributes()) {
                EXPECT_STREQ(a.value(), "Times New Roman") << part << " " << a.name();
            }
        }
    }
    EXPECT_STREQ(styles.select_node("//w:rPrDefault//w:lang").node().attribute("w:val").value(),
                 "vi-VN");
}

TEST(WriteDocx, NumbersPagesCentredInTheHeaderFromThePageAfterTheFirst) {
    const std::string docx = WriteDocx(Report());
    const pugi::xml_document xml = ParsePart(docx, "word/document.xml");
    const pugi::xml_node sect = xml.select_node("//w:body/w:sectPr").node();
    EXPECT_TRUE(sect.child("w:titlePg"));

    const pugi::xml_document rels = ParsePart(docx, "word/_rels/document.xml.rels");
    auto header_of = [&](const char* type) {
        const char* id = sect.find_child_by_attribute("w:headerReference", "w:type", type)
                             .attribute("r:id")
                             .value();
        const std::string target = rels.child("Relationships")
                                       .find_child_by_attribute("Relationship", "Id", id)
                                       .attribute("Target")
                                       .value();
        EXPECT_FALSE(target.empty()) << type;
        return "word/" + target;
    };
    const pugi::xml_document page = ParsePart(docx, header_of("default"));
    const pugi::xml_node p = page.child("w:hdr").child("w:p");
    EXPECT_STREQ(p.child("w:pPr").child("w:jc").attribute("w:val").value(), "center");
    const std::string instr = page.select_node("//w:instrText").node().child_value();
    EXPECT_EQ(instr, " PAGE ");
    EXPECT_EQ(page.select_nodes("//w:fldChar").size(), 3u);

    const pugi::xml_document first = ParsePart(docx, header_of("first"));
    EXPECT_TRUE(first.child("w:hdr"));
    EXPECT_TRUE(first.select_nodes("//w:instrText | //w:fldSimple | //w:t").empty());
}

TEST(WriteDocx, WritesTableRowsWithTheHeaderRepeatedOnEachPage) {
    const pugi::xml_document xml = ParsePart(WriteDocx(Report()), "word/document.xml");
    pugi::xml_node table;
    for (pugi::xpath_node t : xml.select_nodes("//w:tbl")) {
        if (std::string_view(
                t.node().select_node(".//w:tblBorders/w:top").node().attribute("w:val").value()) ==
            "single") {
            table = t.node();
        }
    }
    ASSERT_TRUE(table) << "no table with borders";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        EXPECT_STREQ(table.child("w:tblPr")
                         .child("w:tblBorders")
                         .child((std::string("w:") + side).c_str())
                         .attribute("w:val")
                         .value(),
                     "single")
            << side;
    }
    std::vector<int> grid;
    for (pugi::xml_node col : table.child("w:tblGrid").children("w:gridCol")) {
        grid.push_back(col.attribute("w:w").as_int());
    }
    EXPECT_EQ(grid, (std::vector<int>{850, 6236, 2268}));  // 15, 110 and 40 mm

    std::vector<std::vector<std::string>> rows;
    std::vector<bool> repeated;
    for (pugi::xml_node tr : table.children("w:tr")) {
        repeated.push_back(static_cast<bool>(tr.child("w:trPr").child("w:tblHeader")));
        auto& row = rows.emplace_back();
        for (pugi::xml_node tc : tr.children("w:tc")) {
            row.push_back(ParagraphText(tc.child("w:p")));
        }
    }
    EXPECT_EQ(rows, (std::vector<std::vector<std::string>>{{"STT", "Tỉnh, thành phố", "Số đoàn"},
                                                           {"1", "Đắk Lắk", "12"},
                                                           {"2", "Thừa Thiên Huế", "7"},
                                                           {"3", "Hà Nội", ""}}));
    EXPECT_EQ(repeated, (std::vector<bool>{true, false, false, false}));

    const pugi::xml_node header_run = table.child("w:tr").child("w:tc").child("w:p").child("w:r");
    EXPECT_TRUE(header_run.child("w:rPr").child("w:b"));
    EXPECT_STREQ(header_run.child("w:rPr").child("w:sz").attribute("w:val").value(), "24");
    const pugi::xml_node second_row = table.child("w:tr").next_sibling("w:tr");
    const pugi::xml_node number_cell = second_row.child("w:tc").next_sibling().next_sibling();
    EXPECT_STREQ(number_cell.child("w:p").child("w:pPr").child("w:jc").attribute("w:val").value(),
                 "right");
    EXPECT_FALSE(second_row.child("w:tc").child("w:p").child("w:r").child("w:rPr").child("w:b"));
}

TEST(WriteDocx, SharesTheTextWidthEquallyWhenNoWidthIsGiven) {
    DocxDocument doc;
    DocxTable table;
    table.rows = {{"a", "b"}, {"c", "d", "e"}};
    doc.body.emplace_back(table);
    const pugi::xml_document xml = ParsePart(WriteDocx(doc), "word/document.xml");
    std::vector<int> grid;
    for (pugi::xpath_node col : xml.select_nodes("//w:tbl[.//w:tblBorders/w:top[@w:val='single']]"
                                                 "/w:tblGrid/w:gridCol")) {
        grid.push_back(col.node().attribute("w:w").as_int());
    }
    EXPECT_EQ(grid, (std::vector<int>{3118, 3118, 3118}));  // 165 mm / 3
}

TEST(WriteDocx, WritesTheTitleBlockOfDecree30) {
    const pugi::xml_document xml = ParsePart(WriteDocx(Report()), "word/document.xml");
    const std::vector<std::string> paragraphs = Paragraphs(WriteDocx(Report()));
    // The title block is the first table: the body and national title on the first row, the
    // number and the date on the second.
    const pugi::xml_node title = xml.child("w:document").child("w:body").child("w:tbl");
    ASSERT_TRUE(title);
    EXPECT_STREQ(title.select_node(".//w:tblBorders/w:top").node().attribute("w:val").value(),
                 "nil");
    const pugi::xml_node row1 = title.child("w:tr");
    const pugi::xml_node row2 = row1.next_sibling("w:tr");
    EXPECT_EQ(ParagraphText(row1.child("w:tc").child("w:p")), "BỘ NGOẠI GIAO");
    EXPECT_EQ(ParagraphText(row1.child("w:tc").child("w:p").next_sibling("w:p")), "CỤC NGOẠI VỤ");
    EXPECT_EQ(ParagraphText(row2.child("w:tc")), "Số: 12/BC-BNG");
    EXPECT_EQ(ParagraphText(row2.child("w:tc").next_sibling("w:tc")),
              "Hà Nội, ngày 07 tháng 12 năm 2026");

    const pugi::xml_node body = FindParagraph(xml, "CỤC NGOẠI VỤ");
    EXPECT_TRUE(body.child("w:r").child("w:rPr").child("w:b"));
    // The short line under the body: an empty paragraph with a top border.
    EXPECT_STREQ(body.next_sibling("w:p")
                     .child("w:pPr")
                     .child("w:pBdr")
                     .child("w:top")
                     .attribute("w:val")
                     .value(),
                 "single");

    const pugi::xml_node national = FindParagraph(xml, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    ASSERT_TRUE(national);
    EXPECT_TRUE(national.child("w:r").child("w:rPr").child("w:b"));
    EXPECT_STREQ(national.child("w:r").child("w:rPr").child("w:sz").attribute("w:val").value(),
                 "26");
    const pugi::xml_node motto = FindParagraph(xml, "Độc lập - Tự do - Hạnh phúc");
    ASSERT_TRUE(motto);
    EXPECT_TRUE(motto.child("w:r").child("w:rPr").child("w:b"));
    EXPECT_STREQ(motto.child("w:r").child("w:rPr").child("w:u").attribute("w:val").value(),
                 "single");
    EXPECT_STREQ(motto.child("w:r").child("w:rPr").child("w:sz").attribute("w:val").value(), "28");
    const pugi::xml_node date = FindParagraph(xml, "Hà Nội, ngày 07 tháng 12 năm 2026");
    EXPECT_TRUE(date.child("w:r").child("w:rPr").child("w:i"));

    for (const char* text : {"BÁO CÁO", "Tổng kết công tác ngoại vụ địa phương năm 2026"}) {
        const pugi::xml_node p = FindParagraph(xml, text);
        ASSERT_TRUE(p) << text;
        EXPECT_STREQ(p.child("w:pPr").child("w:jc").attribute("w:val").value(), "center") << text;
        EXPECT_TRUE(p.child("w:r").child("w:rPr").child("w:b")) << text;
        EXPECT_STREQ(p.child("w:r").child("w:rPr").child("w:sz").attribute("w:val").value(), "28");
    }
    // Nothing precedes the title block.
    EXPECT_EQ(std::string_view(xml.child("w:document").child("w:body").first_child().name()),
              "w:tbl");
    EXPECT_TRUE(Contains(paragraphs, "BÁO CÁO"));
}

TEST(WriteDocx, OmitsAnEmptyParentBodyAndNumber) {
    DocxDocument doc;
    doc.title_block.body = "UBND TỈNH ĐẮK LẮK";
    const pugi::xml_document xml = ParsePart(WriteDocx(doc), "word/document.xml");
    const pugi::xml_node cell = xml.select_node("//w:tbl/w:tr/w:tc").node();
    EXPECT_EQ(ParagraphText(cell.child("w:p")), "UBND TỈNH ĐẮK LẮK");
}

struct DateCase {
    int day, month, year;
    const char* line;
};

TEST(WriteDocx, WritesTheDateLineWithLeadingZerosAsDecree30Says) {
    for (const DateCase& c : {DateCase{7, 12, 2026, "Hà Nội, ngày 07 tháng 12 năm 2026"},
                              DateCase{5, 1, 2026, "Hà Nội, ngày 05 tháng 01 năm 2026"},
                              DateCase{28, 2, 2027, "Hà Nội, ngày 28 tháng 02 năm 2027"},
                              DateCase{10, 3, 2026, "Hà Nội, ngày 10 tháng 3 năm 2026"},
                              DateCase{9, 9, 2026, "Hà Nội, ngày 09 tháng 9 năm 2026"},
                              DateCase{31, 10, 2026, "Hà Nội, ngày 31 tháng 10 năm 2026"},
                              DateCase{0, 0, 2026, "Hà Nội, ngày      tháng      năm 2026"}}) {
        DocxDocument doc;
        doc.title_block.place = "Hà Nội";
        doc.title_block.day = c.day;
        doc.title_block.month = c.month;
        doc.title_block.year = c.year;
        EXPECT_TRUE(Contains(Paragraphs(WriteDocx(doc)), c.line)) << c.line;
    }
}

TEST(WriteDocx, WritesBodyParagraphsWithTheirLayout) {
    DocxDocument doc;
    DocxParagraph p;
    p.runs = {{"Đậm", true, false}, {" nghiêng", false, true}, {" thường"}};
    p.align = DocxAlign::kRight;
    p.size_pt = 13;
    p.first_line_indent_mm = 10;
    p.space_after_pt = 6;
    p.keep_with_next = true;
    doc.body.push_back(p);
    const pugi::xml_document xml = ParsePart(WriteDocx(doc), "word/document.xml");
    const pugi::xml_node para = FindParagraph(xml, "Đậm nghiêng thường");
    ASSERT_TRUE(para);
    const pugi::xml_node ppr = para.child("w:pPr");
    EXPECT_STREQ(ppr.child("w:jc").attribute("w:val").value(), "right");
    EXPECT_EQ(ppr.child("w:ind").attribute("w:firstLine").as_int(), 567);  // 10 mm
    EXPECT_EQ(ppr.child("w:spacing").attribute("w:after").as_int(), 120);  // 6 pt
    EXPECT_TRUE(ppr.child("w:keepNext"));
    std::vector<pugi::xml_node> runs;
    for (pugi::xml_node r : para.children("w:r")) {
        runs.push_back(r);
    }
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_TRUE(runs[0].child("w:rPr").child("w:b"));
    EXPECT_FALSE(runs[0].child("w:rPr").child("w:i"));
    EXPECT_TRUE(runs[1].child("w:rPr").child("w:i"));
    EXPECT_FALSE(runs[2].child("w:rPr").child("w:b"));
    for (pugi::xml_node r : runs) {
        EXPECT_STREQ(r.child("w:rPr").child("w:sz").attribute("w:val").value(), "26");
    }

    DocxDocument justified;
    justified.body.push_back(Para("Căn đều."));
    DocxParagraph hanging = Para("- Treo.");
    hanging.first_line_indent_mm = -5;
    justified.body.push_back(hanging);
    const pugi::xml_document j = ParsePart(WriteDocx(justified), "word/document.xml");
    const pugi::xml_node ind = FindParagraph(j, "- Treo.").child("w:pPr").child("w:ind");
    EXPECT_EQ(ind.attribute("w:left").as_int(), 283);  // 5 mm
    EXPECT_EQ(ind.attribute("w:hanging").as_int(), 283);
    EXPECT_FALSE(ind.attribute("w:firstLine"));
    EXPECT_STREQ(
        FindParagraph(j, "Căn đều.").child("w:pPr").child("w:jc").attribute("w:val").value(),
        "both");
}

TEST(WriteDocx, WritesRecipientsBottomLeftAndTheSignatureBottomRight) {
    const pugi::xml_document xml = ParsePart(WriteDocx(Report()), "word/document.xml");
    const pugi::xml_node heading = FindParagraph(xml, "Nơi nhận:");
    ASSERT_TRUE(heading);
    const pugi::xml_node rpr = heading.child("w:r").child("w:rPr");
    EXPECT_TRUE(rpr.child("w:i"));
    EXPECT_STREQ(rpr.child("w:sz").attribute("w:val").value(), "24");
    const pugi::xml_node item = FindParagraph(xml, "- Như trên;");
    ASSERT_TRUE(item);
    EXPECT_STREQ(item.child("w:r").child("w:rPr").child("w:sz").attribute("w:val").value(), "22");
    EXPECT_TRUE(FindParagraph(xml, "- Lưu: VT, NV."));

    // The recipients and the signature share the last table's row: left and right.
    const pugi::xpath_node_set tables = xml.select_nodes("//w:body/w:tbl");
    ASSERT_GE(tables.size(), 2u);
    const pugi::xml_node last_table = tables[tables.size() - 1].node();
    const pugi::xml_node left = last_table.child("w:tr").child("w:tc");
    const pugi::xml_node right = left.next_sibling("w:tc");
    EXPECT_EQ(ParagraphText(left.child("w:p")), "Nơi nhận:");
    std::vector<std::string> signature;
    for (pugi::xml_node p : right.children("w:p")) {
        signature.push_back(ParagraphText(p));
        EXPECT_STREQ(p.child("w:pPr").child("w:jc").attribute("w:val").value(), "center");
    }
    EXPECT_EQ(signature, (std::vector<std::string>{"KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn A"}));
    EXPECT_TRUE(FindParagraph(xml, "Nguyễn Văn A").child("w:r").child("w:rPr").child("w:b"));
}

TEST(WriteDocx, WritesCorePropertiesWithTheDocumentsDate) {
    const std::string docx = WriteDocx(Report());
    const pugi::xml_document core = ParsePart(docx, "docProps/core.xml");
    const pugi::xml_node props = core.child("cp:coreProperties");
    EXPECT_STREQ(props.child("dc:title").child_value(), "Báo cáo tổng kết công tác ngoại vụ 2026");
    EXPECT_STREQ(props.child("dc:language").child_value(), "vi-VN");
    EXPECT_STREQ(props.child("dcterms:created").child_value(), "2026-12-07T00:00:00Z");
    EXPECT_STREQ(props.child("dcterms:modified").child_value(), "2026-12-07T00:00:00Z");

    DocxDocument untitled = Report();
    untitled.core_title.clear();
    const pugi::xml_document fallback = ParsePart(WriteDocx(untitled), "docProps/core.xml");
    EXPECT_STREQ(fallback.child("cp:coreProperties").child("dc:title").child_value(),
                 "Tổng kết công tác ngoại vụ địa phương năm 2026");
}

// The DOS date of the first local file header (bytes 12–13, little-endian).
unsigned FirstEntryDosDate(const std::string& zip) {
    return static_cast<unsigned char>(zip[12]) | (static_cast<unsigned char>(zip[13]) << 8u);
}

TEST(WriteDocx, GivesTheSameBytesForTheSameDocument) {
    const std::string a = WriteDocx(Report());
    const std::string b = WriteDocx(Report());
    EXPECT_EQ(a, b);
    EXPECT_EQ(FirstEntryDosDate(a), ((2026u - 1980u) << 9) | (12u << 5) | 7u);

    DocxDocument other = Report();
    other.title_block.day = 8;
    EXPECT_NE(WriteDocx(other), a);

    DocxDocument undated;
    EXPECT_EQ(WriteDocx(undated), WriteDocx(undated));
    EXPECT_EQ(FirstEntryDosDate(WriteDocx(undated)), (0u << 9) | (1u << 5) | 1u);  // 1980-01-01
}

TEST(WriteDocx, WritesAValidPackageForAnEmptyDocument) {
    const std::string docx = WriteDocx(DocxDocument{});
    ParsePart(docx, "word/document.xml");
    ParsePart(docx, "docProps/core.xml");
    DocxDocument empty_table;
    empty_table.body.emplace_back(DocxTable{});
    const pugi::xml_document xml = ParsePart(WriteDocx(empty_table), "word/document.xml");
    // Only the title block's table: an empty table is left out.
    EXPECT_EQ(xml.select_nodes("//w:tbl").size(), 1u);
}

TEST(WriteDocx, KeepsALargeDocumentInOnePiece) {
    DocxDocument doc = Report();
    DocxTable table;
    table.header = {"STT", "Nội dung"};
    for (int i = 1; i <= 5000; ++i) {
        table.rows.push_back(
            {std::to_string(i), std::string(kMeeting) + " – dòng " + std::to_string(i)});
    }
    doc.body.emplace_back(table);
    const std::string docx = WriteDocx(doc);
    const std::vector<std::string> paragraphs = Paragraphs(docx);
    EXPECT_TRUE(Contains(paragraphs, std::string(kMeeting) + " – dòng 5000"));
}

}  // namespace
}  // namespace ngoaivu::office
