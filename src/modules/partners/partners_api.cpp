#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "http/error_status.hpp"
#include "http/json.hpp"
#include "modules/partners/partner_json.hpp"
#include "modules/partners/partners_routes.hpp"

namespace ngoaivu::partners::detail {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// Collects the type errors of a JSON body into one kInvalidArgument error naming each member.
class TypeErrors {
 public:
    void Add(const std::string& field, const std::string& vi_type, const std::string& en_type) {
        std::string vi = "Trường \"" + field + "\" phải là " + vi_type + ".";
        std::string en = "The member \"" + field + "\" must be " + en_type + ".";
        if (!error_) {
            error_ = Error::InvalidArgument(field, vi, en);
            return;
        }
        error_->fields.push_back({field, vi, en});
    }
    const std::optional<Error>& error() const { return error_; }

 private:
    std::optional<Error> error_;
};

// Reads member `name` of `j` into `out` when it is a string; absent or null leaves "".
void ReadString(const json& j, const std::string& name, const std::string& path, std::string& out,
                TypeErrors& errors) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null())
        return;
    if (!it->is_string()) {
        errors.Add(path, "một chuỗi", "a string");
        return;
    }
    out = it->get<std::string>();
}

// Reads an integer member; absent, null or another type is an error naming it.
std::optional<std::int64_t> ReadInteger(const json& j, const std::string& name,
                                        TypeErrors& errors) {
    auto it = j.find(name);
    bool integer = it != j.end() && it->is_number_integer() &&
                   !(it->is_number_unsigned() &&
                     it->get<std::uint64_t>() >
                         static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (!integer) {
        errors.Add(name, "một số nguyên", "an integer");
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

Result<json> ObjectBody(const Request& req) {
    auto body = http::ParseJsonBody(req);
    if (!body)
        return body.error();
    if (!body->is_object()) {
        return Error::InvalidArgument("body", "Nội dung phải là một đối tượng JSON.",
                                      "The body must be a JSON object.");
    }
    return *body;
}

// The partner members of a POST or PUT body: strings (country may be null), and contacts as an
// array of objects with string members. Absent members are empty.
CreatePartnerRequest ReadPartner(const json& j, TypeErrors& errors) {
    CreatePartnerRequest r;
    ReadString(j, "kind", "kind", r.kind, errors);
    ReadString(j, "name_original", "name_original", r.name_original, errors);
    ReadString(j, "name_vi", "name_vi", r.name_vi, errors);
    ReadString(j, "name_en", "name_en", r.name_en, errors);
    ReadString(j, "country", "country", r.country, errors);
    ReadString(j, "website", "website", r.website, errors);
    ReadString(j, "notes", "notes", r.notes, errors);
    auto it = j.find("contacts");
    if (it == j.end() || it->is_null())
        return r;
    if (!it->is_array()) {
        errors.Add("contacts", "một mảng", "an array");
        return r;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& c = (*it)[i];
        std::string at = "contacts[" + std::to_string(i) + "]";
        if (!c.is_object()) {
            errors.Add(at, "một đối tượng", "an object");
            continue;
        }
        Contact contact;
        ReadString(c, "name", at + ".name", contact.name, errors);
        ReadString(c, "title", at + ".title", contact.title, errors);
        ReadString(c, "email", at + ".email", contact.email, errors);
        ReadString(c, "phone", at + ".phone", contact.phone, errors);
        r.contacts.push_back(std::move(contact));
    }
    return r;
}

template <typename T, typename Encode>
Response Reply(const Request& req, const Result<T>& result, int status, Encode encode) {
    if (!result)
        return http::JsonError(result.error(), req.request_id);
    return http::JsonResponse(status, encode(result.value()));
}

Response ListPartners(PartnerService& service, Request& req) {
    auto r = ParseListRequest(req);
    if (!r)
        return http::JsonError(r.error(), req.request_id);
    auto result = service.List(*req.actor, r->filter, r->sort, r->page);
    return Reply(req, result, 200, [](const Page<PartnerSummary>& page) {
        return http::PageJson(page, [](const PartnerSummary& s) { return ToJson(s); });
    });
}

// What every write handler reads first: the path's id (0 when the route has none) and the JSON
// object body, once the actor's role is allowed. The service checks the role again on every
// call; asking first means a caller who may not write gets 403 whatever it sends, rather than a
// 400 about a body it could never send.
struct WriteInput {
    std::int64_t id = 0;
    json body;
};

Result<WriteInput> ReadWrite(const Request& req, const Result<void>& allowed, bool with_id) {
    if (!allowed)
        return allowed.error();
    WriteInput in;
    if (with_id) {
        auto id = ParseId(req, "id");
        if (!id)
            return id.error();
        in.id = *id;
    }
    auto body = ObjectBody(req);
    if (!body)
        return body.error();
    in.body = std::move(*body);
    return in;
}

Response CreatePartner(PartnerService& service, Request& req) {
    auto in = ReadWrite(req, service.CheckCanWrite(*req.actor), false);
    if (!in)
        return http::JsonError(in.error(), req.request_id);
    TypeErrors errors;
    CreatePartnerRequest partner = ReadPartner(in->body, errors);
    if (errors.error())
        return http::JsonError(*errors.error(), req.request_id);
    auto created = service.Create(*req.actor, partner);
    if (!created)
        return http::JsonError(created.error(), req.request_id);
    Response res = http::JsonResponse(201, ToJson(*created));
    res.Set("Location", "/api/v1/partners/" + std::to_string(created->partner.id.value));
    return res;
}

Response GetPartner(PartnerService& service, Request& req) {
    auto id = ParseId(req, "id");
    if (!id)
        return http::JsonError(id.error(), req.request_id);
    auto result = service.Get(*req.actor, PartnerId{*id});
    return Reply(req, result, 200, [](const PartnerDetail& d) { return ToJson(d); });
}

Response UpdatePartner(PartnerService& service, Request& req) {
    auto in = ReadWrite(req, service.CheckCanWrite(*req.actor), true);
    if (!in)
        return http::JsonError(in.error(), req.request_id);
    TypeErrors errors;
    CreatePartnerRequest partner = ReadPartner(in->body, errors);
    auto version = ReadInteger(in->body, "version", errors);
    if (errors.error())
        return http::JsonError(*errors.error(), req.request_id);
    auto updated = service.Update(*req.actor, PartnerId{in->id}, *version, partner);
    if (updated)
        return http::JsonResponse(200, ToJson(*updated));
    json envelope = http::ErrorJson(updated.error(), req.request_id);
    if (updated.error().code == ErrorCode::kConflict) {
        // Someone saved first: the answer carries the record as stored now, to start again from.
        auto current = service.Get(*req.actor, PartnerId{in->id});
        if (current)
            envelope["current"] = ToJson(*current);
    }
    return http::JsonResponse(http::HttpStatus(updated.error().code), envelope);
}

Response MergePartner(PartnerService& service, Request& req) {
    auto in = ReadWrite(req, service.CheckCanMerge(*req.actor), true);
    if (!in)
        return http::JsonError(in.error(), req.request_id);
    TypeErrors errors;
    auto into = ReadInteger(in->body, "into", errors);
    if (into && *into <= 0) {
        errors.Add("into", "mã số đối tác (số nguyên dương)",
                   "a partner's id (a positive integer)");
    }
    if (errors.error())
        return http::JsonError(*errors.error(), req.request_id);
    auto merged = service.Merge(*req.actor, PartnerId{in->id}, PartnerId{*into});
    return Reply(req, merged, 200, [](const PartnerDetail& d) { return ToJson(d); });
}

Response AddSisterRelation(PartnerService& service, Request& req) {
    auto in = ReadWrite(req, service.CheckCanWrite(*req.actor), true);
    if (!in)
        return http::JsonError(in.error(), req.request_id);
    TypeErrors errors;
    SisterRelationRequest r;
    auto unit = ReadInteger(in->body, "admin_unit_id", errors);
    ReadString(in->body, "established_on", "established_on", r.established_on, errors);
    ReadString(in->body, "ended_on", "ended_on", r.ended_on, errors);
    ReadString(in->body, "note", "note", r.note, errors);
    if (errors.error())
        return http::JsonError(*errors.error(), req.request_id);
    r.admin_unit_id = *unit;
    r.dates = DateInput::kIso;
    auto added = service.AddSisterRelation(*req.actor, PartnerId{in->id}, r);
    return Reply(req, added, 201, [](const SisterRelation& s) { return ToJson(s); });
}

Response EndSisterRelation(PartnerService& service, Request& req) {
    auto in = ReadWrite(req, service.CheckCanWrite(*req.actor), true);
    if (!in)
        return http::JsonError(in.error(), req.request_id);
    TypeErrors errors;
    EndSisterRelationRequest r;
    ReadString(in->body, "ended_on", "ended_on", r.ended_on, errors);
    if (errors.error())
        return http::JsonError(*errors.error(), req.request_id);
    auto ended = service.EndSisterRelation(*req.actor, SisterRelationId{in->id}, r);
    return Reply(req, ended, 200, [](const SisterRelation& s) { return ToJson(s); });
}

}  // namespace

Result<std::int64_t> ParseId(const Request& req, const std::string& name) {
    auto id = http::ParseWholeNumber(req.Param(name));
    if (!id || *id <= 0) {
        return Error::InvalidArgument(name, "Mã số phải là số nguyên dương.",
                                      "The id must be a positive whole number.");
    }
    return *id;
}

Result<ListRequest> ParseListRequest(const Request& req) {
    ListRequest r;
    auto paging = http::ParsePaging(req, 50);
    if (!paging)
        return paging.error();
    r.page = *paging;
    auto sort = ParsePartnerSort(req.Query("sort").value_or(""));
    if (!sort)
        return sort.error();
    r.sort = *sort;
    r.filter.q = std::string(req.Query("q").value_or(""));
    r.filter.kind = std::string(req.Query("kind").value_or(""));
    r.filter.country = std::string(req.Query("country").value_or(""));
    std::string_view merged = req.Query("include_merged").value_or("");
    if (merged == "1" || merged == "true" || merged == "on") {
        r.filter.include_merged = true;
    } else if (!(merged.empty() || merged == "0" || merged == "false")) {
        return Error::InvalidArgument("include_merged",
                                      "include_merged phải là true hoặc false (1 hoặc 0).",
                                      "include_merged must be true or false (1 or 0).");
    }
    return r;
}

void RegisterPartnerApi(http::Router& router, PartnerService& service) {
    auto bind = [&service](Response (*fn)(PartnerService&, Request&)) {
        return [&service, fn](Request& req) { return fn(service, req); };
    };
    router.Add({"GET", "/api/v1/partners", Access::kAuthenticated,
                "Foreign partners: search, filter, sort, page", bind(ListPartners)});
    router.Add({"POST", "/api/v1/partners", Access::kAuthenticated, "Create a foreign partner",
                bind(CreatePartner)});
    router.Add({"GET", "/api/v1/partners/{id}", Access::kAuthenticated,
                "One partner with contacts, sister relations and links", bind(GetPartner)});
    router.Add({"PUT", "/api/v1/partners/{id}", Access::kAuthenticated,
                "Edit a partner (optimistic locking on version)", bind(UpdatePartner)});
    router.Add({"POST", "/api/v1/partners/{id}/merge", Access::kAuthenticated,
                "Merge a duplicate partner into another", bind(MergePartner)});
    router.Add({"POST", "/api/v1/partners/{id}/sister-relations", Access::kAuthenticated,
                "Add a sister relation with a Vietnamese province", bind(AddSisterRelation)});
    router.Add({"POST", "/api/v1/sister-relations/{id}/end", Access::kAuthenticated,
                "End a sister relation", bind(EndSisterRelation)});
}

}  // namespace ngoaivu::partners::detail
