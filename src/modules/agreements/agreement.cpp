#include "modules/agreements/agreement.hpp"

namespace ngoaivu::agreements {

const std::vector<Code>& Forms() {
    static const std::vector<Code> kList = {
        {"agreement", "Thỏa thuận", "Agreement"},
        {"mou", "Bản ghi nhớ", "Memorandum of understanding"},
        {"minutes", "Biên bản", "Minutes"},
        {"programme", "Chương trình hợp tác", "Cooperation programme"},
        {"plan", "Kế hoạch hợp tác", "Cooperation plan"},
        {"letter_of_intent", "Thư ý định", "Letter of intent"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& PartyKinds() {
    static const std::vector<Code> kList = {
        {"hdnd", "Hội đồng nhân dân tỉnh", "Provincial People's Council"},
        {"ubnd", "Ủy ban nhân dân tỉnh", "Provincial People's Committee"},
        {"department", "Cơ quan chuyên môn (Sở)", "Provincial department"},
        {"border_commune", "Ủy ban nhân dân xã biên giới", "Border commune People's Committee"},
        {"organisation", "Cơ quan cấp tỉnh của tổ chức", "Provincial body of an organisation"},
        {"district", "Ủy ban nhân dân cấp huyện (trước 01/07/2025)",
         "District People's Committee (before 01/07/2025)"},
    };
    return kList;
}

const std::vector<Code>& Statuses() {
    static const std::vector<Code> kList = {
        {"draft", "Dự thảo", "Draft"},
        {"consulting", "Đang lấy ý kiến", "Opinions requested"},
        {"referred_pm", "Trình Thủ tướng", "Referred to the Prime Minister"},
        {"approved", "Đã quyết định ký", "Decision to sign"},
        {"signed", "Đã ký", "Signed"},
        {"in_force", "Có hiệu lực", "In force"},
        {"suspended", "Tạm đình chỉ", "Suspended"},
        {"terminated", "Chấm dứt", "Terminated"},
        {"expired", "Hết hiệu lực", "Expired"},
        {"abandoned", "Không ký", "Not signed"},
    };
    return kList;
}

const std::vector<Code>& Fields() {
    static const std::vector<Code> kList = {
        {"economy", "Kinh tế, thương mại", "Economy and trade"},
        {"investment", "Đầu tư", "Investment"},
        {"education", "Giáo dục, đào tạo", "Education and training"},
        {"health", "Y tế", "Health"},
        {"culture", "Văn hóa, thể thao, du lịch", "Culture, sport and tourism"},
        {"science", "Khoa học, công nghệ", "Science and technology"},
        {"agriculture", "Nông nghiệp", "Agriculture"},
        {"environment", "Tài nguyên, môi trường", "Environment and natural resources"},
        {"labour", "Lao động", "Labour"},
        {"transport", "Giao thông, hạ tầng", "Transport and infrastructure"},
        {"security", "An ninh, biên giới", "Security and borders"},
        {"local_governance", "Quản lý nhà nước, địa phương kết nghĩa",
         "Local governance and twinning"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& DeadlineKinds() {
    static const std::vector<Code> kList = {
        {"opinion", "Ý kiến của cơ quan được lấy ý kiến", "Opinion of a consulted body"},
        {"pm_reply", "Ý kiến của Thủ tướng Chính phủ", "Reply of the Prime Minister"},
        {"report_mofa", "Báo cáo và gửi bản sao cho Bộ Ngoại giao",
         "Report and signed copy to MOFA"},
        {"notify_mofa", "Thông báo cho Bộ Ngoại giao", "Notification to MOFA"},
    };
    return kList;
}

const std::vector<Code>& Outcomes() {
    static const std::vector<Code> kList = {
        {"agree", "Đồng ý", "Agrees"},
        {"disagree", "Không đồng ý", "Disagrees"},
        {"comments", "Có ý kiến góp ý", "Comments"},
        {"consent", "Thủ tướng đồng ý", "The Prime Minister consents"},
        {"refuse", "Thủ tướng không đồng ý", "The Prime Minister refuses"},
        {"done", "Đã thực hiện", "Done"},
        {"cancelled", "Hủy do không ký", "Cancelled: not signed"},
    };
    return kList;
}

const std::vector<Code>& CommitmentStatuses() {
    static const std::vector<Code> kList = {
        {"open", "Chưa thực hiện", "Open"},
        {"in_progress", "Đang thực hiện", "In progress"},
        {"done", "Đã hoàn thành", "Done"},
        {"cancelled", "Hủy bỏ", "Cancelled"},
    };
    return kList;
}

const std::vector<Code>& FigureUnits() {
    static const std::vector<Code> kList = {
        {"usd", "USD đầu tư", "USD invested"},
        {"vnd", "VNĐ", "VND"},
        {"people_trained", "Người được đào tạo", "People trained"},
        {"projects", "Dự án khởi công", "Projects started"},
        {"students", "Sinh viên trao đổi", "Students exchanged"},
        {"jobs", "Việc làm", "Jobs"},
        {"events", "Sự kiện", "Events"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& Publications() {
    static const std::vector<Code> kList = {
        {"public", "Công khai", "Public"},
        {"restricted", "Hạn chế", "Restricted"},
        {"confidential", "Mật", "Confidential"},
    };
    return kList;
}

const std::vector<Code>& Actions() {
    static const std::vector<Code> kList = {
        {"create", "Tạo dự thảo", "Draft created"},
        {"register", "Nhập thỏa thuận đã ký", "Signed agreement registered"},
        {"edit", "Sửa thông tin", "Details edited"},
        {"request_opinions", "Gửi lấy ý kiến", "Opinions requested"},
        {"record_opinion", "Nhận ý kiến", "Opinion received"},
        {"refer_pm", "Trình Thủ tướng", "Referred to the Prime Minister"},
        {"record_pm_reply", "Nhận ý kiến Thủ tướng", "Prime Minister's reply received"},
        {"decide", "Quyết định ký", "Decision to sign"},
        {"sign", "Ký", "Signed"},
        {"report_mofa", "Báo cáo, gửi bản sao cho Bộ Ngoại giao", "Reported to MOFA"},
        {"enter_into_force", "Có hiệu lực", "Entered into force"},
        {"amend", "Sửa đổi, bổ sung", "Amended"},
        {"renew", "Gia hạn", "Renewed"},
        {"suspend", "Tạm đình chỉ", "Suspended"},
        {"resume", "Tiếp tục thực hiện", "Resumed"},
        {"terminate", "Chấm dứt", "Terminated"},
        {"expire", "Hết hiệu lực", "Expired"},
        {"notify_mofa", "Thông báo cho Bộ Ngoại giao", "MOFA notified"},
        {"abandon", "Dừng, không ký", "Abandoned"},
    };
    return kList;
}

std::string_view StatusCode(Status s) {
    return CodeOf(Statuses(), s);
}

const std::vector<std::string_view>& SignedStatusCodes() {
    static const std::vector<std::string_view> kCodes = {
        StatusCode(Status::kSigned),    StatusCode(Status::kInForce),
        StatusCode(Status::kSuspended), StatusCode(Status::kTerminated),
        StatusCode(Status::kExpired),
    };
    return kCodes;
}

std::optional<Status> ParseStatus(std::string_view code) {
    return EnumOf(Statuses(), code, Status::kAbandoned);
}

std::string_view DeadlineKindCode(DeadlineKind k) {
    return CodeOf(DeadlineKinds(), k);
}

std::optional<DeadlineKind> ParseDeadlineKind(std::string_view code) {
    return EnumOf(DeadlineKinds(), code, DeadlineKind::kNotifyMofa);
}

}  // namespace ngoaivu::agreements
