#include "base/error.hpp"

#include <utility>

namespace ngoaivu {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kFailedPrecondition:
            return "failed_precondition";
        case ErrorCode::kPayloadTooLarge:
            return "payload_too_large";
        case ErrorCode::kTooManyRequests:
            return "too_many_requests";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

Error Error::InvalidArgument(std::string field, std::string vi, std::string en) {
    Error e{ErrorCode::kInvalidArgument, field, vi, en, {}};
    e.fields.push_back({std::move(field), std::move(vi), std::move(en)});
    return e;
}

Error Error::NotFound(std::string vi, std::string en) {
    return {ErrorCode::kNotFound, {}, std::move(vi), std::move(en), {}};
}

Error Error::Conflict(std::string vi, std::string en) {
    return {ErrorCode::kConflict, {}, std::move(vi), std::move(en), {}};
}

Error Error::PermissionDenied(std::string vi, std::string en) {
    return {ErrorCode::kPermissionDenied, {}, std::move(vi), std::move(en), {}};
}

Error Error::FailedPrecondition(std::string vi, std::string en) {
    return {ErrorCode::kFailedPrecondition, {}, std::move(vi), std::move(en), {}};
}

Error Error::Internal() {
    return {ErrorCode::kInternal,
            {},
            "Lỗi hệ thống. Vui lòng thử lại sau.",
            "Internal error. Please try again later.",
            {}};
}

}  // namespace ngoaivu
