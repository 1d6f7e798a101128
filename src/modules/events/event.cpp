#include "modules/events/event.hpp"

namespace ngoaivu::events {

const std::vector<Code>& Types() {
    static const std::vector<Code> kList = {
        {"international_conference", "Hội nghị, hội thảo quốc tế tổ chức tại tỉnh",
         "International conference or seminar hosted in the province"},
        {"trade_promotion", "Xúc tiến thương mại, đầu tư", "Trade and investment promotion"},
        {"exhibition", "Triển lãm, hội chợ", "Exhibition or fair"},
        {"cultural_diplomacy", "Sự kiện ngoại giao văn hóa", "Cultural diplomacy event"},
        {"national_review_conference", "Hội nghị Ngoại vụ toàn quốc",
         "National Conference on Local Foreign Affairs"},
        {"diplomatic_conference", "Hội nghị Ngoại giao", "Diplomatic Conference"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& Formats() {
    static const std::vector<Code> kList = {
        {"in_person", "Trực tiếp", "In person"},
        {"online", "Trực tuyến", "Online"},
        {"hybrid", "Trực tiếp kết hợp trực tuyến", "In person and online"},
    };
    return kList;
}

const std::vector<Code>& Statuses() {
    static const std::vector<Code> kList = {
        {"planned", "Dự kiến", "Planned"},
        {"requested", "Đã đề nghị cho phép tổ chức", "Permission requested"},
        {"consulting", "Đang lấy ý kiến", "Opinions requested"},
        {"submitted_pm", "Đã trình Thủ tướng Chính phủ", "Submitted to the Prime Minister"},
        {"approved", "Được phép tổ chức", "Permitted"},
        {"rejected", "Không được phép tổ chức", "Not permitted"},
        {"held", "Đã tổ chức", "Held"},
        {"reported", "Đã báo cáo kết quả", "Result reported"},
        {"cancelled", "Hủy", "Cancelled"},
    };
    return kList;
}

const std::vector<Code>& Deciders() {
    static const std::vector<Code> kList = {
        {"prime_minister", "Thủ tướng Chính phủ", "The Prime Minister"},
        {"minister", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ",
         "A minister or head of a ministerial-level agency"},
        {"provincial_chairman", "Chủ tịch Ủy ban nhân dân tỉnh",
         "The Chairman of the provincial People's Committee"},
        {"none", "Không thuộc diện xin phép theo Quyết định 06/2020/QĐ-TTg",
         "Not subject to Decision 06/2020/QĐ-TTg"},
    };
    return kList;
}

const std::vector<Code>& SensitiveTopics() {
    static const std::vector<Code> kList = {
        {"sovereignty", "Chủ quyền", "Sovereignty"},
        {"security", "An ninh", "Security"},
        {"defence", "Quốc phòng", "Defence"},
        {"ethnicity", "Dân tộc", "Ethnicity"},
        {"religion", "Tôn giáo", "Religion"},
        {"human_rights", "Nhân quyền", "Human rights"},
        {"state_secrets", "Bí mật nhà nước", "State secrets"},
    };
    return kList;
}

const std::vector<Code>& ForeignRanks() {
    static const std::vector<Code> kList = {
        {"head_of_state_or_government", "Nguyên thủ quốc gia, người đứng đầu Chính phủ",
         "Head of state or government"},
        {"minister_or_higher", "Cấp Bộ trưởng và tương đương", "Minister or equivalent"},
        {"deputy_minister", "Cấp Thứ trưởng và tương đương", "Deputy minister or equivalent"},
        {"ambassador", "Đại sứ, Tổng Lãnh sự", "Ambassador or consul-general"},
        {"other_official", "Quan chức khác", "Other official"},
        {"expert", "Chuyên gia, học giả, doanh nhân", "Expert, scholar or business person"},
        {"none", "Không có khách nước ngoài", "No foreign participant"},
    };
    return kList;
}

const std::vector<Code>& AwardKinds() {
    static const std::vector<Code> kList = {
        {"medal_vi_su_nghiep_ngoai_giao", "Kỷ niệm chương “Vì sự nghiệp ngoại giao”",
         "Medal “For the cause of diplomacy”"},
        {"certificate_of_merit_minister", "Bằng khen của Bộ trưởng Bộ Ngoại giao",
         "Certificate of merit of the Minister of Foreign Affairs"},
        {"certificate_of_merit_pm", "Bằng khen của Thủ tướng Chính phủ",
         "Certificate of merit of the Prime Minister"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& RecipientKinds() {
    static const std::vector<Code> kList = {
        {"person", "Cá nhân", "Person"},
        {"organisation", "Tập thể", "Organisation"},
    };
    return kList;
}

const std::vector<Code>& DeadlineKinds() {
    static const std::vector<Code> kList = {
        {"consultation", "Ý kiến của cơ quan được lấy ý kiến", "Opinion of a consulted body"},
        {"result_report", "Báo cáo kết quả tổ chức (Mẫu 02)", "Result report (Form 02)"},
    };
    return kList;
}

const std::vector<Code>& Outcomes() {
    static const std::vector<Code> kList = {
        {"agree", "Đồng ý", "Agrees"},
        {"disagree", "Không đồng ý", "Disagrees"},
        {"comments", "Có ý kiến góp ý", "Comments"},
        {"no_reply", "Không trả lời trong thời hạn", "No reply within the period"},
        {"done", "Đã thực hiện", "Done"},
        {"cancelled", "Hủy do sự kiện không tổ chức", "Cancelled: the event was dropped"},
    };
    return kList;
}

const std::vector<Code>& CompetenceReasons() {
    static const std::vector<Code> kList = {
        {"not_conference", "Không phải hội nghị, hội thảo quốc tế",
         "Not an international conference or seminar"},
        {"foreign_rank", "Khách nước ngoài cấp Bộ trưởng trở lên",
         "Foreign participants of ministerial level or higher"},
        {"sensitive_topic", "Nội dung nhạy cảm", "Sensitive topic"},
        {"state_secret", "Có nội dung bí mật nhà nước", "Involves state secrets"},
        {"national", "Sự kiện cấp trung ương do bộ, ngành tổ chức",
         "National event hosted by a ministry"},
        {"provincial", "Sự kiện do tỉnh tổ chức", "Event hosted by the province"},
    };
    return kList;
}

const std::vector<Code>& Actions() {
    static const std::vector<Code> kList = {
        {"create", "Tạo sự kiện", "Event created"},
        {"edit", "Sửa thông tin", "Details edited"},
        {"request_approval", "Đề nghị cho phép tổ chức", "Permission requested"},
        {"open_consultations", "Gửi lấy ý kiến", "Opinions requested"},
        {"record_reply", "Nhận ý kiến", "Opinion received"},
        {"submit_pm", "Trình Thủ tướng Chính phủ", "Submitted to the Prime Minister"},
        {"approve", "Cho phép tổ chức", "Permitted"},
        {"reject", "Không cho phép tổ chức", "Not permitted"},
        {"mark_held", "Đã tổ chức", "Held"},
        {"submit_report", "Báo cáo kết quả", "Result reported"},
        {"cancel", "Hủy sự kiện", "Cancelled"},
    };
    return kList;
}

std::string_view StatusCode(Status s) {
    return CodeOf(Statuses(), s);
}

const std::vector<std::string_view>& TookPlaceStatusCodes() {
    static const std::vector<std::string_view> kCodes = {StatusCode(Status::kHeld),
                                                         StatusCode(Status::kReported)};
    return kCodes;
}

std::optional<Status> ParseStatus(std::string_view code) {
    return EnumOf(Statuses(), code, Status::kCancelled);
}

std::string_view DeciderCode(Decider d) {
    return CodeOf(Deciders(), d);
}

std::optional<Decider> ParseDecider(std::string_view code) {
    return EnumOf(Deciders(), code, Decider::kNone);
}

std::string_view DeadlineKindCode(DeadlineKind k) {
    return CodeOf(DeadlineKinds(), k);
}

std::optional<DeadlineKind> ParseDeadlineKind(std::string_view code) {
    return EnumOf(DeadlineKinds(), code, DeadlineKind::kResultReport);
}

}  // namespace ngoaivu::events
