#include "http/error_status.hpp"

namespace ngoaivu::http {

int HttpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
        case ErrorCode::kFailedPrecondition:
            return 409;
        case ErrorCode::kPayloadTooLarge:
            return 413;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kInternal:
            return 500;
        case ErrorCode::kUnavailable:
            return 503;
    }
    return 500;
}

}  // namespace ngoaivu::http
