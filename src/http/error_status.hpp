#pragma once

#include "base/error.hpp"

namespace ngoaivu::http {

// The HTTP status for an error code: one switch without default (-Wswitch flags a new code).
int HttpStatus(ErrorCode code);

}  // namespace ngoaivu::http
