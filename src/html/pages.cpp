#include "html/pages.hpp"

#include "base/text.hpp"
#include "http/error_status.hpp"
#include "http/json.hpp"

namespace ngoaivu::html {

std::string_view StatusCodeName(int status) {
    switch (status) {
        case 400:
            return "invalid_argument";
        case 401:
            return "unauthenticated";
        case 403:
            return "permission_denied";
        case 404:
            return "not_found";
        case 405:
            return "method_not_allowed";
        case 408:
            return "request_timeout";
        case 409:
            return "conflict";
        case 413:
            return "payload_too_large";
        case 414:
            return "uri_too_long";
        case 429:
            return "too_many_requests";
        case 431:
            return "header_too_large";
        case 503:
            return "unavailable";
        default:
            return status >= 500 ? "internal" : "invalid_argument";
    }
}

std::string_view LangOf(const http::Request& req) {
    return req.lang == "en" ? "en" : "vi";
}

std::string Number(const http::Request& req, std::int64_t n) {
    return text::FormatInteger(n, LangOf(req) == "en" ? text::Lang::kEn : text::Lang::kVi);
}

http::Response Pages::Render(const http::Request& req, std::string_view page, std::string_view nav,
                             Data view, int status) const {
    std::string_view lang = LangOf(req);
    view.set("lang", std::string(lang));
    view.set("is_en", lang == "en");
    view.set("request_id", req.request_id);
    if (req.actor) {
        view.set("signed_in", true);
        view.set("user_name", req.display_name.empty() ? req.actor->login : req.display_name);
        view.set("csrf", req.csrf_token);
        view.set("is_admin", req.actor->IsAdmin());
        view.set("can_audit", req.actor->IsAdmin() || req.actor->Has(Role::kMofaStaff) ||
                                  req.actor->Has(Role::kMofaViewer));
    }
    view.set("nav_" + std::string(nav), true);
    if (!nav.empty() && !view.get("title")) {
        view.set("title", renderer_.catalog().Get("nav_" + std::string(nav), lang));
    }
    std::string other = lang == "en" ? "vi" : "en";
    view.set("switch_lang_href", "/lang/" + other + "?next=" + http::PercentEncode(req.target));
    view.set("switch_lang_label", other == "en" ? "English" : "Tiếng Việt");
    view.set("switch_lang_code", other);
    http::Response res = http::Response::Html(status, renderer_.Page(page, std::move(view), lang));
    res.Set("Content-Language", std::string(lang));
    res.Set("Vary", "Cookie, HX-Request");
    return res;
}

http::Response Pages::Fragment(const http::Request& req, std::string_view name, Data view) const {
    std::string_view lang = LangOf(req);
    view.set("lang", std::string(lang));
    http::Response res = http::Response::Html(200, renderer_.Fragment(name, std::move(view), lang));
    res.Set("Vary", "Cookie, HX-Request");
    return res;
}

http::Response Pages::ErrorPage(const http::Request& req, int status, const std::string& message_vi,
                                const std::string& message_en) const {
    const Catalog& c = renderer_.catalog();
    std::string lang(LangOf(req));
    std::string key = "error_" + std::to_string(status);
    if (c.entries().find(key) == c.entries().end())
        key = status >= 500 ? "error_500" : "error_400";
    Data view;
    view.set("status", std::to_string(status));
    view.set("error_title", c.Get(key, lang));
    view.set("message", lang == "en" ? message_en : message_vi);
    return Render(req, "error", "", std::move(view), status);
}

http::Response Pages::Error(const http::Request& req, const ngoaivu::Error& error) const {
    if (req.WantsJson())
        return http::JsonError(error, req.request_id);
    return ErrorPage(req, http::HttpStatus(error.code), error.message_vi, error.message_en);
}

http::Response Pages::Status(const http::Request& req, int status) const {
    const Catalog& c = renderer_.catalog();
    std::string key = "error_" + std::to_string(status) + "_message";
    if (c.entries().find(key) == c.entries().end()) {
        key = status >= 500 ? "error_500_message" : "error_400_message";
    }
    const std::string& vi = c.Get(key, "vi");
    const std::string& en = c.Get(key, "en");
    if (req.WantsJson()) {
        nlohmann::json body =
            http::ErrorJson(ngoaivu::Error{ErrorCode::kInternal, {}, vi, en, {}}, req.request_id);
        body["error"]["code"] = StatusCodeName(status);
        return http::JsonResponse(status, body);
    }
    return ErrorPage(req, status, vi, en);
}

}  // namespace ngoaivu::html
