#include "office/docx_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <minizip/zip.h>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "base/date.hpp"
#include "base/text.hpp"
#include "office/utf8.hpp"

namespace ngoaivu::office {

namespace {

using detail::AppendUtf8;
using detail::DecodeUtf8;
using detail::kReplacement;

// ---------------------------------------------------------------------------------------------
// Page geometry (Decree 30/2020/NĐ-CP, Annex I), in millimetres.

constexpr double kPageWidthMm = 210;
constexpr double kPageHeightMm = 297;
constexpr double kMarginTopMm = 20;
constexpr double kMarginBottomMm = 20;
constexpr double kMarginLeftMm = 30;
constexpr double kMarginRightMm = 15;
constexpr double kHeaderDistanceMm = 10;  // from the top edge to the page number
constexpr double kTextWidthMm = kPageWidthMm - kMarginLeftMm - kMarginRightMm;

// The title block and the signature: the widths of their two borderless columns.
constexpr double kTitleLeftMm = 62;
constexpr double kTitleRightMm = kTextWidthMm - kTitleLeftMm;
constexpr double kSignLeftMm = 80;
constexpr double kSignRightMm = kTextWidthMm - kSignLeftMm;

// The left and right cell margins of a body table (Word's default, 0.19 cm), in twips. The
// borderless title block and signature have none: their text gets the whole column.
constexpr int kCellMarginTwips = 108;
// Narrowest column a body table gets when the given widths leave no room, in millimetres.
constexpr double kMinColumnMm = 5;

constexpr const char* kFont = "Times New Roman";
constexpr const char* kNationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr const char* kMotto = "Độc lập - Tự do - Hạnh phúc";

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Twentieths of a point from millimetres (1 in = 25.4 mm = 1440 twips).
int Twips(double mm) {
    return static_cast<int>(std::lround(mm * 1440.0 / 25.4));
}

// Twentieths of a point from points, never negative.
int PtTwips(int pt) {
    return std::clamp(pt, 0, 1584) * 20;
}

// Half-points from points, within what Word accepts (1–1638 pt).
int HalfPoints(int pt) {
    return std::clamp(pt, 1, 1638) * 2;
}

// ---------------------------------------------------------------------------------------------
// Text.

// Well-formed UTF-8 in NFC: invalid bytes become U+FFFD first, so Nfc never refuses.
std::string Clean(std::string_view s) {
    return text::Nfc(detail::ToValidUtf8(s));
}

// True for a code point XML 1.0 allows in character data.
bool IsXmlChar(char32_t cp) {
    if (cp < 0x20) {
        return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    }
    return !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
}

// Appends `s` (well-formed UTF-8) escaped for XML character data or an attribute value; a
// character XML forbids becomes U+FFFD.
void AppendEscaped(std::string_view s, std::string* out) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        std::size_t len = DecodeUtf8(s, i, &cp);
        if (len == 0) {
            cp = kReplacement;
            len = 1;
        }
        switch (cp) {
            case '&':
                out->append("&amp;");
                break;
            case '<':
                out->append("&lt;");
                break;
            case '>':
                out->append("&gt;");
                break;
            case '"':
                out->append("&quot;");
                break;
            case '\'':
                out->append("&apos;");
                break;
            default:
                if (!IsXmlChar(cp)) {
                    AppendUtf8(kReplacement, out);
                } else {
                    out->append(s.substr(i, len));
                }
        }
        i += len;
    }
}

// `s` cleaned and escaped.
std::string Xml(std::string_view s) {
    std::string out;
    AppendEscaped(Clean(s), &out);
    return out;
}

// Number of code points in well-formed UTF-8.
std::size_t CodePoints(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A rough width of `s` set in Times New Roman at `size_pt`, in millimetres, at `em_per_char` em
// per character (about 0.7 for bold capitals, 0.55 for mixed case). Only the length of the short
// lines under the issuing body and the subject (1/3 to 1/2 of the text above, Decree 30) uses it.
double EstimatedWidthMm(std::string_view s, int size_pt, double em_per_char) {
    return static_cast<double>(CodePoints(s)) * size_pt * (25.4 / 72.0) * em_per_char;
}

std::string TwoDigits(int n) {
    return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

// "Hà Nội, ngày 07 tháng 12 năm 2026" (Decree 30, Annex I: a day below 10 and the months 1 and 2
// take a leading zero); a part left 0 stays blank for the hand.
std::string DateLine(const DocxTitleBlock& tb) {
    const std::string place = Clean(tb.place);
    std::string line = place.empty() ? "Ngày " : place + ", ngày ";
    line += tb.day > 0 ? TwoDigits(tb.day) : std::string("    ");
    line += " tháng ";
    if (tb.month > 0) {
        line += tb.month <= 2 ? TwoDigits(tb.month) : std::to_string(tb.month);
    } else {
        line += "    ";
    }
    line += " năm ";
    line += tb.year > 0 ? std::to_string(tb.year) : std::string("        ");
    return line;
}

// ---------------------------------------------------------------------------------------------
// WordprocessingML fragments.

const char* AlignValue(DocxAlign align) {
    switch (align) {
        case DocxAlign::kLeft:
            return "left";
        case DocxAlign::kCenter:
            return "center";
        case DocxAlign::kRight:
            return "right";
        case DocxAlign::kJustify:
            return "both";
    }
    return "both";
}

struct RunStyle {
    bool bold = false;
    bool italic = false;
    bool underline = false;
    int size_pt = 14;
};

struct ParaStyle {
    DocxAlign align = DocxAlign::kLeft;
    int first_line_twips = 0;  // negative: a hanging indent
    int left_twips = 0;
    int right_twips = 0;
    int before_twips = 0;
    int after_twips = 0;
    bool keep_next = false;
    bool top_rule = false;  // a single line above the paragraph, between the indents
    int mark_size_pt = 0;   // the paragraph mark's size; 0: none given
};

void AppendRunProps(const RunStyle& rs, std::string* out) {
    out->append("<w:rPr>");
    if (rs.bold) {
        out->append("<w:b/><w:bCs/>");
    }
    if (rs.italic) {
        out->append("<w:i/><w:iCs/>");
    }
    const std::string sz = std::to_string(HalfPoints(rs.size_pt));
    out->append("<w:sz w:val=\"" + sz + "\"/><w:szCs w:val=\"" + sz + "\"/>");
    if (rs.underline) {
        out->append("<w:u w:val=\"single\"/>");
    }
    out->append("</w:rPr>");
}

void AppendParaProps(const ParaStyle& ps, std::string* out) {
    out->append("<w:pPr>");
    if (ps.keep_next) {
        out->append("<w:keepNext/>");
    }
    if (ps.top_rule) {
        out->append(
            "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
            "w:color=\"000000\"/></w:pBdr>");
    }
    out->append("<w:spacing w:before=\"" + std::to_string(ps.before_twips) + "\" w:after=\"" +
                std::to_string(ps.after_twips) + "\" w:line=\"240\" w:lineRule=\"auto\"/>");
    out->append("<w:ind w:left=\"" + std::to_string(ps.left_twips) + "\" w:right=\"" +
                std::to_string(ps.right_twips) + "\"");
    if (ps.first_line_twips >= 0) {
        out->append(" w:firstLine=\"" + std::to_string(ps.first_line_twips) + "\"/>");
    } else {
        out->append(" w:hanging=\"" + std::to_string(-ps.first_line_twips) + "\"/>");
    }
    out->append("<w:jc w:val=\"");
    out->append(AlignValue(ps.align));
    out->append("\"/>");
    if (ps.mark_size_pt > 0) {
        RunStyle mark;
        mark.size_pt = ps.mark_size_pt;
        AppendRunProps(mark, out);
    }
    out->append("</w:pPr>");
}

// One run: `text` cleaned, with "\n" (or "\r\n", "\r") as a line break and "\t" as a tab.
void AppendRun(std::string_view raw, const RunStyle& rs, std::string* out) {
    const std::string text = Clean(raw);
    if (text.empty()) {
        return;
    }
    out->append("<w:r>");
    AppendRunProps(rs, out);
    std::string pending;
    auto flush = [&] {
        if (!pending.empty()) {
            out->append("<w:t xml:space=\"preserve\">");
            AppendEscaped(pending, out);
            out->append("</w:t>");
            pending.clear();
        }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') {
            flush();
            out->append("<w:br/>");
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else if (c == '\t') {
            flush();
            out->append("<w:tab/>");
        } else {
            pending.push_back(c);
        }
    }
    flush();
    out->append("</w:r>");
}

struct Piece {
    std::string_view text;
    RunStyle style;
};

void AppendParagraph(const ParaStyle& ps, const std::vector<Piece>& pieces, std::string* out) {
    out->append("<w:p>");
    AppendParaProps(ps, out);
    for (const Piece& piece : pieces) {
        AppendRun(piece.text, piece.style, out);
    }
    out->append("</w:p>");
}

// A centred paragraph of one run with no spacing.
void AppendCentred(std::string_view text, const RunStyle& rs, std::string* out, int before_pt = 0) {
    ParaStyle ps;
    ps.align = DocxAlign::kCenter;
    ps.before_twips = PtTwips(before_pt);
    ps.mark_size_pt = rs.size_pt;
    AppendParagraph(ps, {{text, rs}}, out);
}

// An empty paragraph carrying a centred short rule `rule_mm` long in a space `space_twips` wide
// (the cell's or the page's text width).
void AppendShortRule(double rule_mm, int space_twips, std::string* out) {
    const int rule = std::clamp(Twips(rule_mm), Twips(8), space_twips);
    ParaStyle ps;
    ps.align = DocxAlign::kCenter;
    ps.left_twips = (space_twips - rule) / 2;
    ps.right_twips = space_twips - rule - ps.left_twips;
    ps.top_rule = true;
    ps.mark_size_pt = 6;
    AppendParagraph(ps, {}, out);
}

// A tiny empty paragraph: separates two tables (Word would join them) and ends the body.
void AppendSpacer(std::string* out) {
    ParaStyle ps;
    ps.mark_size_pt = 6;
    AppendParagraph(ps, {}, out);
}

void AppendTableStart(const std::vector<int>& widths, bool borders, std::string* out) {
    int total = 0;
    for (int w : widths) {
        total += w;
    }
    out->append("<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) +
                "\" w:type=\"dxa\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>");
    const char* line =
        borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" : "w:val=\"nil\"";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        out->append("<w:");
        out->append(side);
        out->append(" ");
        out->append(line);
        out->append("/>");
    }
    const std::string margin = std::to_string(borders ? kCellMarginTwips : 0);
    out->append("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"" +
                margin + "\" w:type=\"dxa\"/><w:right w:w=\"" + margin +
                "\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" "
                "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
                "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for (int w : widths) {
        out->append("<w:gridCol w:w=\"" + std::to_string(w) + "\"/>");
    }
    out->append("</w:tblGrid>");
}

void AppendCellStart(int width_twips, bool centre_vertically, std::string* out) {
    out->append("<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width_twips) +
                "\" w:type=\"dxa\"/>");
    if (centre_vertically) {
        out->append("<w:vAlign w:val=\"center\"/>");
    }
    out->append("</w:tcPr>");
}

// ---------------------------------------------------------------------------------------------
// The parts of the document.

void AppendTitleBlock(const DocxTitleBlock& tb, std::string* out) {
    const int left = Twips(kTitleLeftMm);
    const int right = Twips(kTitleRightMm);
    AppendTableStart({left, right}, false, out);

    // Row 1: the issuing body | the national title and the motto.
    out->append("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    AppendCellStart(left, false, out);
    if (!Clean(tb.parent_body).empty()) {
        AppendCentred(tb.parent_body, {.size_pt = 13}, out);
    }
    AppendCentred(tb.body, {.bold = true, .size_pt = 13}, out);
    const std::string body = Clean(tb.body);
    AppendShortRule(EstimatedWidthMm(body, 13, 0.7) * 0.4, left, out);  // 2/5 of the text
    out->append("</w:tc>");
    AppendCellStart(right, false, out);
    AppendCentred(kNationalTitle, {.bold = true, .size_pt = 13}, out);
    AppendCentred(kMotto, {.bold = true, .underline = true, .size_pt = 14}, out);
    out->append("</w:tc></w:tr>");

    // Row 2: the number | the place and date.
    out->append("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    AppendCellStart(left, false, out);
    AppendCentred(tb.number, {.size_pt = 13}, out, 6);
    out->append("</w:tc>");
    AppendCellStart(right, false, out);
    AppendCentred(DateLine(tb), {.italic = true, .size_pt = 14}, out, 6);
    out->append("</w:tc></w:tr></w:tbl>");
}

void AppendKindAndSubject(const DocxDocument& doc, std::string* out) {
    const std::string kind = Clean(doc.kind_title);
    const std::string subject = Clean(doc.subject);
    const RunStyle heading{.bold = true, .size_pt = 14};
    ParaStyle ps;
    ps.align = DocxAlign::kCenter;
    ps.keep_next = true;
    ps.mark_size_pt = 14;
    ps.before_twips = PtTwips(24);
    if (!kind.empty()) {
        AppendParagraph(ps, {{kind, heading}}, out);
        ps.before_twips = 0;
    }
    if (!subject.empty()) {
        AppendParagraph(ps, {{subject, heading}}, out);
        const double subject_mm = std::min(EstimatedWidthMm(subject, 14, 0.55), kTextWidthMm);
        AppendShortRule(subject_mm * 0.4, Twips(kTextWidthMm), out);
    } else if (!kind.empty()) {
        AppendSpacer(out);
    }
}

void AppendBodyParagraph(const DocxParagraph& p, std::string* out) {
    ParaStyle ps;
    ps.align = p.align;
    ps.first_line_twips =
        std::clamp(Twips(p.first_line_indent_mm), -Twips(kTextWidthMm), Twips(kTextWidthMm));
    ps.left_twips = std::max(0, -ps.first_line_twips);  // a hanging first line starts at 0
    ps.before_twips = PtTwips(p.space_before_pt);
    ps.after_twips = PtTwips(p.space_after_pt);
    ps.keep_next = p.keep_with_next;
    ps.mark_size_pt = p.size_pt;
    std::vector<Piece> pieces;
    pieces.reserve(p.runs.size());
    for (const DocxRun& run : p.runs) {
        pieces.push_back(
            {run.text, {.bold = run.bold, .italic = run.italic, .size_pt = p.size_pt}});
    }
    AppendParagraph(ps, pieces, out);
}

// The widths of a body table's `columns` columns, in twips: the given widths first, the others
// sharing what is left of the text width equally.
std::vector<int> ColumnWidths(const DocxTable& t, std::size_t columns) {
    std::vector<int> widths(columns, 0);
    double given_mm = 0;
    std::size_t given = 0;
    for (std::size_t c = 0; c < columns && c < t.column_widths_mm.size(); ++c) {
        if (t.column_widths_mm[c] > 0) {
            widths[c] = Twips(t.column_widths_mm[c]);
            given_mm += t.column_widths_mm[c];
            ++given;
        }
    }
    if (given < columns) {
        const double share = std::max(
            kMinColumnMm, (kTextWidthMm - given_mm) / static_cast<double>(columns - given));
        for (int& w : widths) {
            if (w == 0) {
                w = Twips(share);
            }
        }
    }
    return widths;
}

void AppendTableRow(const std::vector<std::string>& cells, const std::vector<int>& widths,
                    const DocxTable& t, bool header, std::string* out) {
    out->append("<w:tr><w:trPr><w:cantSplit/>");
    if (header) {
        out->append("<w:tblHeader/>");
    }
    out->append("</w:trPr>");
    for (std::size_t c = 0; c < widths.size(); ++c) {
        AppendCellStart(widths[c], header, out);
        ParaStyle ps;
        if (header) {
            ps.align = DocxAlign::kCenter;
        } else if (c < t.column_align.size()) {
            ps.align = t.column_align[c];
        }
        ps.before_twips = PtTwips(2);
        ps.after_twips = PtTwips(2);
        ps.mark_size_pt = t.size_pt;
        const std::string_view text = c < cells.size() ? std::string_view(cells[c]) : "";
        AppendParagraph(ps, {{text, {.bold = header, .size_pt = t.size_pt}}}, out);
        out->append("</w:tc>");
    }
    out->append("</w:tr>");
}

void AppendBodyTable(const DocxTable& t, std::string* out) {
    std::size_t columns = t.header.size();
    for (const auto& row : t.rows) {
        columns = std::max(columns, row.size());
    }
    if (columns == 0 || (t.header.empty() && t.rows.empty())) {
        return;  // nothing to show; an empty w:tbl would not be valid
    }
    const std::vector<int> widths = ColumnWidths(t, columns);
    AppendTableStart(widths, true, out);
    if (!t.header.empty()) {
        AppendTableRow(t.header, widths, t, true, out);
    }
    for (const auto& row : t.rows) {
        AppendTableRow(row, widths, t, false, out);
    }
    out->append("</w:tbl>");
    AppendSpacer(out);
}

bool HasSignature(const DocxDocument& doc) {
    return !doc.recipients.empty() || !doc.signer_authority.empty() || !doc.signer_title.empty() ||
           !doc.signer_name.empty();
}

void AppendSignature(const DocxDocument& doc, std::string* out) {
    const int left = Twips(kSignLeftMm);
    const int right = Twips(kSignRightMm);
    AppendTableStart({left, right}, false, out);
    out->append("<w:tr><w:trPr><w:cantSplit/></w:trPr>");

    AppendCellStart(left, false, out);
    if (doc.recipients.empty()) {
        AppendSpacer(out);
    } else {
        ParaStyle ps;
        ps.before_twips = PtTwips(12);
        ps.mark_size_pt = 12;
        AppendParagraph(ps, {{"Nơi nhận:", {.bold = true, .italic = true, .size_pt = 12}}}, out);
        ps.before_twips = 0;
        ps.mark_size_pt = 11;
        for (const std::string& item : doc.recipients) {
            const std::string text = Clean(item);
            const std::string line = !text.empty() && text.front() == '-' ? text : "- " + text;
            AppendParagraph(ps, {{line, {.size_pt = 11}}}, out);
        }
    }
    out->append("</w:tc>");

    AppendCellStart(right, false, out);
    const RunStyle bold{.bold = true, .size_pt = 14};
    int before = 12;
    for (const std::string* line : {&doc.signer_authority, &doc.signer_title}) {
        if (!Clean(*line).empty()) {
            AppendCentred(*line, bold, out, before);
            before = 0;
        }
    }
    // Room for the signature and the seal, then the name.
    AppendCentred(doc.signer_name, bold, out, 84);
    out->append("</w:tc></w:tr></w:tbl>");
}

std::string SectionProperties() {
    return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
           "<w:headerReference w:type=\"first\" r:id=\"rId4\"/>"
           "<w:pgSz w:w=\"" +
           std::to_string(Twips(kPageWidthMm)) + "\" w:h=\"" +
           std::to_string(Twips(kPageHeightMm)) + "\"/><w:pgMar w:top=\"" +
           std::to_string(Twips(kMarginTopMm)) + "\" w:right=\"" +
           std::to_string(Twips(kMarginRightMm)) + "\" w:bottom=\"" +
           std::to_string(Twips(kMarginBottomMm)) + "\" w:left=\"" +
           std::to_string(Twips(kMarginLeftMm)) + "\" w:header=\"" +
           std::to_string(Twips(kHeaderDistanceMm)) + "\" w:footer=\"" +
           std::to_string(Twips(kHeaderDistanceMm)) +
           "\" w:gutter=\"0\"/><w:pgNumType w:start=\"1\"/><w:cols w:space=\"720\"/>"
           "<w:titlePg/></w:sectPr>";
}

std::string DocumentXml(const DocxDocument& doc) {
    std::string out = kXmlDecl;
    out += "<w:document xmlns:w=\"";
    out += kNsW;
    out += "\" xmlns:r=\"";
    out += kNsR;
    out += "\"><w:body>";
    AppendTitleBlock(doc.title_block, &out);
    AppendKindAndSubject(doc, &out);
    for (const DocxBlock& block : doc.body) {
        if (const auto* p = std::get_if<DocxParagraph>(&block)) {
            AppendBodyParagraph(*p, &out);
        } else {
            AppendBodyTable(std::get<DocxTable>(block), &out);
        }
    }
    if (HasSignature(doc)) {
        AppendSignature(doc, &out);
    }
    AppendSpacer(&out);
    out += SectionProperties();
    out += "</w:body></w:document>";
    return out;
}

std::string FontsXml() {
    std::string f = kFont;
    return "<w:rFonts w:ascii=\"" + f + "\" w:hAnsi=\"" + f + "\" w:eastAsia=\"" + f +
           "\" w:cs=\"" + f + "\"/>";
}

std::string StylesXml(const DocxDocument& doc) {
    std::string lang = Xml(doc.language);
    if (lang.empty()) {
        lang = "vi-VN";
    }
    std::string out = kXmlDecl;
    out += "<w:styles xmlns:w=\"";
    out += kNsW;
    out += "\"><w:docDefaults><w:rPrDefault><w:rPr>" + FontsXml() +
           "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"" + lang +
           "\" w:eastAsia=\"" + lang +
           "\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
           "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
           "</w:pPr></w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
           "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl/></w:pPr><w:rPr>" +
           FontsXml() +
           "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
           "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
           "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
           "<w:unhideWhenUsed/></w:style>"
           "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
           "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
           "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
           "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
           "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
           "</w:tblCellMar></w:tblPr></w:style>"
           "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\">"
           "<w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
           "<w:unhideWhenUsed/></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
           "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
           "</w:styles>";
    return out;
}

std::string SettingsXml() {
    std::string out = kXmlDecl;
    out += "<w:settings xmlns:w=\"";
    out += kNsW;
    out +=
        "\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
        "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting "
        "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
        "w:val=\"15\"/></w:compat></w:settings>";
    return out;
}

// The header of pages 2 on: the page number, centred (Decree 30: 13–14 pt, in the top margin).
std::string PageNumberHeaderXml() {
    std::string out = kXmlDecl;
    out += "<w:hdr xmlns:w=\"";
    out += kNsW;
    out += "\" xmlns:r=\"";
    out += kNsR;
    out += "\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>";
    std::string rpr;
    AppendRunProps({.size_pt = 13}, &rpr);
    out += "<w:r>" + rpr + "<w:fldChar w:fldCharType=\"begin\"/></w:r>";
    out += "<w:r>" + rpr + "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>";
    out += "<w:r>" + rpr + "<w:fldChar w:fldCharType=\"separate\"/></w:r>";
    out += "<w:r>" + rpr + "<w:t>2</w:t></w:r>";
    out += "<w:r>" + rpr + "<w:fldChar w:fldCharType=\"end\"/></w:r>";
    out += "</w:p></w:hdr>";
    return out;
}

// The first page's header: empty, so that titlePg shows no number there.
std::string EmptyHeaderXml() {
    std::string out = kXmlDecl;
    out += "<w:hdr xmlns:w=\"";
    out += kNsW;
    out += "\" xmlns:r=\"";
    out += kNsR;
    out += "\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>";
    return out;
}

constexpr const char* kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

constexpr const char* kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

// rId3 and rId4 are the headers SectionProperties() refers to.
constexpr const char* kDocumentRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/header\" Target=\"header2.xml\"/>"
    "</Relationships>";

// The title block's date when it is a real one, otherwise none.
std::optional<Date> DocumentDate(const DocxTitleBlock& tb) {
    if (tb.year < 1 || tb.year > 9999) {
        return std::nullopt;
    }
    return Date::FromYmd(tb.year, tb.month, tb.day);
}

std::string CoreXml(const DocxDocument& doc) {
    std::string out = kXmlDecl;
    out +=
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
        "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    const std::string title = Xml(doc.core_title.empty() ? doc.subject : doc.core_title);
    if (!title.empty()) {
        out += "<dc:title>" + title + "</dc:title>";
    }
    out += "<dc:creator>Ngoaivu</dc:creator>";
    const std::string lang = Xml(doc.language);
    if (!lang.empty()) {
        out += "<dc:language>" + lang + "</dc:language>";
    }
    const std::string when =
        (DocumentDate(doc.title_block) ? DocumentDate(doc.title_block)->ToIso() : "1980-01-01") +
        "T00:00:00Z";
    out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>";
    out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>";
    out += "</cp:coreProperties>";
    return out;
}

constexpr const char* kAppXml =
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "docPropsVTypes\"><Application>Ngoaivu</Application><DocSecurity>0</DocSecurity>"
    "</Properties>";

// ---------------------------------------------------------------------------------------------
// The zip package, written into memory through minizip's I/O callbacks.

struct MemorySink {
    std::string data;
    std::uint64_t pos = 0;
};

voidpf ZCALLBACK SinkOpen(voidpf opaque, const void* /*filename*/, int /*mode*/) {
    auto* sink = static_cast<MemorySink*>(opaque);
    sink->pos = 0;
    return sink;
}

uLong ZCALLBACK SinkRead(voidpf /*opaque*/, voidpf file, void* buf, uLong size) {
    auto* sink = static_cast<MemorySink*>(file);
    const std::uint64_t left =
        sink->data.size() - std::min<std::uint64_t>(sink->pos, sink->data.size());
    const std::uint64_t n = std::min<std::uint64_t>(size, left);
    if (n > 0) {
        std::memcpy(buf, sink->data.data() + sink->pos, n);
    }
    sink->pos += n;
    return static_cast<uLong>(n);
}

// Writes at the current position, overwriting or extending (minizip goes back to fill in each
// entry's sizes and CRC).
uLong ZCALLBACK SinkWrite(voidpf /*opaque*/, voidpf file, const void* buf, uLong size) {
    auto* sink = static_cast<MemorySink*>(file);
    const std::uint64_t end = sink->pos + size;
    if (end > sink->data.size()) {
        sink->data.resize(static_cast<std::size_t>(end));
    }
    if (size > 0) {
        std::memcpy(sink->data.data() + sink->pos, buf, size);
    }
    sink->pos = end;
    return size;
}

ZPOS64_T ZCALLBACK SinkTell(voidpf /*opaque*/, voidpf file) {
    return static_cast<MemorySink*>(file)->pos;
}

long ZCALLBACK SinkSeek(voidpf /*opaque*/, voidpf file, ZPOS64_T offset, int origin) {
    auto* sink = static_cast<MemorySink*>(file);
    std::uint64_t base = 0;
    switch (origin) {
        case ZLIB_FILEFUNC_SEEK_SET:
            base = 0;
            break;
        case ZLIB_FILEFUNC_SEEK_CUR:
            base = sink->pos;
            break;
        case ZLIB_FILEFUNC_SEEK_END:
            base = sink->data.size();
            break;
        default:
            return -1;
    }
    if (offset > sink->data.size() || base > sink->data.size() - offset) {
        return -1;
    }
    sink->pos = base + offset;
    return 0;
}

int ZCALLBACK SinkClose(voidpf /*opaque*/, voidpf /*file*/) {
    return 0;
}

int ZCALLBACK SinkError(voidpf /*opaque*/, voidpf /*file*/) {
    return 0;
}

[[noreturn]] void ZipFailed(const char* what) {
    throw std::runtime_error(std::string("WriteDocx: minizip failed to ") + what);
}

class ZipWriter {
 public:
    // Every entry carries `date` at midnight (the DOS date range is 1980–2107).
    explicit ZipWriter(const std::optional<Date>& date) {
        if (date && date->year() >= 1980 && date->year() <= 2107) {
            info_.tmz_date.tm_year = static_cast<uInt>(date->year());
            info_.tmz_date.tm_mon = static_cast<uInt>(date->month() - 1);
            info_.tmz_date.tm_mday = static_cast<uInt>(date->day());
        } else {
            info_.tmz_date.tm_year = 1980;
            info_.tmz_date.tm_mon = 0;
            info_.tmz_date.tm_mday = 1;
        }
        zlib_filefunc64_def funcs{};
        funcs.zopen64_file = SinkOpen;
        funcs.zread_file = SinkRead;
        funcs.zwrite_file = SinkWrite;
        funcs.ztell64_file = SinkTell;
        funcs.zseek64_file = SinkSeek;
        funcs.zclose_file = SinkClose;
        funcs.zerror_file = SinkError;
        funcs.opaque = &sink_;
        zip_ = zipOpen2_64("memory.docx", APPEND_STATUS_CREATE, nullptr, &funcs);
        if (zip_ == nullptr) {
            ZipFailed("open the archive");
        }
    }
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;
    ~ZipWriter() {
        if (zip_ != nullptr) {
            zipClose(zip_, nullptr);
        }
    }

    void Add(const char* name, std::string_view content) {
        if (zipOpenNewFileInZip3_64(zip_, name, &info_, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                    nullptr, 0, 0) != ZIP_OK) {
            ZipFailed("start an entry");
        }
        constexpr std::size_t kChunk = 1u << 20;
        for (std::size_t i = 0; i < content.size(); i += kChunk) {
            const std::size_t n = std::min(kChunk, content.size() - i);
            if (zipWriteInFileInZip(zip_, content.data() + i, static_cast<unsigned>(n)) != ZIP_OK) {
                ZipFailed("write an entry");
            }
        }
        if (zipCloseFileInZip(zip_) != ZIP_OK) {
            ZipFailed("close an entry");
        }
    }

    std::string Finish() && {
        const int rc = zipClose(zip_, nullptr);
        zip_ = nullptr;
        if (rc != ZIP_OK) {
            ZipFailed("close the archive");
        }
        return std::move(sink_.data);
    }

 private:
    MemorySink sink_;
    zip_fileinfo info_{};
    zipFile zip_ = nullptr;
};

}  // namespace

std::string WriteDocx(const DocxDocument& doc) {
    ZipWriter zip(DocumentDate(doc.title_block));
    zip.Add("[Content_Types].xml", std::string(kXmlDecl) + kContentTypes);
    zip.Add("_rels/.rels", std::string(kXmlDecl) + kPackageRels);
    zip.Add("docProps/core.xml", CoreXml(doc));
    zip.Add("docProps/app.xml", std::string(kXmlDecl) + kAppXml);
    zip.Add("word/document.xml", DocumentXml(doc));
    zip.Add("word/_rels/document.xml.rels", std::string(kXmlDecl) + kDocumentRels);
    zip.Add("word/styles.xml", StylesXml(doc));
    zip.Add("word/settings.xml", SettingsXml());
    zip.Add("word/header1.xml", PageNumberHeaderXml());
    zip.Add("word/header2.xml", EmptyHeaderXml());
    return std::move(zip).Finish();
}

}  // namespace ngoaivu::office
