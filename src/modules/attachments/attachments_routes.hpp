#pragma once

#include <string>
#include <string_view>

#include "html/pages.hpp"
#include "http/router.hpp"
#include "modules/attachments/attachment_service.hpp"

namespace ngoaivu::attachments {

// Registers the attachments API (/api/v1/attachments/…), the download (/attachments/{id}), the
// record's documents as a page or htmx fragment (/attachments/{entity}/{id}) and the forms
// that upload and remove. `service` and `pages` must outlive the router.
void RegisterAttachmentRoutes(http::Router& router, AttachmentService& service,
                              const html::Pages& pages);

}  // namespace ngoaivu::attachments

namespace ngoaivu::attachments::detail {

// `Content-Disposition: attachment` for `filename` (RFC 6266): an ASCII fallback in
// `filename="…"` (other characters, quotes and backslashes as '_') and the exact name in
// `filename*=UTF-8''…` (RFC 5987 percent-encoding).
std::string ContentDisposition(std::string_view filename);

void RegisterAttachmentApi(http::Router& router, AttachmentService& service);
void RegisterAttachmentPages(http::Router& router, AttachmentService& service,
                             const html::Pages& pages);

}  // namespace ngoaivu::attachments::detail
