#include "modules/delegations/delegation.hpp"

namespace ngoaivu::delegations {

const std::vector<Code>& Directions() {
    static const std::vector<Code> kList = {
        {"outbound", "Đoàn ra", "Outbound delegation"},
        {"inbound", "Đoàn vào", "Inbound delegation"},
    };
    return kList;
}

const std::vector<Code>& Levels() {
    static const std::vector<Code> kList = {
        {"top_leaders", "Lãnh đạo chủ chốt của Đảng, Nhà nước",
         "Top leaders of the Party and State"},
        {"provincial_leaders", "Lãnh đạo tỉnh", "Provincial leaders"},
        {"department", "Cấp sở, ngành", "Department level"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& Statuses() {
    static const std::vector<Code> kList = {
        {"proposed", "Đề xuất", "Proposed"},
        {"approved", "Đã được phê duyệt", "Approved"},
        {"rejected", "Không được phê duyệt", "Rejected"},
        {"cancelled", "Đã hủy", "Cancelled"},
        {"in_progress", "Đang thực hiện", "Under way"},
        {"returned", "Đã kết thúc, chờ báo cáo", "Returned, report due"},
        {"reported", "Đã báo cáo kết quả", "Report submitted"},
        {"closed", "Đã ghi nhận kết quả", "Outcomes recorded"},
    };
    return kList;
}

const std::vector<Code>& FundingSources() {
    static const std::vector<Code> kList = {
        {"state_budget", "Ngân sách nhà nước", "State budget"},
        {"inviting_party", "Phía mời chi trả", "Paid by the inviting party"},
        {"enterprise", "Doanh nghiệp", "Enterprise"},
        {"sponsor", "Tài trợ", "Sponsor"},
        {"mixed", "Nhiều nguồn", "Mixed sources"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& Actions() {
    // "depart" and "return" name the start and the end of the trip in both directions: an
    // outbound delegation leaves and comes back, an inbound one arrives in and leaves the province.
    static const std::vector<Code> kList = {
        {"create", "Đề xuất đoàn", "Delegation proposed"},
        {"edit", "Sửa thông tin", "Details edited"},
        {"approve", "Phê duyệt", "Approved"},
        {"reject", "Không phê duyệt", "Rejected"},
        {"cancel", "Hủy đoàn", "Cancelled"},
        {"reopen", "Đề xuất lại", "Proposed again"},
        {"depart", "Bắt đầu chuyến công tác", "Trip started"},
        {"return", "Kết thúc chuyến công tác", "Trip ended"},
        {"submit_report", "Nộp báo cáo kết quả", "Report submitted"},
        {"record_outcomes", "Ghi nhận kết quả", "Outcomes recorded"},
    };
    return kList;
}

const std::vector<Code>& DocumentKinds() {
    static const std::vector<Code> kList = {
        {"invitation", "Thư mời", "Invitation"},
        {"proposal", "Tờ trình, đề xuất", "Proposal"},
        {"approval", "Văn bản phê duyệt", "Approval"},
        {"report", "Báo cáo kết quả", "Report"},
        {"other", "Khác", "Other"},
    };
    return kList;
}

const std::vector<Code>& FollowUpStatuses() {
    static const std::vector<Code> kList = {
        {"open", "Chưa thực hiện", "Open"},
        {"in_progress", "Đang thực hiện", "In progress"},
        {"done", "Đã hoàn thành", "Done"},
        {"cancelled", "Hủy bỏ", "Cancelled"},
    };
    return kList;
}

const std::vector<Code>& PersonRoles() {
    static const std::vector<Code> kList = {
        {"head", "Trưởng đoàn", "Head of delegation"},
        {"deputy_head", "Phó Trưởng đoàn", "Deputy head"},
        {"member", "Thành viên", "Member"},
    };
    return kList;
}

std::string_view StatusCode(Status s) {
    return CodeOf(Statuses(), s);
}

const std::vector<std::string_view>& CarriedOutStatusCodes() {
    static const std::vector<std::string_view> kCodes = {
        StatusCode(Status::kInProgress),
        StatusCode(Status::kReturned),
        StatusCode(Status::kReported),
        StatusCode(Status::kClosed),
    };
    return kCodes;
}

std::optional<Status> ParseStatus(std::string_view code) {
    return EnumOf(Statuses(), code, Status::kClosed);
}

bool IsLive(Status s) {
    return s != Status::kRejected && s != Status::kCancelled;
}

}  // namespace ngoaivu::delegations
