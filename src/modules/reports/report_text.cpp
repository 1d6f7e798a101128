#include "modules/reports/report_text.hpp"

#include "base/text.hpp"

namespace ngoaivu::reports {

namespace {

std::string Int(std::int64_t n, bool en) {
    return text::FormatInteger(n, en ? text::Lang::kEn : text::Lang::kVi);
}

// A value with its unit of measure: "354.700 triệu USD".
std::string Value(std::int64_t milli, const FigureDef& def, bool en) {
    std::string unit = UnitName(def.unit, en);
    std::string out = FormatMilli(milli, def.decimals, en);
    if (unit == "%")
        return out + "%";
    return unit.empty() ? out : out + " " + unit;
}

// The first `n` counts as "Name (count)".
std::vector<std::string> Top(const std::vector<KeyCount>& counts, std::size_t n, bool en) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < counts.size() && i < n; ++i) {
        const auto& c = counts[i];
        out.push_back((en ? c.name_en : c.name_vi) + " (" + Int(c.count, en) + ")");
    }
    return out;
}

// "Các địa phương" / "Tỉnh Bắc Ninh"; lower-case "các địa phương" inside a sentence.
std::string Subject(const Review& r, bool en, bool capital) {
    if (r.unit)
        return en ? r.unit->name_en : r.unit->name_vi;
    if (en)
        return capital ? "The localities" : "the localities";
    return capital ? "Các địa phương" : "các địa phương";
}

std::string Percent(std::int64_t part, std::int64_t whole, bool en) {
    if (whole <= 0)
        return "0";
    std::int64_t permille = (part * 1000 * 2 + whole) / (2 * whole);
    return FormatMilli(permille * 100, 1, en);
}

TextSection Visits(const Review& r, bool en) {
    TextSection s{"visits", en ? "High-level visits" : "Hoạt động đối ngoại cấp cao", {}};
    if (en) {
        s.paragraphs.push_back("From " + r.request.from.ToDisplay() + " to " +
                               r.request.to.ToDisplay() + ", " + Subject(r, en, false) + " made " +
                               Int(r.visits_out, en) + " high-level visits abroad and received " +
                               Int(r.visits_in, en) + " high-level foreign delegations.");
    } else {
        s.paragraphs.push_back("Từ " + r.request.from.ToDisplay() + " đến " +
                               r.request.to.ToDisplay() + ", " + Subject(r, en, false) +
                               " đã thực hiện " + Int(r.visits_out, en) +
                               " chuyến thăm cấp cao ra nước ngoài và đón " + Int(r.visits_in, en) +
                               " đoàn cấp cao nước ngoài.");
    }
    return s;
}

TextSection Agreements(const Review& r, bool en) {
    TextSection s{"agreements", en ? "International agreements" : "Ký kết thỏa thuận quốc tế", {}};
    const auto& a = r.agreements;
    std::string p;
    if (en) {
        p = "From " + r.request.from.ToDisplay() + " to " + r.request.to.ToDisplay() + ", " +
            Subject(r, en, false) + " signed " + Int(a.signed_count, en) +
            " international agreements with foreign partners.";
        if (!a.by_country.empty())
            p += " Most partners were from " + JoinList(Top(a.by_country, 3, en), en) + ".";
        if (!a.by_field.empty())
            p += " The main fields were " + JoinList(Top(a.by_field, 3, en), en) + ".";
        if (!r.unit && !a.by_unit.empty())
            p += " The localities that signed most were " + JoinList(Top(a.by_unit, 3, en), en) +
                 ".";
        if (a.signed_count > 0) {
            p += " So far " + Int(a.with_results, en) + " of them (" +
                 Percent(a.with_results, a.signed_count, en) + "%) have produced results.";
        }
    } else {
        p = "Trong giai đoạn từ " + r.request.from.ToDisplay() + " đến " +
            r.request.to.ToDisplay() + ", " + Subject(r, en, false) + " đã ký kết " +
            Int(a.signed_count, en) + " thỏa thuận quốc tế với các đối tác nước ngoài.";
        if (!a.by_country.empty())
            p += " Các đối tác ký kết nhiều nhất thuộc " + JoinList(Top(a.by_country, 3, en), en) +
                 ".";
        if (!a.by_field.empty())
            p += " Các lĩnh vực hợp tác chủ yếu là " + JoinList(Top(a.by_field, 3, en), en) + ".";
        if (!r.unit && !a.by_unit.empty())
            p +=
                " Các địa phương ký kết nhiều nhất là " + JoinList(Top(a.by_unit, 3, en), en) + ".";
        if (a.signed_count > 0) {
            p += " Đến nay, " + Int(a.with_results, en) + " thỏa thuận (" +
                 Percent(a.with_results, a.signed_count, en) + "%) đã có kết quả cụ thể.";
        }
    }
    s.paragraphs.push_back(p);
    return s;
}

TextSection Events(const Review& r, bool en) {
    TextSection s{"events", en ? "International events hosted" : "Tổ chức sự kiện quốc tế", {}};
    std::int64_t others = 0;
    std::vector<KeyCount> other_types;
    for (const auto& t : r.events.by_type) {
        if (t.key != "international_conference") {
            others += t.count;
            other_types.push_back(t);
        }
    }
    std::string p;
    if (en) {
        p = Subject(r, en, true) + " hosted " + Int(r.events.international, en) +
            " international conferences and seminars";
        if (others > 0)
            p += ", and " + Int(others, en) + " other foreign-affairs events (" +
                 JoinList(Top(other_types, other_types.size(), en), en) + ")";
        p += ".";
    } else {
        p = Subject(r, en, true) + " đã tổ chức " + Int(r.events.international, en) +
            " hội nghị, hội thảo quốc tế";
        if (others > 0)
            p += " và " + Int(others, en) + " sự kiện đối ngoại khác (" +
                 JoinList(Top(other_types, other_types.size(), en), en) + ")";
        p += ".";
    }
    s.paragraphs.push_back(p);
    return s;
}

TextSection EconomySection(const Review& r, bool en) {
    TextSection s{"economy", en ? "Economic diplomacy" : "Ngoại giao kinh tế", {}};
    const Economy& e = r.economy;
    const EconomyYear* last = e.years.empty() ? nullptr : &e.years.back();
    bool any = false;
    if (last && (last->exports || last->imports)) {
        any = true;
        std::string p = en ? "In " + std::to_string(last->year) + ", "
                           : "Năm " + std::to_string(last->year) + ", ";
        std::vector<std::string> parts;
        if (last->exports && e.exports_def) {
            parts.push_back(en ? "exports reached " + Value(*last->exports, *e.exports_def, en)
                               : "kim ngạch xuất khẩu đạt " +
                                     Value(*last->exports, *e.exports_def, en));
        }
        if (last->imports && e.imports_def) {
            parts.push_back(en ? "imports " + Value(*last->imports, *e.imports_def, en)
                               : "nhập khẩu " + Value(*last->imports, *e.imports_def, en));
        }
        p += JoinList(parts, en);
        if (last->trade && e.exports_def) {
            p += en ? "; total trade reached " + Value(*last->trade, *e.exports_def, en)
                    : "; tổng kim ngạch xuất nhập khẩu đạt " +
                          Value(*last->trade, *e.exports_def, en);
        }
        s.paragraphs.push_back(p + ".");
    }
    if (last && last->fdi && e.fdi_def) {
        any = true;
        std::string y = std::to_string(last->year);
        std::string p =
            en ? "Registered FDI in " + y + " reached " + Value(*last->fdi, *e.fdi_def, en)
               : "Vốn FDI đăng ký năm " + y + " đạt " + Value(*last->fdi, *e.fdi_def, en);
        if (last->fdi_growth_permille) {
            std::int64_t g = *last->fdi_growth_permille;
            std::string pct = FormatMilli((g < 0 ? -g : g) * 100, 1, en) + "%";
            std::string before = std::to_string(last->year - 1);
            if (en)
                p += std::string(g < 0 ? ", down " : ", up ") + pct + " on " + before;
            else
                p += std::string(g < 0 ? ", giảm " : ", tăng ") + pct + " so với năm " + before;
        }
        s.paragraphs.push_back(p + ".");
    }
    if (!r.unit && !e.top_exporters.empty() && e.exports_def) {
        any = true;
        std::vector<std::string> names;
        for (const auto& t : e.top_exporters)
            names.push_back((en ? t.unit.name_en : t.unit.name_vi) + " (" +
                            Value(t.value_milli.value_or(0), *e.exports_def, en) + ")");
        s.paragraphs.push_back((en ? "The localities with the largest exports in " +
                                         std::to_string(e.last_year) + " were "
                                   : "Các địa phương có kim ngạch xuất khẩu lớn nhất năm " +
                                         std::to_string(e.last_year) + " là ") +
                               JoinList(names, en) + ".");
    }
    if (e.compare_exports && e.exports_def && !e.top_exporters.empty()) {
        any = true;
        std::vector<std::string> names;
        for (const auto& t : e.exceeding)
            names.push_back(en ? t.unit.name_en : t.unit.name_vi);
        std::string ly = std::to_string(e.last_year);
        std::string cy = std::to_string(e.compare_year);
        std::string v = Value(*e.compare_exports, *e.exports_def, en);
        std::string p;
        if (en) {
            p = names.empty()
                    ? "In " + ly +
                          ", no locality's exports exceeded the whole country's exports in " + cy +
                          " (" + v + ")."
                    : "The " + ly + " exports of " +
                          Int(static_cast<std::int64_t>(names.size()), en) +
                          (names.size() == 1 ? " locality (" : " localities (") +
                          JoinList(names, en) + ") exceeded the whole country's exports in " + cy +
                          " (" + v + ").";
        } else {
            p = names.empty()
                    ? "Năm " + ly +
                          ", chưa có địa phương nào có kim ngạch xuất khẩu vượt kim ngạch xuất "
                          "khẩu của cả nước năm " +
                          cy + " (" + v + ")."
                    : "Năm " + ly + ", kim ngạch xuất khẩu của " +
                          Int(static_cast<std::int64_t>(names.size()), en) + " địa phương (" +
                          JoinList(names, en) + ") đã vượt kim ngạch xuất khẩu của cả nước năm " +
                          cy + " (" + v + ").";
        }
        s.paragraphs.push_back(p);
    }
    if (!any) {
        s.paragraphs.push_back(en ? "No approved economic figures for this period yet."
                                  : "Chưa có số liệu kinh tế được phê duyệt cho giai đoạn này.");
    }
    return s;
}

TextSection Culture(const Review& r, bool en) {
    TextSection s{"culture", en ? "Cultural diplomacy" : "Ngoại giao văn hóa", {}};
    const Economy& e = r.economy;
    if (e.unesco && e.unesco_def) {
        std::string n = FormatMilli(*e.unesco, e.unesco_def->decimals, en);
        s.paragraphs.push_back(en ? "During the period, " + Subject(r, en, false) + " gained " + n +
                                        " UNESCO recognitions."
                                  : "Trong giai đoạn, " + Subject(r, en, false) + " có thêm " + n +
                                        " danh hiệu được UNESCO ghi danh.");
    } else {
        s.paragraphs.push_back(
            en ? "No approved figures on UNESCO recognitions for this period yet."
               : "Chưa có số liệu về danh hiệu UNESCO được phê duyệt cho giai đoạn này.");
    }
    return s;
}

TextSection Awards(const Review& r, bool en) {
    TextSection s{"awards", en ? "Awards" : "Khen thưởng", {}};
    if (r.awards_total == 0) {
        s.paragraphs.push_back(en ? "No awards were recorded in the period."
                                  : "Chưa có khen thưởng nào được ghi nhận trong giai đoạn.");
        return s;
    }
    std::vector<std::string> kinds;
    for (const auto& k : r.awards_by_kind)
        kinds.push_back(Int(k.count, en) + " " + (en ? k.name_en : k.name_vi));
    s.paragraphs.push_back(
        en ? Int(r.awards_total, en) +
                 " awards were given at events during the period: " + JoinList(kinds, en) + "."
           : Int(r.awards_total, en) +
                 " lượt tập thể, cá nhân được khen thưởng tại các sự kiện trong giai đoạn: " +
                 JoinList(kinds, en) + ".");
    return s;
}

}  // namespace

std::string JoinList(const std::vector<std::string>& items, bool en) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += i + 1 == items.size() ? (en ? " and " : " và ") : ", ";
        out += items[i];
    }
    return out;
}

std::string PeriodText(const Review& r, bool en) {
    return (en ? "from " : "từ ") + r.request.from.ToDisplay() + (en ? " to " : " đến ") +
           r.request.to.ToDisplay();
}

std::string SplitNote(bool en) {
    return en ? "Figures for periods from 01/07/2025 are reported by the 34 new units and cannot "
                "be "
                "split by the 63 former provinces; they are listed under the new units."
              : "Số liệu của các kỳ từ 01/07/2025 được báo cáo theo 34 đơn vị hành chính mới và "
                "không thể tách theo 63 tỉnh, thành phố cũ; các số liệu này được ghi theo đơn vị "
                "mới.";
}

std::vector<TextSection> ReviewText(const Review& review, bool en) {
    return {Visits(review, en),         Agreements(review, en), Events(review, en),
            EconomySection(review, en), Culture(review, en),    Awards(review, en)};
}

}  // namespace ngoaivu::reports
