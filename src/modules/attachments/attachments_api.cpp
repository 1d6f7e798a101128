#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "http/json.hpp"
#include "modules/attachments/attachments_routes.hpp"

namespace ngoaivu::attachments::detail {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Attachment& a) {
    return {{"id", a.id.value},
            {"entity", a.entity},
            {"entity_id", a.entity_id},
            {"kind", a.kind},
            {"filename", a.filename},
            {"size_bytes", a.size_bytes},
            {"mime", a.mime},
            {"sha256", a.sha256},
            {"uploaded_by", a.uploader.empty() ? json() : json(a.uploader)},
            {"uploaded_at", a.uploaded_at},
            {"download_url", "/attachments/" + std::to_string(a.id.value)}};
}

// A required query parameter; kInvalidArgument naming it when absent or empty.
Result<std::string> RequiredQuery(const Request& req, const std::string& name,
                                  const std::string& vi, const std::string& en) {
    auto v = req.Query(name);
    if (!v || v->empty())
        return Error::InvalidArgument(name, vi, en);
    return std::string(*v);
}

Response Upload(AttachmentService& service, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return http::JsonError(id.error(), req.request_id);
    auto kind = RequiredQuery(req, "kind", "Hãy cho biết loại tài liệu (kind).",
                              "Please give the kind of document (kind).");
    if (!kind)
        return http::JsonError(kind.error(), req.request_id);
    auto filename = RequiredQuery(req, "filename", "Hãy cho biết tên tệp (filename).",
                                  "Please give the file's name (filename).");
    if (!filename)
        return http::JsonError(filename.error(), req.request_id);
    UploadRequest up{req.Param("entity"), *id, *kind, *filename, std::move(req.body)};
    auto made = service.Upload(*req.actor, up);
    if (!made)
        return http::JsonError(made.error(), req.request_id);
    Response res = http::JsonResponse(201, ToJson(*made));
    res.Set("Location", "/attachments/" + std::to_string(made->id.value));
    return res;
}

Response List(AttachmentService& service, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return http::JsonError(id.error(), req.request_id);
    auto list = service.List(*req.actor, req.Param("entity"), *id);
    if (!list)
        return http::JsonError(list.error(), req.request_id);
    json items = json::array();
    for (const auto& a : list->items)
        items.push_back(ToJson(a));
    json kinds = json::array();
    for (const auto& k : list->kinds)
        kinds.push_back({{"code", k.code}, {"name_vi", k.vi}, {"name_en", k.en}});
    return http::JsonResponse(200, {{"items", std::move(items)},
                                    {"total", list->items.size()},
                                    {"can_write", list->can_write},
                                    {"kinds", std::move(kinds)},
                                    {"max_file_bytes", service.max_file_bytes()}});
}

Response Remove(AttachmentService& service, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return http::JsonError(id.error(), req.request_id);
    if (auto done = service.Remove(*req.actor, AttachmentId{*id}); !done)
        return http::JsonError(done.error(), req.request_id);
    return Response{204, {}, {}};
}

}  // namespace

void RegisterAttachmentApi(http::Router& router, AttachmentService& service) {
    router.Add({"POST", "/api/v1/attachments/{entity}/{id}", Access::kAuthenticated,
                "Attach a file (the raw body) to a record",
                [&service](Request& req) { return Upload(service, req); }});
    router.Add({"GET", "/api/v1/attachments/{entity}/{id}", Access::kAuthenticated,
                "A record's attachments", [&service](Request& req) { return List(service, req); }});
    router.Add({"DELETE", "/api/v1/attachments/{id}", Access::kAuthenticated,
                "Remove an attachment", [&service](Request& req) { return Remove(service, req); }});
}

}  // namespace ngoaivu::attachments::detail
