#include "base/crypto.hpp"

#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace ngoaivu::crypto {

namespace {

void Init() {
    static const bool ok = sodium_init() >= 0;
    if (!ok)
        throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string RandomToken(std::size_t bytes) {
    Init();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::string Sha256Hex(std::string_view data) {
    Init();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    Init();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ngoaivu::crypto
