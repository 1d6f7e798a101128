#include "app/config.hpp"

#include <charconv>

namespace ngoaivu::app {

bool ParseListen(const std::string& listen, std::string* host, std::uint16_t* port) {
    std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= listen.size())
        return false;
    std::string h = listen.substr(0, colon);
    if (h.front() == '[' && h.back() == ']')
        h = h.substr(1, h.size() - 2);
    unsigned value = 0;
    const char* first = listen.data() + colon + 1;
    const char* last = listen.data() + listen.size();
    auto [p, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || p != last || value > 65535)
        return false;
    *host = h;
    *port = static_cast<std::uint16_t>(value);
    return true;
}

std::string DefaultAssetsDir() {
    return NGOAIVU_DEFAULT_ASSETS;
}

}  // namespace ngoaivu::app
