#pragma once

#include <string>
#include <string_view>

namespace ngoaivu::crypto {

// Thin wrappers over libsodium (initialised on first use; thread-safe).

// `bytes` random bytes from the OS CSPRNG, as unpadded base64url (43 characters for 32 bytes).
std::string RandomToken(std::size_t bytes = 32);
// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);
// Compares in time independent of where the strings differ (lengths may leak).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ngoaivu::crypto
