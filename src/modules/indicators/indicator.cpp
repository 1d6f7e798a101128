#include "modules/indicators/indicator.hpp"

namespace ngoaivu::indicators {

const std::vector<Code>& Units() {
    static const std::vector<Code> list = {
        {"usd_million", "triệu USD", "USD million"},
        {"vnd_billion", "tỷ đồng", "VND billion"},
        {"count", "số lượng", "count"},
        {"percent", "%", "percent"},
        {"person", "người", "persons"},
    };
    return list;
}

const std::vector<Code>& Aggregations() {
    static const std::vector<Code> list = {
        {"sum", "Cộng dồn", "Sum"},
        {"average", "Trung bình", "Average"},
        {"last", "Giá trị kỳ cuối", "Last value"},
    };
    return list;
}

const std::vector<Code>& Periodicities() {
    static const std::vector<Code> list = {
        {"month", "Tháng", "Month"},
        {"quarter", "Quý", "Quarter"},
        {"year", "Năm", "Year"},
    };
    return list;
}

const std::vector<Code>& Sources() {
    static const std::vector<Code> list = {
        {"entered", "Tỉnh nhập", "Entered by the province"},
        {"counted", "Đếm từ hồ sơ", "Counted from the records"},
    };
    return list;
}

const std::vector<Code>& CountedKeys() {
    static const std::vector<Code> list = {
        {"agreements_signed", "Thỏa thuận quốc tế đã ký", "International agreements signed"},
        {"agreements_with_results", "Thỏa thuận đã ký có kết quả",
         "Agreements signed that have results"},
        {"delegations_outbound", "Đoàn ra", "Outbound delegations"},
        {"delegations_inbound", "Đoàn vào", "Inbound delegations"},
        {"delegations_outbound_top", "Đoàn ra cấp lãnh đạo chủ chốt",
         "Outbound delegations of top leaders"},
        {"delegations_inbound_top", "Đoàn vào cấp lãnh đạo chủ chốt",
         "Inbound delegations of top leaders"},
        {"events_international", "Hội nghị, hội thảo quốc tế đã tổ chức",
         "International conferences held"},
        {"commitments_done", "Cam kết đã hoàn thành", "Commitments fulfilled"},
    };
    return list;
}

const std::vector<Code>& Statuses() {
    static const std::vector<Code> list = {
        {"draft", "Đang nhập", "Draft"},
        {"submitted", "Đã gửi", "Submitted"},
        {"approved", "Đã duyệt", "Approved"},
        {"returned", "Bị trả lại", "Returned"},
    };
    return list;
}

const std::vector<Code>& Actions() {
    static const std::vector<Code> list = {
        {"submit", "Gửi Bộ Ngoại giao", "Submit to MOFA"},
        {"approve", "Duyệt", "Approve"},
        {"return", "Trả lại", "Return"},
        {"reopen", "Mở lại", "Reopen"},
    };
    return list;
}

const std::vector<Code>& CompletenessStates() {
    static const std::vector<Code> list = {
        {"not_started", "Chưa nhập", "Not started"},
        {"draft", "Đang nhập", "Draft"},
        {"submitted_on_time", "Đã gửi đúng hạn", "Submitted on time"},
        {"submitted_late", "Đã gửi muộn", "Submitted late"},
        {"returned", "Bị trả lại", "Returned"},
        {"approved", "Đã duyệt", "Approved"},
    };
    return list;
}

}  // namespace ngoaivu::indicators
