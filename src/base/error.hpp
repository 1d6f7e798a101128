#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ngoaivu {

// What kind of failure an Error is. Each code maps to exactly one HTTP status in
// http/error_status.cpp (a switch without default, so a new code fails to compile until mapped).
enum class ErrorCode {
    kInvalidArgument,     // the caller sent something malformed or out of range (400)
    kNotFound,            // the named thing does not exist, or is outside the caller's scope (404)
    kConflict,            // the write lost a race or breaks a uniqueness rule (409)
    kPermissionDenied,    // authenticated, but not allowed (403)
    kUnauthenticated,     // no valid session or token (401)
    kFailedPrecondition,  // the record is in a state that forbids the operation (409)
    kPayloadTooLarge,     // a body or upload above the configured limit (413)
    kTooManyRequests,     // throttled, e.g. repeated failed sign-ins (429)
    kUnavailable,         // the service is overloaded or shutting down (503)
    kInternal,            // a bug or broken infrastructure; details only in the log (500)
};

// Stable, lower-case name used in JSON errors and logs ("invalid_argument", ...).
std::string_view ErrorCodeName(ErrorCode code);

// One problem with one input field, in both languages.
struct FieldError {
    std::string field;
    std::string message_vi;
    std::string message_en;
};

// An expected failure, carried as a value. Messages are user-facing: Vietnamese first, English
// second, and they name the field when there is one. Never put secrets in them.
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string field;  // the main offending field, empty when none
    std::string message_vi;
    std::string message_en;
    std::vector<FieldError> fields;  // every field problem, for forms (may be empty)

    static Error InvalidArgument(std::string field, std::string vi, std::string en);
    static Error NotFound(std::string vi, std::string en);
    static Error Conflict(std::string vi, std::string en);
    static Error PermissionDenied(std::string vi, std::string en);
    static Error FailedPrecondition(std::string vi, std::string en);
    static Error Internal();
};

}  // namespace ngoaivu
