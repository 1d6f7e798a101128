#include "modules/attachments/attachments_routes.hpp"

#include "http/request.hpp"

namespace ngoaivu::attachments {

void RegisterAttachmentRoutes(http::Router& router, AttachmentService& service,
                              const html::Pages& pages) {
    detail::RegisterAttachmentApi(router, service);
    detail::RegisterAttachmentPages(router, service, pages);
}

}  // namespace ngoaivu::attachments

namespace ngoaivu::attachments::detail {

std::string ContentDisposition(std::string_view filename) {
    std::string ascii;
    for (std::size_t i = 0; i < filename.size(); ++i) {
        auto u = static_cast<unsigned char>(filename[i]);
        if (u >= 0x80 && u < 0xc0)
            continue;  // the rest of a character already replaced
        bool plain = u >= 0x20 && u < 0x7f && u != '"' && u != '\\';
        ascii += plain ? static_cast<char>(u) : '_';
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
           http::PercentEncode(filename);
}

}  // namespace ngoaivu::attachments::detail
