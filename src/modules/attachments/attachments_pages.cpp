#include <string>
#include <utility>

#include "base/date.hpp"
#include "base/text.hpp"
#include "html/pages.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"
#include "http/multipart.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/attachments/attachments_routes.hpp"

namespace ngoaivu::attachments::detail {

namespace {

using html::Data;
using http::Access;
using http::Request;
using http::Response;

bool En(const Request& req) {
    return html::LangOf(req) == "en";
}

// "2025-08-01T03:05:00.000Z" as "01/08/2025 10:05", in Vietnam's time (UTC+7).
std::string DisplayTime(const std::string& iso) {
    auto day = Date::ParseIso(iso.substr(0, 10));
    if (!day || iso.size() < 16 || iso[13] != ':')
        return iso;
    int hour = (iso[11] - '0') * 10 + (iso[12] - '0') + 7;
    if (hour >= 24) {
        hour -= 24;
        day = day->AddDays(1);
    }
    std::string hh = (hour < 10 ? "0" : "") + std::to_string(hour);
    return day->ToDisplay() + " " + hh + ":" + iso.substr(14, 2);
}

// 512 B, 34 KB, 1,5 MB (1.5 MB in English).
std::string DisplaySize(const Request& req, std::int64_t bytes) {
    auto lang = En(req) ? text::Lang::kEn : text::Lang::kVi;
    if (bytes < 1024)
        return html::Number(req, bytes) + " B";
    if (bytes < 1024 * 1024)
        return text::FormatNumber(static_cast<double>(bytes) / 1024, 0, lang) + " KB";
    return text::FormatNumber(static_cast<double>(bytes) / (1024 * 1024), 1, lang) + " MB";
}

std::string TypeLabel(const std::string& mime) {
    if (mime == "application/pdf")
        return "PDF";
    if (mime == "image/png")
        return "PNG";
    if (mime == "image/jpeg")
        return "JPEG";
    if (mime.find("wordprocessingml") != std::string::npos)
        return "DOCX";
    if (mime.find("spreadsheetml") != std::string::npos)
        return "XLSX";
    return mime;
}

std::string RecordHref(const std::string& entity, std::int64_t id) {
    return "/attachments/" + http::PercentEncode(entity) + "/" + std::to_string(id);
}

// The view of partials/attachments.html: the record's documents and, for writers, the forms.
Data ListView(const Request& req, const AttachmentService& service, const AttachmentList& list,
              const std::string& entity, std::int64_t entity_id, const std::string& next) {
    Data view;
    Data items(Data::type::list);
    for (const auto& a : list.items) {
        std::string kind = a.kind;
        for (const auto& k : list.kinds) {
            if (k.code == a.kind)
                kind = En(req) ? k.en : k.vi;
        }
        Data row;
        row.set("href", "/attachments/" + std::to_string(a.id.value));
        row.set("filename", a.filename);
        row.set("kind", kind);
        row.set("type", TypeLabel(a.mime));
        row.set("size", DisplaySize(req, a.size_bytes));
        row.set("uploader", a.uploader);
        row.set("uploaded_at", DisplayTime(a.uploaded_at));
        row.set("remove_action", "/attachments/" + std::to_string(a.id.value) + "/remove");
        items.push_back(row);
    }
    Data kinds(Data::type::list);
    for (const auto& k : list.kinds) {
        Data option;
        option.set("value", k.code);
        option.set("label", En(req) ? k.en : k.vi);
        kinds.push_back(option);
    }
    view.set("items", items);
    view.set("has_items", !list.items.empty());
    view.set("can_write", list.can_write);
    view.set("kind_options", kinds);
    view.set("upload_action", RecordHref(entity, entity_id));
    view.set("next", next);
    view.set("csrf", req.csrf_token);
    view.set("max_size", DisplaySize(req, static_cast<std::int64_t>(service.max_file_bytes())));
    return view;
}

// `next` from the query or the form, as a local path; the record's attachments page otherwise.
std::string NextOf(std::string_view given, const std::string& entity, std::int64_t id) {
    return given.empty() ? RecordHref(entity, id) : accounts::SafeNext(given);
}

// The full page of a record's documents, with `error` above them when given.
Response ListPage(AttachmentService& service, const html::Pages& pages, const Request& req,
                  const std::string& entity, std::int64_t id, const std::string& next,
                  const Error* error = nullptr) {
    auto list = service.List(*req.actor, entity, id);
    if (!list)
        return pages.Error(req, list.error());
    Data view = ListView(req, service, *list, entity, id, next);
    const auto& catalog = pages.renderer().catalog();
    view.set("title", catalog.Get("att_title", html::LangOf(req)));
    view.set("back_href", next);
    int status = 200;
    if (error) {
        view.set("error", En(req) ? error->message_en : error->message_vi);
        status = http::HttpStatus(error->code);
    }
    return pages.Render(req, "attachments/list", "", std::move(view), status);
}

Response DownloadFile(AttachmentService& service, const html::Pages& pages, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    auto file = service.Download(*req.actor, AttachmentId{*id});
    if (!file)
        return pages.Error(req, file.error());
    Response res;
    res.status = 200;
    res.body = std::move(file->content);
    res.Set("Content-Type", file->attachment.mime);
    res.Set("Content-Disposition", ContentDisposition(file->attachment.filename));
    res.Set("Cache-Control", "private, no-cache");
    return res;
}

Response RecordDocuments(AttachmentService& service, const html::Pages& pages, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    const std::string& entity = req.Param("entity");
    std::string next = NextOf(req.Query("next").value_or(""), entity, *id);
    if (!req.Header("HX-Request"))
        return ListPage(service, pages, req, entity, *id, next);
    auto list = service.List(*req.actor, entity, *id);
    if (!list)
        return pages.Error(req, list.error());
    return pages.Fragment(req, "partials/attachments",
                          ListView(req, service, *list, entity, *id, next));
}

Response UploadForm(AttachmentService& service, const html::Pages& pages, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    const std::string& entity = req.Param("entity");
    http::MultipartLimits limits;
    limits.max_parts = 8;
    auto parts = http::ParseMultipartForm(req, limits);
    if (!parts)
        return pages.Error(req, parts.error());
    UploadRequest up;
    up.entity = entity;
    up.entity_id = *id;
    std::string next_field;
    bool has_file = false;
    for (auto& part : *parts) {
        if (part.name == "kind" && !part.filename) {
            up.kind = part.data;
        } else if (part.name == "next" && !part.filename) {
            next_field = part.data;
        } else if (part.name == "file" && part.filename) {
            has_file = !part.filename->empty() || !part.data.empty();
            up.filename = *part.filename;
            up.content = std::move(part.data);
        }
    }
    std::string next = NextOf(next_field, entity, *id);
    if (!has_file) {
        Error e = Error::InvalidArgument("file", "Hãy chọn một tệp để đính kèm.",
                                         "Please choose a file to attach.");
        return ListPage(service, pages, req, entity, *id, next, &e);
    }
    auto made = service.Upload(*req.actor, up);
    if (!made) {
        if (made.error().code == ErrorCode::kNotFound)
            return pages.Error(req, made.error());
        return ListPage(service, pages, req, entity, *id, next, &made.error());
    }
    return Response::Redirect(next);
}

Response RemoveForm(AttachmentService& service, const html::Pages& pages, Request& req) {
    auto id = http::ParseIdParam(req, "id");
    if (!id)
        return pages.Error(req, id.error());
    if (auto done = service.Remove(*req.actor, AttachmentId{*id}); !done)
        return pages.Error(req, done.error());
    std::string next = req.Form("next");
    return Response::Redirect(next.empty() ? "/" : accounts::SafeNext(next));
}

}  // namespace

void RegisterAttachmentPages(http::Router& router, AttachmentService& service,
                             const html::Pages& pages) {
    router.Add({"GET", "/attachments/{id}", Access::kAuthenticated, "Download an attachment",
                [&service, &pages](Request& req) { return DownloadFile(service, pages, req); }});
    router.Add({"GET", "/attachments/{entity}/{id}", Access::kAuthenticated,
                "A record's attachments (page, or fragment for htmx)",
                [&service, &pages](Request& req) { return RecordDocuments(service, pages, req); }});
    router.Add({"POST", "/attachments/{entity}/{id}", Access::kAuthenticated,
                "Attach a file to a record (multipart form)",
                [&service, &pages](Request& req) { return UploadForm(service, pages, req); }});
    router.Add({"POST", "/attachments/{id}/remove", Access::kAuthenticated,
                "Remove an attachment (form)",
                [&service, &pages](Request& req) { return RemoveForm(service, pages, req); }});
}

}  // namespace ngoaivu::attachments::detail
