#pragma once

#include <string>
#include <variant>
#include <vector>

namespace ngoaivu::office {

// A DOCX (WordprocessingML) writer for Vietnamese state administrative documents, laid out after
// Decree 30/2020/NĐ-CP (Annex I). The types are plain values; all text is UTF-8.

// The horizontal alignment of a paragraph or of a table column.
enum class DocxAlign { kLeft, kCenter, kRight, kJustify };

// A run of text with one formatting. "\n" in `text` is a line break within the paragraph and
// "\t" a tab.
struct DocxRun {
    std::string text;
    bool bold = false;
    bool italic = false;
};

// A paragraph of the body. Sizes are in points, indents in millimetres.
struct DocxParagraph {
    std::vector<DocxRun> runs;
    DocxAlign align = DocxAlign::kJustify;
    int size_pt = 14;               // 13 or 14 for body text
    int first_line_indent_mm = 10;  // negative: a hanging indent
    int space_after_pt = 6;
    bool keep_with_next = false;  // for headings
    int space_before_pt = 0;      // space above the paragraph
};

// A table with single borders (½ pt). The number of columns is the longest of the header and the
// rows; a shorter row is padded with empty cells. "\n" in a cell is a line break. Widths are in
// millimetres: a column without a width (or with 0) gets an equal share of what the given widths
// leave of the 165 mm text width (at least 5 mm); widths that add up to more than 165 mm make
// the table overhang the right margin. Every row is kept on one page. A table with neither header
// nor rows is left out.
struct DocxTable {
    std::vector<std::string> header;  // bold, repeated on each page
    std::vector<std::vector<std::string>> rows;
    std::vector<int> column_widths_mm;    // empty: equal widths over the text width
    std::vector<DocxAlign> column_align;  // empty: left; numbers are usually kRight
    int size_pt = 12;
};

using DocxBlock = std::variant<DocxParagraph, DocxTable>;

// The title block of Decree 30 (Annex I): left column the issuing body (parent body line, then
// the body in bold, underlined by a short line) and the number "Số: …"; right column the national
// title "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold, 13 pt) and motto "Độc lập - Tự do - Hạnh
// phúc" (bold, 14 pt, underlined), then "place, ngày dd tháng mm năm yyyy" in italics.
struct DocxTitleBlock {
    std::string parent_body;  // e.g. "BỘ NGOẠI GIAO" (may be empty)
    std::string body;         // e.g. "CỤC NGOẠI VỤ" / "UBND TỈNH …"
    std::string number;       // e.g. "Số: 12/BC-BNG" (may be empty)
    std::string place;        // e.g. "Hà Nội"
    // Written as "Hà Nội, ngày 07 tháng 12 năm 2026": a day below 10 and the months 1 and 2 with a
    // leading zero (Decree 30). A part left 0 is left blank for the hand ("ngày    tháng    năm
    // 2026"), as in a draft.
    int day = 0, month = 0, year = 0;
};

// A whole document: the title block, the kind and subject, the body, then the recipients
// (bottom left) beside the signature (bottom right).
struct DocxDocument {
    DocxTitleBlock title_block;
    std::string kind_title;  // e.g. "BÁO CÁO" centred bold 14 pt (omitted when empty)
    std::string subject;     // the summary line under it, centred bold 14 pt, with a short line
    std::vector<DocxBlock> body;
    // "Nơi nhận:" bottom left (12 pt bold italic), then one line per item (11 pt), each starting
    // with "- " unless it already starts with '-'. Punctuation (";" and the final ".") is the
    // caller's. Omitted when empty.
    std::vector<std::string> recipients;
    std::string signer_authority;  // e.g. "KT. BỘ TRƯỞNG" (may be empty)
    std::string signer_title;      // e.g. "THỨ TRƯỞNG"
    std::string signer_name;       // bold, below the space for the signature and seal
    std::string language = "vi-VN";
    std::string core_title;  // docProps/core.xml title; empty: the subject
};

// Returns the bytes of a .docx: A4 portrait (210×297 mm), margins top 20 mm, bottom 20 mm, left
// 30 mm, right 15 mm; Times New Roman everywhere (w:rFonts ascii/hAnsi/cs/eastAsia); page numbers
// centred in the header, not shown on the first page (titlePg); tables with single borders; the
// title block and the signature in borderless tables. The package holds [Content_Types].xml,
// _rels/.rels, word/document.xml, word/styles.xml, word/settings.xml, word/header1.xml (page
// number), word/header2.xml (the empty first-page header), word/_rels/document.xml.rels,
// docProps/core.xml and docProps/app.xml.
//
// Text is made well-formed (invalid UTF-8 becomes U+FFFD), normalised to NFC, XML-escaped, and
// characters XML 1.0 forbids (controls other than tab and line breaks, U+FFFE, U+FFFF) become
// U+FFFD. The output is deterministic: the same document gives the same bytes (zip entries and
// core.xml carry the title block's date, or 1980-01-01 when it has none). Pure function;
// thread-safe; builds everything in memory. Throws std::runtime_error only when minizip fails
// (a bug or memory exhaustion), never because of the document's content.
std::string WriteDocx(const DocxDocument& doc);

}  // namespace ngoaivu::office
