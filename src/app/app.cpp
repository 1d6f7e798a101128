#include "app/app.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "app/auth_changes.hpp"
#include "app/housekeeping.hpp"
#include "app/indicator_figures.hpp"
#include "app/routes.hpp"
#include "base/crypto.hpp"
#include "base/embedded.hpp"
#include "base/text.hpp"
#include "html/pages.hpp"
#include "html/renderer.hpp"
#include "http/forwarded.hpp"
#include "http/json.hpp"
#include "http/metrics.hpp"
#include "http/multipart.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "modules/accounts/account_repository.hpp"
#include "modules/accounts/account_service.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/agreements/agreement_repository.hpp"
#include "modules/agreements/agreement_service.hpp"
#include "modules/agreements/agreements_routes.hpp"
#include "modules/attachments/attachment_repository.hpp"
#include "modules/attachments/attachment_service.hpp"
#include "modules/attachments/attachments_routes.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/calendar/calendar_repository.hpp"
#include "modules/calendar/calendar_routes.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/delegations/delegation_repository.hpp"
#include "modules/delegations/delegation_service.hpp"
#include "modules/delegations/delegations_routes.hpp"
#include "modules/events/event_repository.hpp"
#include "modules/events/event_service.hpp"
#include "modules/events/events_routes.hpp"
#include "modules/geo/geo_repository.hpp"
#include "modules/geo/geo_routes.hpp"
#include "modules/geo/geo_service.hpp"
#include "modules/indicators/indicator_repository.hpp"
#include "modules/indicators/indicator_service.hpp"
#include "modules/indicators/indicators_routes.hpp"
#include "modules/partners/partner_repository.hpp"
#include "modules/partners/partner_service.hpp"
#include "modules/partners/partners_routes.hpp"
#include "modules/reports/report_repository.hpp"
#include "modules/reports/report_service.hpp"
#include "modules/reports/reports_routes.hpp"
#include "modules/schedule/schedule_repository.hpp"
#include "modules/schedule/schedule_routes.hpp"
#include "modules/schedule/schedule_service.hpp"
#include "storage/migrator.hpp"

namespace ngoaivu::app {

namespace {

using Clock = std::chrono::steady_clock;

// Time spent in the database by the request running on this thread (handlers are synchronous).
thread_local std::chrono::nanoseconds t_db_time{0};

// The Content-Security-Policy: no inline script or style, nothing from another origin.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

std::string NewRequestId() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t v = rng();
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        id[i] = kHex[v & 15];
    return id;
}

// A caller's X-Request-Id is kept when it is short and plain; otherwise a new one is made.
std::string RequestIdFor(const http::Request& req) {
    if (auto given = req.Header("x-request-id"); given && !given->empty() && given->size() <= 64) {
        bool plain = true;
        for (char c : *given) {
            plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                              (c >= '0' && c <= '9') || c == '-' || c == '_');
        }
        if (plain)
            return std::string(*given);
    }
    return NewRequestId();
}

// Paths whose last part is a credential (a calendar feed's token): the access log writes the
// prefix and "***" instead.
constexpr std::string_view kSecretPathPrefixes[] = {"/schedule/feed/"};

// The request's path as the access log writes it, which is never the query string, and never
// a secret that is part of the path (written as its prefix and "***").
std::string_view LoggedPath(const http::Request& req, std::string& buffer) {
    std::string_view path = req.path.empty()
                                ? std::string_view(req.target).substr(0, req.target.find('?'))
                                : std::string_view(req.path);
    for (std::string_view prefix : kSecretPathPrefixes) {
        if (path.starts_with(prefix) && path.size() > prefix.size()) {
            buffer.assign(prefix);
            buffer += "***";
            return buffer;
        }
    }
    return path;
}

std::string UtcTimestamp() {
    return audit::IsoUtc(std::chrono::system_clock::now());
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// Appends `s` as a JSON string literal; bytes of invalid UTF-8 become '?'.
void AppendJsonString(std::string& out, std::string_view s) {
    bool valid = text::IsValidUtf8(s);
    out += '"';
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", u);
            out += esc;
        } else if (u >= 0x80 && !valid) {
            out += '?';
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string ReadFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::shared_ptr<spdlog::logger> MakeLogger(const std::string& file) {
    spdlog::sink_ptr sink;
    if (file.empty()) {
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else {
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file);
    }
    auto logger = std::make_shared<spdlog::logger>("ngoaivu", sink);
    logger->set_pattern("%v");
    logger->flush_on(spdlog::level::info);
    return logger;
}

// The kinds of documents an agreement takes (issue 5: the file of a signing, LAW-AND-PRACTICE
// §2.8).
std::vector<attachments::DocumentKind> AgreementDocumentKinds() {
    return {
        {"proposal", "Tờ trình, đề xuất", "Proposal"},
        {"draft", "Dự thảo", "Draft"},
        {"opinion", "Ý kiến của cơ quan", "Opinion of a consulted body"},
        {"explanation", "Báo cáo giải trình", "Explanation of the opinions"},
        {"decision", "Quyết định cho phép ký", "Decision permitting signature"},
        {"signed_scan", "Bản ký (bản quét)", "Signed copy (scan)"},
        {"report", "Báo cáo gửi Bộ Ngoại giao", "Report to MOFA"},
        {"other", "Tài liệu khác", "Other document"},
    };
}

// The kinds of documents an event takes (Decision 06/2020/QĐ-TTg: the request, the plan of Form
// 01, the consulted bodies' replies, the permission, the result report of Form 02).
std::vector<attachments::DocumentKind> EventDocumentKinds() {
    return {
        {"request", "Văn bản đề nghị cho phép tổ chức", "Request for permission"},
        {"plan", "Đề án tổ chức (Mẫu 01)", "Plan (Form 01)"},
        {"consultation_reply", "Ý kiến của cơ quan được lấy ý kiến", "Reply of a consulted body"},
        {"decision", "Văn bản cho phép hoặc không cho phép tổ chức",
         "Decision permitting or refusing the event"},
        {"result_report", "Báo cáo kết quả tổ chức (Mẫu 02)", "Result report (Form 02)"},
        {"other", "Tài liệu khác", "Other document"},
    };
}

// The kinds of documents a delegation takes (issue 6: invitation, proposal, approval, report).
std::vector<attachments::DocumentKind> DelegationDocumentKinds() {
    std::vector<attachments::DocumentKind> out;
    for (const auto& c : delegations::DocumentKinds())
        out.push_back({std::string(c.code), std::string(c.vi), std::string(c.en)});
    return out;
}

}  // namespace

// --handler-threads -1 on PostgreSQL: one per pooled connection (a handler holds at most one),
// but no more than two per core: more runnable threads than that only queue for the CPU and
// lengthen the tail (bench/README.md, db_bench.sh: at 64 connections on 2 cores, 4 threads gave
// p99 8 ms where 8 gave 9-11 ms and 32 gave 221 ms).
int AutomaticHandlerThreads(int db_pool) {
    int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, std::min(db_pool, 2 * std::max(cores, 1)));
}

// --trusted-proxies, or std::runtime_error in both languages (the CLI checks it earlier).
http::TrustedProxies ParseTrustedProxies(const std::string& list) {
    auto proxies = http::TrustedProxies::Parse(list);
    if (!proxies)
        throw std::runtime_error(proxies.error().message_vi + " / " + proxies.error().message_en);
    return *proxies;
}

struct App::Impl {
    Impl(ServeConfig cfg, const ngoaivu::Clock& c, reports::FigureSource* figures)
        : config(std::move(cfg)),
          figure_source(figures),
          proxies(ParseTrustedProxies(config.trusted_proxies)),
          clock(c),
          log(MakeLogger(config.log_file)),
          db(storage::Open(config.db, {config.db_pool, config.db_busy_timeout,
                                       [this](std::chrono::nanoseconds d) {
                                           t_db_time += d;
                                           metrics.AddDbTime(d);
                                       }})),
          renderer(std::filesystem::path(config.assets) / "templates",
                   std::filesystem::path(config.assets) / "i18n" / "catalog.json"),
          pages(renderer),
          static_files(std::filesystem::path(config.assets) / "static", "/static/"),
          openapi(ReadFile(std::filesystem::path(config.assets) / "openapi.json")),
          geo_service(*db, geo_repo, clock),
          audit_service(*db, audit_repo, clock),
          auth_changes(OpenAuthChanges(config.db, db->backend(), &auth_changes_problem)),
          account_service(*db, account_repo, audit_service, clock, config.accounts,
                          auth_changes.get()),
          partner_service(*db, partner_repo, audit_service, clock),
          calendar_service(*db, calendar_repo, audit_service, clock),
          agreement_service(*db, agreement_repo, audit_service, clock,
                            [this] { return calendar_service.Calendar(); }),
          event_service(*db, event_repo, audit_service, clock,
                        [this] { return calendar_service.Calendar(); }),
          delegation_service(*db, delegation_repo, agreement_repo, audit_service, clock,
                             [this] { return calendar_service.Calendar(); }),
          attachment_service(
              *db, attachment_repo, audit_service, clock,
              {std::min(attachments::kDefaultMaxFileBytes, config.server.max_upload_bytes)}),
          schedule_service(*db, schedule_repo, account_service, account_repo, audit_service, clock),
          indicator_service(*db, indicator_repo, audit_service, clock) {
        auto report =
            storage::Migrate(*db, storage::LoadMigrations(EmbeddedMigrations(), db->backend()));
        if (report.to_version == 0)
            throw std::runtime_error("no migrations compiled in");
        if (!auth_changes_problem.empty()) {
            // Still correct (each token check then reads the stored epoch), only slower.
            log->warn(nlohmann::json{{"ts", UtcTimestamp()},
                                     {"level", "warning"},
                                     {"msg", "no shared file for token changes"},
                                     {"error", auth_changes_problem}}
                          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
        RegisterCoreRoutes(router, CoreDeps{pages, metrics, *db, openapi, geo_service, [this] {
                                                return server ? server->open_connections() : 0;
                                            }});
        geo::RegisterGeoRoutes(router, geo_service, pages);
        accounts::RegisterAccountRoutes(router, account_service, audit_service, pages,
                                        {config.secure_cookies});
        audit::RegisterAuditRoutes(router, audit_service, pages);
        partners::RegisterPartnerRoutes(router, partner_service, geo_service, pages);
        calendar::RegisterCalendarRoutes(router, calendar_service, pages);
        agreements::RegisterAgreementRoutes(router, agreement_service, pages);
        // Agreements are the first owners of attachments: whoever may see an agreement may read
        // its documents, whoever may change it may add and remove them.
        attachment_service.RegisterOwner(
            "agreement",
            [this](storage::Transaction& tx, const Actor& actor, std::int64_t id,
                   attachments::AccessMode mode) {
                return mode == attachments::AccessMode::kWrite
                           ? agreement_service.CheckWritable(tx, actor, id)
                           : agreement_service.CheckReadable(tx, actor, id);
            },
            AgreementDocumentKinds());
        events::RegisterEventRoutes(router, event_service, pages);
        attachment_service.RegisterOwner(
            "event",
            [this](storage::Transaction& tx, const Actor& actor, std::int64_t id,
                   attachments::AccessMode mode) {
                return mode == attachments::AccessMode::kWrite
                           ? event_service.CheckWritable(tx, actor, id)
                           : event_service.CheckReadable(tx, actor, id);
            },
            EventDocumentKinds());
        delegations::RegisterDelegationRoutes(router, delegation_service, pages);
        attachment_service.RegisterOwner(
            "delegation",
            [this](storage::Transaction& tx, const Actor& actor, std::int64_t id,
                   attachments::AccessMode mode) {
                return mode == attachments::AccessMode::kWrite
                           ? delegation_service.CheckWritable(tx, actor, id)
                           : delegation_service.CheckReadable(tx, actor, id);
            },
            DelegationDocumentKinds());
        attachments::RegisterAttachmentRoutes(router, attachment_service, pages);
        schedule::RegisterScheduleRoutes(router, schedule_service, pages, {config.secure_cookies});
        indicators::RegisterIndicatorRoutes(router, indicator_service, pages);
        // The real figures are the indicators module's; tests may pass a fixed set instead.
        if (!figure_source) {
            own_figures = std::make_unique<IndicatorFigures>(indicator_service);
            figure_source = own_figures.get();
        }
        {
            report_service.emplace(
                *db, report_repo, *figure_source, clock,
                FindEmbedded(EmbeddedReferenceData(), "tile_map.csv").value_or(""));
            reports::RegisterReportRoutes(router, *report_service, pages);
        }
    }

    // Middleware 1: request id, security headers, metrics and the access log, around all else.
    http::Response Handle(http::Request& req) {
        auto start = Clock::now();
        t_db_time = std::chrono::nanoseconds{0};
        req.request_id = RequestIdFor(req);
        if (!proxies.empty()) {
            req.client_address =
                proxies.ClientAddress(req.client_address, req.Header("x-forwarded-for"));
        }
        http::Response res = Guarded(req);
        Finish(req, res, start);
        return res;
    }

    void Finish(const http::Request& req, http::Response& res, Clock::time_point start) {
        res.Set("X-Request-Id", req.request_id);
        res.Set("Content-Security-Policy", kCsp);
        res.Set("X-Content-Type-Options", "nosniff");
        res.Set("X-Frame-Options", "DENY");
        res.Set("Referrer-Policy", "same-origin");
        res.Set("Cross-Origin-Opener-Policy", "same-origin");
        if (!res.Has("Cache-Control"))
            res.Set("Cache-Control", "no-store");
        auto duration = Clock::now() - start;
        metrics.Observe(req.method, req.route, res.status, duration);
        // One JSON line, written by hand: a JSON tree per request cost more than the rest of
        // the log (bench/README.md). Never the query string: it may carry a token.
        std::string line;
        line.reserve(320);
        line += "{\"ts\":\"";
        line += UtcTimestamp();
        line += res.status >= 500 ? "\",\"level\":\"error\"" : "\",\"level\":\"info\"";
        line += ",\"msg\":\"request\",\"request_id\":";
        AppendJsonString(line, req.request_id);
        line += ",\"method\":";
        AppendJsonString(line, req.head ? "HEAD" : req.method);
        line += ",\"path\":";
        std::string masked;
        AppendJsonString(line, LoggedPath(req, masked));
        line += ",\"route\":";
        AppendJsonString(line, req.route);
        char numbers[160];
        std::snprintf(
            numbers, sizeof numbers,
            ",\"status\":%d,\"duration_ms\":%.3f,\"db_ms\":%.3f,\"bytes\":%zu,\"client\":",
            res.status, std::chrono::duration<double, std::milli>(duration).count(),
            std::chrono::duration<double, std::milli>(t_db_time).count(), res.body.size());
        line += numbers;
        AppendJsonString(line, req.client_address);
        line += '}';
        log->info(line);
    }

    // Middleware 2: the exception guard. A bug or a broken database becomes a 500 page that
    // shows only the request id; the details go to the log. A write lock held too long by
    // another writer (BusyError) becomes a 503 with Retry-After.
    http::Response Guarded(http::Request& req) {
        try {
            return Localised(req);
        } catch (const storage::BusyError& e) {
            // Another writer held the database's write lock past the busy timeout: nothing was
            // written, and trying again shortly will work.
            LogError(req, e.what());
            http::Response res = pages.Status(req, 503);
            res.Set("Retry-After", "5");
            return res;
        } catch (const std::exception& e) {
            LogError(req, e.what());
        } catch (...) {
            LogError(req, "unknown exception");
        }
        return pages.Status(req, 500);
    }

    void LogError(const http::Request& req, const std::string& what) {
        nlohmann::json line = {{"ts", UtcTimestamp()},     {"level", "error"},
                               {"msg", "unhandled error"}, {"request_id", req.request_id},
                               {"route", req.route},       {"error", what}};
        log->error(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }

    // Middleware 3: the language, from the remembered choice (cookie), Vietnamese by default.
    http::Response Localised(http::Request& req) {
        auto lang = req.Cookie("lang");
        req.lang = (lang && *lang == "en") ? "en" : "vi";
        return Authenticated(req);
    }

    // Middleware 4: who is asking. A Bearer token (programs) or the session cookie (people);
    // a stale session cookie is cleared and the request continues anonymously.
    http::Response Authenticated(http::Request& req) {
        accounts::ClientInfo client{
            req.client_address, std::string(req.Header("user-agent").value_or("")), req.request_id};
        auto fill = [&req](const accounts::AuthContext& auth) {
            req.actor = auth.actor;
            req.session_hash = auth.session_hash;
            req.csrf_token = auth.csrf_token;
            req.display_name = auth.display_name;
            req.must_change_password = auth.must_change_password;
        };
        // Only the Bearer scheme is ours; another scheme (Basic from a reverse proxy) is ignored.
        if (auto authz = req.Header("authorization");
            authz && authz->size() > 7 && EqualsIgnoreCase(authz->substr(0, 7), "bearer ")) {
            auto auth = account_service.AuthenticateToken(std::string(authz->substr(7)), client);
            if (auth) {
                fill(*auth);
            } else {
                req.auth_error = auth.error();  // answered by Gate() on non-public routes only
            }
            return Dispatch(req);
        }
        bool clear = false;
        if (auto cookie = req.Cookie(accounts::kSessionCookie)) {
            auto auth = account_service.AuthenticateSession(*cookie, client);
            if (auth) {
                fill(*auth);
            } else {
                clear = true;
            }
        }
        http::Response res = Dispatch(req);
        // A stale cookie is cleared, unless this very response signs in with a new one.
        bool signs_in = false;
        for (const auto& [name, value] : res.headers) {
            signs_in =
                signs_in || (name == "Set-Cookie" &&
                             value.starts_with(std::string(accounts::kSessionCookie) + "=") &&
                             !value.starts_with(std::string(accounts::kSessionCookie) + "=;"));
        }
        if (clear && !signs_in) {
            res.Add("Set-Cookie",
                    accounts::ExpiredCookie(accounts::kSessionCookie, {config.secure_cookies}));
        }
        return res;
    }

    // After routing: the route's access rule, the forced password change, and CSRF.
    std::optional<http::Response> Gate(http::Request& req, const http::Route& route) {
        if (route.access != http::Access::kPublic && !req.actor) {
            if (req.auth_error) {
                http::Response res = http::JsonError(*req.auth_error, req.request_id);
                res.Set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                return res;
            }
            if (req.WantsJson()) {
                http::Response res = pages.Status(req, 401);
                res.Set("WWW-Authenticate", "Bearer");
                return res;
            }
            return http::Response::Redirect("/login?next=" + http::PercentEncode(req.target));
        }
        if (req.actor) {
            const Actor& a = *req.actor;
            bool audit_reader = a.IsAdmin() || a.Has(Role::kMofaStaff) || a.Has(Role::kMofaViewer);
            if ((route.access == http::Access::kAdmin && !a.IsAdmin()) ||
                (route.access == http::Access::kAuditReaders && !audit_reader)) {
                return pages.Status(req, 403);
            }
            if (req.must_change_password && route.pattern != "/password" &&
                route.pattern != "/logout" && route.pattern != "/lang/{code}") {
                if (req.WantsJson()) {
                    return http::JsonError(
                        Error::FailedPrecondition("Bạn cần đổi mật khẩu trước.",
                                                  "You must change your password first."),
                        req.request_id);
                }
                return http::Response::Redirect("/password");
            }
        }
        if (req.method == "GET")
            return std::nullopt;
        // Cross-site requests are refused outright when the browser says where they come from.
        if (auto origin = req.Header("origin"); origin && !origin->empty()) {
            auto host = req.Header("host").value_or("");
            std::string_view o = *origin;
            if (auto p = o.find("://"); p != std::string_view::npos)
                o.remove_prefix(p + 3);
            if (o != host)
                return CsrfFailure(req);
        }
        if (req.actor && !req.session_hash.empty()) {
            std::string sent = req.Form("_csrf");
            // A file upload form posts multipart/form-data, whose `_csrf` is one of its parts.
            if (sent.empty())
                sent = http::MultipartField(req, "_csrf");
            if (sent.empty())
                sent = std::string(req.Header("x-csrf-token").value_or(""));
            if (!crypto::ConstantTimeEquals(sent, req.csrf_token))
                return CsrfFailure(req);
        } else if (!req.actor) {
            // Before sign-in: the form's token must equal the nv_csrf cookie (double submit).
            std::string sent = req.Form("_csrf");
            auto cookie = req.Cookie(accounts::kLoginCsrfCookie);
            if (sent.empty() || !cookie || !crypto::ConstantTimeEquals(sent, *cookie)) {
                return CsrfFailure(req);
            }
        }
        return std::nullopt;
    }

    http::Response CsrfFailure(const http::Request& req) {
        const auto& c = renderer.catalog();
        return pages.Error(req, Error{ErrorCode::kPermissionDenied,
                                      "_csrf",
                                      c.Get("error_csrf", "vi"),
                                      c.Get("error_csrf", "en"),
                                      {}});
    }

    // Last: static files, then the route table (404 and 405 with Allow).
    http::Response Dispatch(http::Request& req) {
        if (req.method == "GET") {
            if (auto file = static_files.Serve(req)) {
                req.route = "/static/*";
                return *file;
            }
        }
        http::Match match = router.Find(req.method, req.path);
        switch (match.kind) {
            case http::Match::Kind::kNotFound:
                return pages.Status(req, 404);
            case http::Match::Kind::kMethodNotAllowed: {
                http::Response res = pages.Status(req, 405);
                res.Set("Allow", match.allow);
                return res;
            }
            case http::Match::Kind::kFound:
                break;
        }
        req.route = match.route->pattern;
        req.params = std::move(match.params);
        if (auto refused = Gate(req, *match.route))
            return *refused;
        return match.route->handler(req);
    }

    // Answers the server's protocol errors (431, 413, 408 ...) through the same pages.
    http::Response OnProtocolError(http::Request& req, http::ProtocolError error) {
        auto start = Clock::now();
        t_db_time = std::chrono::nanoseconds{0};  // not the previous request's
        req.request_id = NewRequestId();
        auto lang = req.Cookie("lang");
        req.lang = (lang && *lang == "en") ? "en" : "vi";
        if (req.path.empty())
            req.path = req.target.substr(0, req.target.find('?'));
        http::Response res = pages.Status(req, http::StatusOf(error));
        Finish(req, res, start);
        return res;
    }

    ServeConfig config;
    // Where the dashboards and the review report read indicator figures: the App's own
    // IndicatorFigures over indicator_service unless the caller passes another source.
    reports::FigureSource* figure_source = nullptr;
    std::unique_ptr<reports::FigureSource> own_figures;
    http::TrustedProxies proxies;
    const ngoaivu::Clock& clock;
    http::Metrics metrics;
    std::shared_ptr<spdlog::logger> log;
    std::unique_ptr<storage::Database> db;
    html::Renderer renderer;
    html::Pages pages;
    http::StaticFiles static_files;
    std::string openapi;
    geo::SqlGeoRepository geo_repo;
    geo::GeoService geo_service;
    audit::SqlAuditRepository audit_repo;
    audit::AuditService audit_service;
    accounts::SqlAccountRepository account_repo;
    std::string auth_changes_problem;
    std::unique_ptr<SharedCounter> auth_changes;  // OpenAuthChanges; null on PostgreSQL
    accounts::AccountService account_service;
    partners::SqlPartnerRepository partner_repo;
    partners::PartnerService partner_service;
    calendar::SqlCalendarRepository calendar_repo;
    calendar::CalendarService calendar_service;
    agreements::SqlAgreementRepository agreement_repo;
    agreements::AgreementService agreement_service;
    events::SqlEventRepository event_repo;
    events::EventService event_service;
    delegations::SqlDelegationRepository delegation_repo;
    delegations::DelegationService delegation_service;
    attachments::SqlAttachmentRepository attachment_repo;
    attachments::AttachmentService attachment_service;
    schedule::SqlScheduleRepository schedule_repo;
    schedule::ScheduleService schedule_service;
    indicators::SqlIndicatorRepository indicator_repo;
    indicators::IndicatorService indicator_service;
    reports::SqlReportRepository report_repo;
    std::optional<reports::ReportService> report_service;
    http::Router router;
    std::unique_ptr<http::Server> server;
    std::unique_ptr<Housekeeper> housekeeper;

    // One housekeeping pass (ServeConfig::housekeeping_interval): purge what has expired, and log
    // the audit chain's head, an anchor that `ngoaivu audit verify --anchor` checks later.
    void Housekeeping() {
        auto purged = account_service.Purge();
        auto anchor = audit_service.Head();
        log->info(nlohmann::json{{"msg", "housekeeping"},
                                 {"sessions_purged", purged.sessions},
                                 {"login_attempts_purged", purged.login_attempts},
                                 {"audit_anchor", audit::FormatAnchor(anchor.id, anchor.hash)}}
                      .dump());
    }
};

App::App(ServeConfig config, const ngoaivu::Clock& clock, reports::FigureSource* figures)
    : impl_(std::make_unique<Impl>(std::move(config), clock, figures)) {}

App::~App() {
    Stop();
}

std::uint16_t App::Start(bool handle_signals) {
    Impl& s = *impl_;
    std::string host;
    std::uint16_t port = 0;
    if (!ParseListen(s.config.listen, &host, &port)) {
        throw std::runtime_error("--listen must be HOST:PORT, got \"" + s.config.listen + "\"");
    }
    http::ServerOptions options = s.config.server;
    // The routes that take a file as their body (imports, attachments).
    options.upload_prefixes = {"/api/v1/agreements/import", "/api/v1/events/import",
                               "/api/v1/delegations/import", "/api/v1/attachments/",
                               "/attachments/"};
    options.host = host;
    options.port = port;
    options.handler_threads = s.config.handler_threads >= 0 ? s.config.handler_threads
                              : s.db->backend() == storage::Backend::kPostgres
                                  ? AutomaticHandlerThreads(s.config.db_pool)
                                  : 0;
    s.server = std::make_unique<http::Server>(
        options, [&s](http::Request& req) { return s.Handle(req); },
        [&s](http::Request& req, http::ProtocolError e) { return s.OnProtocolError(req, e); });
    if (handle_signals)
        s.server->HandleSignals();
    auto bound = s.server->Start();
    s.housekeeper = std::make_unique<Housekeeper>(
        s.config.housekeeping_interval, [&s] { s.Housekeeping(); },
        [&s](const char* what) {
            s.log->error(nlohmann::json{{"msg", "housekeeping failed"}, {"error", what}}.dump(
                -1, ' ', false, nlohmann::json::error_handler_t::replace));
        });
    s.housekeeper->Start();
    return bound;
}

void App::Stop() {
    if (!impl_)
        return;
    if (impl_->housekeeper)
        impl_->housekeeper->Stop();
    if (impl_->server) {
        impl_->server->Stop();
        impl_->server->Wait();
        impl_->server.reset();
    }
    impl_->db->Close();
}

void App::Wait() {
    if (impl_->server)
        impl_->server->Wait();
}

http::Response App::Handle(http::Request& req) {
    return impl_->Handle(req);
}

const http::Router& App::router() const {
    return impl_->router;
}

}  // namespace ngoaivu::app
