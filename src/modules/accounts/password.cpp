#include "modules/accounts/password.hpp"

#include <fstream>
#include <stdexcept>

#include <sodium.h>

#include "base/text.hpp"

namespace ngoaivu::accounts {

namespace {

// Words often used as, or inside, passwords here; the dictionary adds English words.
constexpr const char* kBuiltIn[] = {
    "password", "passwd",     "matkhau",  "ngoaivu", "ngoaigiao", "admin",  "administrator",
    "qwerty",   "qwertyuiop", "asdfgh",   "zxcvbn",  "abc",       "abcd",   "abcdef",
    "iloveyou", "letmein",    "welcome",  "vietnam", "hanoi",     "saigon", "doingoai",
    "anhyeuem", "emyeuanh",   "changeme", "secret",  "login",     "user",   "demo",
    "test",     "guest",      "root",     "master",  "dragon",    "monkey", "football",
};

void Init() {
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialise");
}

std::size_t CountChars(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

// Only the letters of `s`, folded (no diacritics, lower case).
std::string Letters(std::string_view s) {
    std::string folded = text::Fold(s), out;
    for (char c : folded) {
        if (c >= 'a' && c <= 'z')
            out.push_back(c);
    }
    return out;
}

bool IsSimpleSequence(std::string_view s) {
    if (s.size() < 2)
        return true;
    bool same = true, up = true, down = true;
    for (std::size_t i = 1; i < s.size(); ++i) {
        same = same && s[i] == s[0];
        up = up && s[i] == s[i - 1] + 1;
        down = down && s[i] == s[i - 1] - 1;
    }
    return same || up || down;
}

}  // namespace

std::string HashPassword(std::string_view password, const PasswordCost& cost) {
    Init();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.opslimit, cost.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("argon2id: out of memory");
    }
    return out;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    Init();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

PasswordBlocklist PasswordBlocklist::Load(const std::string& dictionary) {
    PasswordBlocklist b;
    for (const char* w : kBuiltIn)
        b.words_.insert(w);
    std::ifstream in(dictionary);
    std::string line;
    while (std::getline(in, line)) {
        std::string letters = Letters(line);
        if (letters.size() >= 3)
            b.words_.insert(std::move(letters));
    }
    return b;
}

Result<void> CheckPasswordPolicy(std::string_view password, std::string_view login,
                                 const PasswordBlocklist& blocklist, const std::string& field) {
    if (!text::IsValidUtf8(password)) {
        return Error::InvalidArgument(field, "Mật khẩu chứa ký tự không hợp lệ.",
                                      "The password contains invalid characters.");
    }
    std::size_t chars = CountChars(password);
    if (chars < kMinPasswordChars) {
        return Error::InvalidArgument(
            field, "Mật khẩu phải có ít nhất 12 ký tự; một cụm vài từ dễ nhớ là lựa chọn tốt.",
            "The password must be at least 12 characters; a phrase of a few words works well.");
    }
    if (chars > kMaxPasswordChars) {
        return Error::InvalidArgument(field, "Mật khẩu không được dài quá 128 ký tự.",
                                      "The password must be at most 128 characters.");
    }
    if (IsSimpleSequence(password)) {
        return Error::InvalidArgument(field, "Mật khẩu quá đơn giản (lặp lại hoặc dãy liên tiếp).",
                                      "The password is too simple (repeated or a sequence).");
    }
    std::string letters = Letters(password);
    std::string login_letters = Letters(login);
    if (letters.empty() || IsSimpleSequence(letters) || blocklist.Contains(letters) ||
        (!login_letters.empty() && letters == login_letters)) {
        return Error::InvalidArgument(
            field, "Mật khẩu quá phổ biến hoặc dễ đoán (từ thông dụng, tên đăng nhập kèm số).",
            "The password is too common or easy to guess (a common word, or the login with "
            "digits).");
    }
    return Ok();
}

}  // namespace ngoaivu::accounts
