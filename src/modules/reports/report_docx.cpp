#include "modules/reports/report_docx.hpp"

#include "base/text.hpp"
#include "modules/reports/report_text.hpp"
#include "office/docx_writer.hpp"

namespace ngoaivu::reports {

namespace {

using office::DocxAlign;
using office::DocxParagraph;
using office::DocxRun;
using office::DocxTable;

std::string Int(std::int64_t n) {
    return text::FormatInteger(n, text::Lang::kVi);
}

DocxParagraph Heading(const std::string& title) {
    DocxParagraph p;
    p.runs.push_back({title, true, false});
    p.keep_with_next = true;
    p.space_before_pt = 6;
    return p;
}

DocxParagraph Body(const std::string& text) {
    DocxParagraph p;
    p.runs.push_back({text, false, false});
    return p;
}

DocxTable CountTable(const std::string& key_header, const std::vector<KeyCount>& counts,
                     std::size_t limit) {
    DocxTable t;
    t.header = {"TT", key_header, "Số lượng"};
    t.column_widths_mm = {12, 118, 30};
    t.column_align = {DocxAlign::kCenter, DocxAlign::kLeft, DocxAlign::kRight};
    for (std::size_t i = 0; i < counts.size() && i < limit; ++i)
        t.rows.push_back({std::to_string(i + 1), counts[i].name_vi, Int(counts[i].count)});
    return t;
}

}  // namespace

std::string ReviewDocx(const Review& r, Date today) {
    office::DocxDocument doc;
    doc.title_block.parent_body = "BỘ NGOẠI GIAO";
    doc.title_block.body = "CỤC NGOẠI VỤ";
    doc.title_block.number = "Số:        /BC-BNG";
    doc.title_block.place = "Hà Nội";
    doc.title_block.day = today.day();
    doc.title_block.month = today.month();
    doc.title_block.year = today.year();
    doc.kind_title = "BÁO CÁO";
    std::string where = r.unit ? r.unit->name_vi : "các địa phương";
    doc.subject = "Tổng kết công tác đối ngoại của " + where + " " + PeriodText(r, false);
    doc.core_title = doc.subject;
    auto sections = ReviewText(r, false);
    int n = 0;
    const char* numerals[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"};
    for (const auto& s : sections) {
        doc.body.push_back(Heading(std::string(numerals[n++]) + ". " + s.title));
        for (const auto& p : s.paragraphs)
            doc.body.push_back(Body(p));
        if (s.key == "agreements" && !r.agreements.by_country.empty())
            doc.body.push_back(CountTable("Quốc gia đối tác", r.agreements.by_country, 10));
        if (s.key == "agreements" && !r.unit && !r.agreements.by_unit.empty())
            doc.body.push_back(CountTable("Tỉnh, thành phố", r.agreements.by_unit, 10));
        if (s.key == "events" && !r.events.by_type.empty())
            doc.body.push_back(CountTable("Loại sự kiện", r.events.by_type, 20));
        if (s.key == "economy" && !r.economy.years.empty() && r.economy.exports_def) {
            DocxTable t;
            t.header = {"Năm", "Xuất khẩu", "Nhập khẩu", "Tổng kim ngạch", "FDI đăng ký"};
            t.column_align = {DocxAlign::kCenter, DocxAlign::kRight, DocxAlign::kRight,
                              DocxAlign::kRight, DocxAlign::kRight};
            auto cell = [](const std::optional<std::int64_t>& v,
                           const std::optional<FigureDef>& d) {
                return v && d ? FormatMilli(*v, d->decimals, false) : std::string("—");
            };
            for (const auto& y : r.economy.years) {
                t.rows.push_back({std::to_string(y.year), cell(y.exports, r.economy.exports_def),
                                  cell(y.imports, r.economy.imports_def),
                                  cell(y.trade, r.economy.exports_def),
                                  cell(y.fdi, r.economy.fdi_def)});
            }
            doc.body.push_back(t);
        }
        if (s.key == "awards" && !r.awards_by_kind.empty())
            doc.body.push_back(CountTable("Hình thức khen thưởng", r.awards_by_kind, 20));
    }
    if (r.split_impossible) {
        DocxParagraph note = Body(SplitNote(false));
        note.runs.front().italic = true;
        doc.body.push_back(note);
    }
    doc.recipients = {"Lãnh đạo Bộ (để báo cáo);", "Các tỉnh, thành phố trực thuộc Trung ương;",
                      "Lưu: VT, NgV."};
    doc.signer_authority = "KT. BỘ TRƯỞNG";
    doc.signer_title = "THỨ TRƯỞNG";
    doc.signer_name = "";
    return office::WriteDocx(doc);
}

}  // namespace ngoaivu::reports
