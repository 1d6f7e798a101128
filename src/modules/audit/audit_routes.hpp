#pragma once

#include "html/pages.hpp"
#include "http/router.hpp"
#include "modules/audit/audit_service.hpp"

namespace ngoaivu::audit {

// Registers the audit page (/audit) and /api/v1/audit, for administrators and MOFA.
void RegisterAuditRoutes(http::Router& router, AuditService& service, const html::Pages& pages);

}  // namespace ngoaivu::audit
