#pragma once

#include <set>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace ngoaivu::accounts {

// argon2id cost. The default (2 passes over 32 MiB) took 41–66 ms per hash on the 2-core
// reference machine (docs/decisions/0006); tests use kTestCost to stay fast.
struct PasswordCost {
    unsigned long long opslimit = 2;
    std::size_t memlimit = 32u << 20;  // bytes
};
inline constexpr PasswordCost kTestCost{1, 8u << 10 << 10};

// The argon2id hash of `password` in libsodium's self-describing string form.
std::string HashPassword(std::string_view password, const PasswordCost& cost);
// True when `password` matches `hash`. Runs one full hash: callers use it also for unknown
// accounts (against a decoy hash) so that timing does not reveal whether an account exists.
bool VerifyPassword(const std::string& hash, std::string_view password);

// Words a password may not be (after removing digits and symbols and lower-casing): the
// dictionary of Debian's cracklib-runtime plus words common in Vietnamese passwords.
class PasswordBlocklist {
 public:
    // Loads `dictionary` (one word a line; missing file = only the built-in words).
    static PasswordBlocklist Load(const std::string& dictionary);
    bool Contains(const std::string& letters) const { return words_.contains(letters); }

 private:
    std::set<std::string, std::less<>> words_;
};

inline constexpr int kMinPasswordChars = 12;
inline constexpr int kMaxPasswordChars = 128;

// The policy: 12 to 128 characters; not one repeated character or a simple sequence; not a
// common word or the login with digits and symbols around it. Errors name the field
// `field` ("password" or "new_password").
Result<void> CheckPasswordPolicy(std::string_view password, std::string_view login,
                                 const PasswordBlocklist& blocklist, const std::string& field);

}  // namespace ngoaivu::accounts
