// Contract test: the real server's responses against its own OpenAPI document.
//
// Starts ngoaivu on a fresh database with the demo accounts (`ngoaivu demo --seed 1`), fetches
// /api/v1/openapi.json and, for a list of real requests (every endpoint, good and bad
// parameters, with and without credentials), validates each response body with Ajv (JSON Schema
// 2020-12, strict) against the schema the document gives for that path + method + status.
// Every /api/v1 request but openapi.json carries a Bearer token (demo-admin's unless a request
// says otherwise; tokens come from `ngoaivu user token`). It also checks that
//   - the status, media type and documented headers are in the document for that operation;
//   - the parameters of accepted requests satisfy the documented parameter schemas, and the
//     parameter a 400 names (error.field) is documented and its value rejected by its schema;
//     likewise for JSON request bodies and their documented schema;
//   - every operation but openapi.json, /healthz and /metrics requires authentication (global
//     `security`), answers 401 without credentials or with a bad token, and 409 to a session
//     whose password must be changed first;
//   - every documented path, and every documented non-5xx status, is exercised at least once;
//   - the document's /api/v1 paths and the routes registered in src/**/*.cpp
//     (router.Add({"GET", "/api/v1/..."})) are the same set.
//
// Run: node --test tests/e2e/   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { repoRoot, setCookieValue, startServer } from "./support/server.mjs";

const ADMIN = "demo-admin";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// ---------------------------------------------------------------------------------------------
// The requests. `status` is what the server must answer; `check` adds assertions on the body.
// `field` is the parameter a 400 must name in error.field. A query that is not valid UTF-8 or
// not valid percent-encoding is refused by the HTTP layer before any handler, with a generic
// 400 envelope whose field is null.

const fieldless = (b) => {
  assert.equal(b.error.code, "invalid_argument");
  assert.equal(b.error.field, null);
  assert.deepEqual(b.error.fields, []);
};
const longAscii = "a".repeat(401); // more than 100 characters and more than 400 bytes

// International agreements: the database starts with none, so the requests below make them and
// keep their ids here (a draft, and an agreement registered as signed) for the later requests.
// Partner 1 is the first partner `ngoaivu demo` adds.
const made = {};
const agreementFields = {
  title_vi: "Bản ghi nhớ hợp tác giáo dục với Tỉnh Gyeonggi", title_foreign: "MOU on education cooperation", form: "mou",
  party_kind: "ubnd", party_name: "Ủy ban nhân dân Thành phố Hà Nội", partner_ids: [1], fields: ["education"], languages: ["vi", "ko"],
};
const registered = { ...agreementFields, admin_unit_id: 1001, status: "in_force", signed_on: "2024-05-10", effective_on: "2024-05-10", signed_place: "Hà Nội" };
const agreementUrl = (key, rest = "") => () => `/api/v1/agreements/${made[key]}${rest}`;

// Indicators: a definition an administrator adds (the requests below).
const indicatorBody = {
  code: "press_articles", name_vi: "Bài báo về hoạt động đối ngoại", name_en: "Press articles on foreign affairs", unit: "count",
  aggregation: "sum", periodicity: "year", source: "entered", decimals: 0, min_milli: 0, required: false, sort_order: 500, active: true,
};

// Attachments: a tiny PDF (ASCII, so it travels as a string body), attached to the draft above.
const attachments = {};
const pdfFile = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const attachmentUrl = (rest = "") => () => `/api/v1/attachments/agreement/${made.draft}${rest}`;

// Foreign partners: `ngoaivu demo` adds 70 (partner 1, Tỉnh Gyeonggi, first); the requests below
// make a locality and its duplicate and keep their ids here, with a sister relation's.
const partners = {};
const partnerBody = {
  kind: "locality", name_vi: "Thành phố Kiểm thử", name_original: "テスト市", name_en: "Test City", country: "JP",
  website: "https://example.org", notes: "",
  contacts: [{ name: "Sato Yuki", title: "International Affairs", email: "sato@example.org", phone: "+81 3 1234 5678" }],
};
const partnerUrl = (key, rest = "") => () => `/api/v1/partners/${partners[key]}${rest}`;

// Events: `ngoaivu demo` adds the national conferences (event 1 is the 19th National Conference
// on Local Foreign Affairs) and provincial events; the requests below make a conference in Hà Nội
// and keep its id here. Its dates are fixed in the past and future of the test run.
const events = {};
const eventBody = {
  title_vi: "Hội thảo quốc tế về phát triển du lịch bền vững", type: "international_conference", starts_on: "2027-03-10", ends_on: "2027-03-11",
  venue: "Trung tâm Hội nghị Quốc gia", admin_unit_ids: [2001], organisers: ["Ủy ban nhân dân Thành phố Hà Nội"], countries: ["KR"],
  participants: { vietnamese: 120, foreign: 30, highest_foreign_rank: "ambassador" }, planned_on: "2026-01-05",
};
const eventUrl = (rest = "") => () => `/api/v1/events/${events.made}${rest}`;

// Delegations: the requests below propose two outbound delegations of Hà Nội in March 2025
// (before the 2025 merger, so unit 1001) led by the same person on overlapping days, keep their
// ids (and the second's version) here, and take the second through approval, the trip, the
// report and the outcomes.
const delegations = {};
const delegationHead = { name: "Ông Đặng Kiểm Thử", title: "Phó Chủ tịch UBND Thành phố", organisation: "UBND Thành phố Hà Nội" };
const delegationBody = {
  title: "Đoàn công tác của Thành phố Hà Nội thăm Tỉnh Gyeonggi", direction: "outbound", level: "provincial_leaders",
  admin_unit_ids: [1001], partner_ids: [1], countries: ["KR"], purpose: "Trao đổi hợp tác giáo dục", starts_on: "2025-03-10", ends_on: "2025-03-14",
  funding: "state_budget", head: delegationHead, members: [{ name: "Lương Thử Nghiệm", title: "Giám đốc Sở Ngoại vụ", role: "deputy_head" }],
  programme: [{ day: "2025-03-11", time: "09:00–11:00", place: "Suwon", activity: "Hội đàm với lãnh đạo Tỉnh Gyeonggi", partner: "Tỉnh Gyeonggi" }],
  report_due_days: 10,
};
const secondDelegation = { ...delegationBody, title: "Đoàn xúc tiến du lịch của Thành phố Hà Nội tại Seoul", level: "department", starts_on: "2025-03-12", ends_on: "2025-03-16", members: [], programme: [] };
const delegationUrl = (key, rest = "") => () => `/api/v1/delegations/${delegations[key]}${rest}`;
const keepVersion = (b) => { delegations.version = b.version; };

// The calendar's iCalendar feeds: the requests below make one and keep its id here.
const scheduleFeeds = {};

const REQUESTS = [
  // System
  { url: "/healthz", status: 200, check: (b) => assert.equal(b.status, "ok") },
  { url: "/metrics", status: 200, check: (b) => assert.match(b, /^# (HELP|TYPE) ngoaivu_/m) },
  { url: "/api/v1/openapi.json", status: 200 },

  // Provinces
  { url: "/api/v1/provinces", status: 200, check: (b) => {
    assert.equal(b.total, 34, "34 units after the 2025 merger");
    assert.equal(b.per_page, 100, "default per_page of provinces");
    assert.equal(b.items.length, 34);
    assert.ok(b.items.every((u) => u.generation === 2));
  } },
  { url: "/api/v1/provinces?as_of=2025-06-30", status: 200, check: (b) => {
    assert.equal(b.total, 63);
    assert.equal(b.as_of, "2025-06-30");
    assert.ok(b.items.every((u) => u.generation === 1 && u.valid_to === "2025-06-30"));
  } },
  { url: "/api/v1/provinces?as_of=2025-07-01&per_page=200", status: 200, check: (b) => {
    assert.equal(b.total, 34);
    assert.equal(b.items.length, 34);
    assert.equal(b.pages, 1);
  } },
  { url: "/api/v1/provinces?as_of=30/06/2025&per_page=5", status: 200, check: (b) => {
    assert.equal(b.as_of, "2025-06-30", "dd/mm/yyyy is read as a date");
    assert.equal(b.total, 63);
    assert.equal(b.items.length, 5);
    assert.equal(b.pages, 13);
  } },
  { url: "/api/v1/provinces?q=ho%20chi%20minh", status: 200, check: (b) => {
    assert.ok(b.items.some((u) => u.code === "79"), "search without diacritics finds TP Hồ Chí Minh");
  } },
  { url: "/api/v1/provinces?as_of=2025-06-30&q=B%C3%ACnh%20D%C6%B0%C6%A1ng", status: 200, check: (b) => {
    assert.deepEqual(b.items.map((u) => u.code), ["74"]);
  } },
  { url: "/api/v1/provinces?page=2&per_page=10", status: 200, check: (b) => {
    assert.equal(b.page, 2);
    assert.equal(b.per_page, 10);
    assert.equal(b.items.length, 10);
    assert.equal(b.pages, 4);
  } },
  { url: "/api/v1/provinces?page=99", status: 200, check: (b) => {
    assert.equal(b.page, 99);
    assert.deepEqual(b.items, []);
  } },
  { url: "/api/v1/provinces?as_of=1990-01-01", status: 200, check: (b) => {
    assert.equal(b.total, 0);
    assert.equal(b.pages, 1);
  } },
  { url: "/api/v1/provinces?per_page=0", status: 400, field: "per_page" },
  { url: "/api/v1/provinces?per_page=201", status: 400, field: "per_page" },
  { url: "/api/v1/provinces?per_page=abc", status: 400, field: "per_page" },
  { url: "/api/v1/provinces?page=0", status: 400, field: "page" },
  { url: "/api/v1/provinces?page=-1", status: 400, field: "page" },
  { url: "/api/v1/provinces?page=1.5", status: 400, field: "page" },
  { url: "/api/v1/provinces?as_of=yesterday", status: 400, field: "as_of" },
  { url: "/api/v1/provinces?as_of=2025-02-30", status: 400, field: "as_of" },
  { url: "/api/v1/provinces?as_of=2025-13-01", status: 400, field: "as_of" },
  { url: `/api/v1/provinces?q=${longAscii}`, status: 400, field: "q" },
  { url: "/api/v1/provinces?q=%FF", status: 400, check: fieldless },
  { url: "/api/v1/provinces?q=%ZZ", status: 400, check: fieldless },

  // One province
  { url: "/api/v1/provinces/79", status: 200, check: (b) => {
    assert.equal(b.generation, 2);
    assert.equal(b.name_vi, "Thành phố Hồ Chí Minh");
    assert.deepEqual(b.predecessors.map((u) => u.code).sort(), ["74", "77", "79"]);
    assert.equal(b.successor, null);
  } },
  { url: "/api/v1/provinces/79?as_of=2025-06-30", status: 200, check: (b) => {
    assert.equal(b.generation, 1);
    assert.equal(b.successor?.id, 2079);
    assert.deepEqual(b.merged_with.map((u) => u.code).sort(), ["74", "77"]);
  } },
  { url: "/api/v1/provinces/01?as_of=2025-06-30", status: 200, check: (b) => {
    assert.equal(b.id, 1001);
    assert.equal(b.successor?.id, 2001);
    assert.deepEqual(b.merged_with, []);
  } },
  { url: "/api/v1/provinces/7", status: 400, field: "code" },
  { url: "/api/v1/provinces/abc", status: 400, field: "code" },
  { url: "/api/v1/provinces/799", status: 400, field: "code" },
  { url: "/api/v1/provinces/79?as_of=nope", status: 400, field: "as_of" },
  { url: "/api/v1/provinces/99", status: 404 },
  { url: "/api/v1/provinces/79?as_of=2000-01-01", status: 404 },
  { url: "/api/v1/provinces/74?as_of=2025-07-01", status: 404 },

  // Countries
  { url: "/api/v1/countries", status: 200, check: (b) => {
    assert.equal(b.per_page, 50, "default per_page of countries");
    assert.ok(b.total > 200, `${b.total} countries`);
  } },
  { url: "/api/v1/countries?q=han%20quoc", status: 200, check: (b) => {
    assert.ok(b.items.some((c) => c.alpha2 === "KR" && c.name_vi === "Hàn Quốc"));
    assert.ok(!b.items.some((c) => c.alpha2 === "JP"));
  } },
  { url: "/api/v1/countries?q=Vi%E1%BB%87t%20Nam", status: 200, check: (b) => {
    assert.ok(b.items.some((c) => c.alpha2 === "VN"));
  } },
  { url: "/api/v1/countries?per_page=200&page=2", status: 200, check: (b) => {
    assert.equal(b.items.length, b.total - 200);
  } },
  { url: "/api/v1/countries?q=zzzzzz", status: 200, check: (b) => {
    assert.equal(b.total, 0);
    assert.equal(b.pages, 1);
  } },
  { url: "/api/v1/countries?page=0", status: 400, field: "page" },
  { url: "/api/v1/countries?per_page=500", status: 400, field: "per_page" },
  { url: `/api/v1/countries?q=${longAscii}`, status: 400, field: "q" },
  { url: "/api/v1/countries?q=%C3", status: 400, check: fieldless },

  // One country
  { url: "/api/v1/countries/KR", status: 200, check: (b) => assert.equal(b.name_vi, "Hàn Quốc") },
  { url: "/api/v1/countries/VN", status: 200, check: (b) => assert.equal(b.alpha3, "VNM") },
  { url: "/api/v1/countries/ZZ", status: 404 },
  { url: "/api/v1/countries/kr", status: 404 },
  { url: "/api/v1/countries/KOR", status: 404 },

  // Organisations
  { url: "/api/v1/organisations", status: 200, check: (b) => assert.equal(b.per_page, 50) },
  { url: "/api/v1/organisations?kind=mofa", status: 200, check: (b) => {
    assert.ok(b.total >= 1);
    assert.ok(b.items.every((o) => o.kind === "mofa"));
  } },
  { url: "/api/v1/organisations?kind=ppc&per_page=200", status: 200, check: (b) => {
    assert.equal(b.total, 34, "one People's Committee per unit");
    assert.ok(b.items.every((o) => o.kind === "ppc" && o.admin_unit_id > 2000));
  } },
  { url: "/api/v1/organisations?kind=dofa", status: 200, check: (b) => {
    assert.equal(b.total, 34);
  } },
  { url: "/api/v1/organisations?kind=mission&per_page=200", status: 200, check: (b) => {
    assert.ok(b.items.every((o) => o.kind === "mission" && o.mission_kind !== null && o.country !== null));
  } },
  { url: "/api/v1/organisations?kind=mission&q=han%20quoc", status: 200, check: (b) => {
    assert.ok(b.items.some((o) => o.country === "KR"));
  } },
  { url: "/api/v1/organisations?kind=xx", status: 400, field: "kind" },
  { url: "/api/v1/organisations?kind=MOFA", status: 400, field: "kind" },
  { url: "/api/v1/organisations?per_page=0", status: 400, field: "per_page" },
  { url: "/api/v1/organisations?page=abc", status: 400, field: "page" },
  { url: "/api/v1/organisations?q=%FF%FE", status: 400, check: fieldless },

  // The signed-in user
  { url: "/api/v1/me", status: 200, check: (b) => {
    assert.equal(b.login, ADMIN);
    assert.equal(b.via_token, true);
    assert.deepEqual(b.grants.map((g) => g.role), ["admin"]);
    assert.equal(b.grants[0].all_provinces, true);
  } },
  { url: "/api/v1/me", as: "demo-officer-01", status: 200, check: (b) => {
    assert.equal(b.login, "demo-officer-01");
    assert.equal(b.grants.length, 1);
    assert.equal(b.grants[0].role, "province_officer");
    assert.equal(b.grants[0].all_provinces, false);
    assert.deepEqual([...b.grants[0].admin_unit_ids].sort(), [1001, 2001], "Hà Nội now (2001) and its predecessor (1001)");
  } },
  { url: "/api/v1/me", as: "demo-officer-79", status: 200, check: (b) => {
    assert.deepEqual([...b.grants[0].admin_unit_ids].sort(), [1074, 1077, 1079, 2079], "TP HCM's scope follows the 2025 merger");
  } },
  { url: "/api/v1/me", as: "demo-mission-kr", status: 200, check: (b) => {
    assert.equal(b.grants[0].role, "mission_staff");
    assert.deepEqual(b.grants[0].countries, ["KR"]);
  } },
  { url: "/api/v1/me", as: null, status: 401, check: (b) => {
    assert.equal(b.error.code, "unauthenticated");
    assert.equal(b.error.field, null);
  } },
  { url: "/api/v1/me", bearer: "nvt_this-is-not-a-token", status: 401, check: (b) => {
    assert.equal(b.error.code, "unauthenticated");
    assert.equal(b.error.field, "token");
  } },
  { url: "/api/v1/me", bearer: "not-even-the-prefix", status: 401, check: (b) => assert.equal(b.error.field, "token") },
  { url: "/api/v1/me", bearer: "nvt_" + "A".repeat(43), status: 401, check: (b) => assert.equal(b.error.field, "token") },
  // A stale session cookie is ignored (and cleared): without another credential, 401.
  { url: "/api/v1/me", as: null, headers: { Cookie: "nv_session=stale" }, status: 401, check: (b, res) => {
    assert.equal(setCookieValue(res, "nv_session"), "", "the stale cookie is cleared");
  } },

  // My profile, with optimistic locking (demo-viewer starts at version 1)
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: { display_name: "Người xem (đã sửa)", email: "xem@example.vn", version: 1 }, status: 200, check: (b) => { assert.equal(b.display_name, "Người xem (đã sửa)"); assert.equal(b.version, 2); } },
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: { display_name: "Tab cũ", email: null, version: 1 }, status: 409, check: (b) => { assert.equal(b.error.code, "conflict"); assert.equal(b.error.field, "version"); } },
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: { display_name: "", email: null, version: 2 }, status: 400, field: "display_name" },
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: { display_name: "Tên", email: "khong-hop-le", version: 2 }, status: 400, field: "email" },
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: { display_name: "Tên", email: null, version: 0 }, status: 400, field: "version" },
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: "{\"display_name\": ", status: 400, field: "body" },
  { url: "/api/v1/me", method: "PATCH", as: "demo-viewer", body: { display_name: "Tên", email: null, version: 2 }, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  // My tokens (creating, using and revoking them: see "an API token's life" below)
  { url: "/api/v1/tokens", status: 200, check: (b) => {
    assert.ok(b.items.length >= 1, "the token `ngoaivu user token` made is listed");
    assert.ok(b.items.every((t) => !("token" in t)), "never the full token");
  } },
  { url: "/api/v1/tokens", method: "POST", body: { name: "" }, status: 400, field: "name" },
  { url: "/api/v1/tokens", method: "POST", body: { name: "x".repeat(101) }, status: 400, field: "name" },
  { url: "/api/v1/tokens", method: "POST", body: { name: 7 }, status: 400, field: "name" },
  { url: "/api/v1/tokens", method: "POST", body: {}, status: 400, field: "name" },
  { url: "/api/v1/tokens", method: "POST", body: "{\"name\": ", status: 400, field: "body" },
  { url: "/api/v1/tokens/abc", method: "DELETE", status: 400, field: "id" },
  { url: "/api/v1/tokens/0", method: "DELETE", status: 400, field: "id" },
  { url: "/api/v1/tokens/999999", method: "DELETE", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  // A Bearer token needs no CSRF token, but a foreign Origin is refused all the same.
  { url: "/api/v1/tokens", method: "POST", body: { name: "from elsewhere" }, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => {
    assert.equal(b.error.code, "permission_denied");
    assert.equal(b.error.field, "_csrf");
  } },
  { url: "/api/v1/tokens/1", method: "DELETE", headers: { Origin: "https://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },

  // User accounts (administrators only)
  { url: "/api/v1/users", status: 200, check: (b) => {
    assert.equal(b.per_page, 50);
    assert.equal(b.total, 43, "admin from init, 8 demo-* and 34 officer-XX-01");
    const logins = b.items.map((u) => u.login);
    assert.deepEqual(logins, [...logins].sort(), "sorted by login");
    const admin = b.items.find((u) => u.login === "admin");
    assert.equal(admin.must_change_password, true, "init's admin has a one-time password");
    const officer = b.items.find((u) => u.login === "demo-officer-01");
    assert.deepEqual(officer.grants, [{ role: "province_officer", all_provinces: false, admin_unit_ids: [2001], countries: [] }]);
  } },
  { url: "/api/v1/users?per_page=10&page=5", status: 200, check: (b) => {
    assert.equal(b.items.length, 3);
    assert.equal(b.pages, 5);
  } },
  { url: "/api/v1/users?per_page=0", status: 400, field: "per_page" },
  { url: "/api/v1/users?page=x", status: 400, field: "page" },
  { url: "/api/v1/users", as: "demo-officer-01", status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/users", as: "demo-mofa", status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/users", as: "demo-viewer", status: 403 },

  // The audit trail (administrators and MOFA)
  { url: "/api/v1/audit", status: 200, check: (b) => {
    assert.ok(b.total >= 43, `${b.total} entries: at least one per account created`);
    const ids = b.items.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((x, y) => y - x), "newest first");
  } },
  { url: "/api/v1/audit?entity=user&action=create&per_page=200", status: 200, check: (b) => {
    assert.equal(b.total, 43);
    assert.ok(b.items.every((e) => e.entity === "user" && e.action === "create" && e.before === null));
    const demo = b.items.find((e) => e.after.login === "demo-officer-01");
    assert.equal(demo.user_login, "system:demo");
    assert.equal(demo.user_id, null);
    assert.equal(b.items.find((e) => e.after.login === "admin").user_login, "system:init");
  } },
  { url: "/api/v1/audit?user=system%3Ainit", status: 200, check: (b) => {
    assert.ok(b.total >= 1 && b.items.every((e) => e.user_login === "system:init"));
  } },
  { url: "/api/v1/audit?user=demo-admin&entity=api_token&action=create", status: 200, check: (b) => {
    assert.ok(b.items.some((e) => e.request_id === "cli" && e.client_address === "cli" && e.after.name === "e2e"),
      "the token made by `ngoaivu user token` is in the trail");
  } },
  { url: "/api/v1/audit?from=2000-01-01&to=2000-12-31", status: 200, check: (b) => assert.equal(b.total, 0) },
  { url: "/api/v1/audit?from=2000-01-01&to=2999-12-31&per_page=1", status: 200, check: (b) => assert.equal(b.items.length, 1) },
  { url: "/api/v1/audit", as: "demo-mofa", status: 200 },
  { url: "/api/v1/audit", as: "demo-mofa-viewer", status: 200 },
  { url: "/api/v1/audit?from=2025-13-01", status: 400, field: "from" },
  { url: "/api/v1/audit?to=01/07/2025", status: 400, field: "to" },
  { url: "/api/v1/audit?per_page=201", status: 400, field: "per_page" },
  { url: "/api/v1/audit", as: "demo-officer-01", status: 403, check: (b) => {
    assert.equal(b.error.code, "permission_denied");
    assert.equal(b.error.field, null);
  } },
  { url: "/api/v1/audit", as: "demo-leader-01", status: 403 },
  { url: "/api/v1/audit", as: "demo-mission-kr", status: 403 },

  // The working-day calendar (init seeds the statutory holidays from 2015 to next year)
  { url: "/api/v1/holidays?year=2026", status: 200, check: (b) => {
    assert.equal(b.year, 2026);
    assert.deepEqual(b.items.slice(1, 6).map((d) => d.date), ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"], "Tết Bính Ngọ");
    assert.deepEqual(b.items[0], { date: "2026-01-01", display: "01/01/2026", weekday: 4, kind: "holiday", name_vi: "Tết Dương lịch", name_en: "New Year's Day" });
  } },
  { url: "/api/v1/holidays", as: "demo-viewer", status: 200 },
  { url: "/api/v1/holidays?year=1999", status: 400, field: "year" },
  { url: "/api/v1/holidays?year=abc", status: 400, field: "year" },
  { url: "/api/v1/holidays", method: "POST", body: { date: "2026-08-22", kind: "working", name_vi: "Làm bù cho thứ Hai 31/8", name_en: "Worked for Monday 31 August" }, status: 201, check: (b) => {
    assert.equal(b.display, "22/08/2026");
    assert.equal(b.weekday, 6);
  } },
  { url: "/api/v1/holidays", method: "POST", body: { date: "2026-08-22", kind: "working", name_vi: "Lần nữa", name_en: "Again" }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.error.field, "date");
  } },
  { url: "/api/v1/holidays", method: "POST", body: { date: "tomorrow", kind: "holiday", name_vi: "A", name_en: "A" }, status: 400, field: "date" },
  { url: "/api/v1/holidays", method: "POST", body: { date: "2026-08-31", kind: "vacation", name_vi: "A", name_en: "A" }, status: 400, field: "kind" },
  { url: "/api/v1/holidays", method: "POST", body: { date: "2026-08-31", kind: "holiday", name_vi: "", name_en: "A" }, status: 400, field: "name_vi" },
  { url: "/api/v1/holidays", method: "POST", body: { date: "2026-08-31", kind: "holiday", name_vi: "A" }, status: 400, field: "name_en" },
  { url: "/api/v1/holidays", method: "POST", body: "{\"date\": ", status: 400, field: "body" },
  { url: "/api/v1/holidays", method: "POST", as: "demo-mofa", body: { date: "2026-08-31", kind: "holiday", name_vi: "A", name_en: "A" }, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/holidays", method: "POST", body: { date: "2026-08-31", kind: "holiday", name_vi: "A", name_en: "A" }, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/holidays/2026-08-22", method: "DELETE", as: "demo-viewer", status: 403 },
  { url: "/api/v1/holidays/2026-08-22", method: "DELETE", status: 204 },
  { url: "/api/v1/holidays/2026-08-22", method: "DELETE", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: "/api/v1/holidays/yesterday", method: "DELETE", status: 400, field: "date" },
  { url: "/api/v1/holidays/prefill?year=2040", method: "POST", status: 200, check: (b) => {
    assert.equal(b.year, 2040);
    assert.ok(b.added >= 6, `${b.added} fixed-date holidays and compensatory days`);
  } },
  { url: "/api/v1/holidays/prefill?year=2040", method: "POST", status: 200, check: (b) => assert.equal(b.added, 0, "all there already") },
  { url: "/api/v1/holidays/prefill?year=1999", method: "POST", status: 400, field: "year" },
  { url: "/api/v1/holidays/prefill?year=2040", method: "POST", as: "demo-viewer", status: 403 },

  // International agreements
  { url: "/api/v1/agreements", status: 200, check: (b) => assert.equal(b.per_page, 50) },
  { url: "/api/v1/agreements?q=giao%20duc&province=2001&country=KR&partner_kind=locality&partner=1&field=education&status=in_force&year=2024&overdue=1&without_result=1&sort=title&page=1&per_page=10", status: 200 },
  { url: "/api/v1/agreements?province=999", status: 400, field: "province" },
  { url: "/api/v1/agreements?country=kr", status: 400, field: "country" },
  { url: "/api/v1/agreements?year=1900", status: 400, field: "year" },
  { url: "/api/v1/agreements?sort=newest", status: 400, field: "sort" },
  { url: "/api/v1/agreements?status=lost", status: 400, field: "status" },
  { url: "/api/v1/agreements?per_page=0", status: 400, field: "per_page" },
  { url: "/api/v1/agreements", method: "POST", body: { ...agreementFields, admin_unit_id: 2001 }, status: 201, check: (b) => {
    assert.equal(b.status, "draft");
    assert.equal(b.signed_on, null);
    assert.deepEqual(b.history.map((e) => e.action), ["create"]);
    made.draft = b.id;
  } },
  { url: "/api/v1/agreements", method: "POST", body: {}, status: 400, field: "title_vi" },
  { url: "/api/v1/agreements", method: "POST", body: "{\"title_vi\": ", status: 400, field: "body" },
  { url: "/api/v1/agreements", method: "POST", as: "demo-officer-79", body: { ...agreementFields, admin_unit_id: 2001 }, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/agreements", method: "POST", body: { ...agreementFields, admin_unit_id: 2001 }, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/agreements/register", method: "POST", body: registered, status: 201, check: (b) => {
    assert.equal(b.status, "in_force");
    assert.equal(b.current_unit_id, 2001, "Hà Nội (1001) is 2001 by today's boundaries");
    assert.ok(b.deadlines.some((d) => d.kind === "report_mofa" && d.closed_on === null));
    made.signed = b.id;
  } },
  { url: "/api/v1/agreements/register", method: "POST", body: { ...agreementFields, admin_unit_id: 1001 }, status: 400, field: "signed_on" },
  { url: "/api/v1/agreements/register", method: "POST", body: registered, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/agreements/import?mode=preview", method: "POST", headers: { "Content-Type": "text/csv" },
    body: "Tên thỏa thuận (tiếng Việt),\"Tỉnh, thành phố (khi ký)\",Đối tác nước ngoài,Lĩnh vực,Trạng thái,Ngày ký\r\n" +
      "Bản ghi nhớ thử,Thành phố Hà Nội,Không có đối tác này,Y tế,Có hiệu lực,10/05/2025\r\n",
    status: 200, check: (b) => {
      assert.equal(b.rows, 1);
      assert.equal(b.written, 0);
      assert.ok(b.problems.some((p) => p.row === 2 && p.column === "Đối tác nước ngoài"));
    } },
  { url: "/api/v1/agreements/import?mode=maybe", method: "POST", headers: { "Content-Type": "text/csv" }, body: "a\r\n", status: 400, field: "mode" },
  { url: "/api/v1/agreements/import?mode=all", method: "POST", headers: { "Content-Type": "text/csv" }, body: "a,b\r\n1,2\r\n", status: 400, field: "file" },
  { url: "/api/v1/agreements/import", method: "POST", headers: { "Content-Type": "text/csv", Origin: "http://evil.example" }, body: "a\r\n", status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/agreements/due", status: 200, check: (b) => assert.equal(b.per_page, 50) },
  { url: "/api/v1/agreements/due?province=1001&within_days=30&page=1&per_page=20", status: 200 },
  { url: "/api/v1/agreements/due?within_days=400", status: 400, field: "within_days" },
  { url: "/api/v1/agreements/due?province=abc", status: 400, field: "province" },
  { url: agreementUrl("signed"), status: 200, check: (b) => assert.equal(b.id, made.signed) },
  { url: "/api/v1/agreements/abc", status: 400, field: "id" },
  { url: "/api/v1/agreements/999999999", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: agreementUrl("signed"), as: "demo-officer-79", status: 404 },
  { url: agreementUrl("signed"), method: "PUT", body: { ...registered, status: undefined, signed_on: undefined, effective_on: undefined, signed_place: undefined, title_vi: "Bản ghi nhớ hợp tác giáo dục (sửa)", version: 1 }, status: 200, check: (b) => {
    assert.equal(b.version, 2);
  } },
  { url: agreementUrl("signed"), method: "PUT", body: { ...agreementFields, admin_unit_id: 1001, version: 1 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.error.field, "version");
    assert.equal(b.current.version, 2, "the stored agreement comes with the conflict");
  } },
  { url: agreementUrl("signed"), method: "PUT", body: { version: 2 }, status: 400, field: "title_vi" },
  { url: "/api/v1/agreements/999999999", method: "PUT", body: { ...agreementFields, admin_unit_id: 1001, version: 1 }, status: 404 },
  { url: agreementUrl("signed"), method: "PUT", body: { ...agreementFields, admin_unit_id: 1001, version: 2 }, headers: { Origin: "http://evil.example" }, status: 403 },
  { url: agreementUrl("signed", "/steps"), method: "POST", body: { action: "report_mofa", date: "2024-06-01" }, status: 200, check: (b) => {
    assert.ok(b.deadlines.every((d) => d.kind !== "report_mofa" || d.closed_on === "2024-06-01"));
  } },
  { url: agreementUrl("signed", "/steps"), method: "POST", body: { action: "sign", date: "2025-01-15" }, status: 409, check: (b) => {
    assert.equal(b.error.code, "failed_precondition");
  } },
  { url: agreementUrl("signed", "/steps"), method: "POST", body: { action: "suspend", date: "2025-01-15", version: 99 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.current.id, made.signed, "the stored agreement comes with the conflict");
  } },
  { url: agreementUrl("signed", "/steps"), method: "POST", body: { action: "fly", date: "2025-01-15" }, status: 400, field: "action" },
  { url: agreementUrl("signed", "/steps"), method: "POST", body: { date: "2025-01-15" }, status: 400, field: "action" },
  { url: "/api/v1/agreements/999999999/steps", method: "POST", body: { action: "suspend", date: "2025-01-15" }, status: 404 },
  { url: agreementUrl("signed", "/steps"), method: "POST", body: { action: "suspend", date: "2025-01-15" }, headers: { Origin: "http://evil.example" }, status: 403 },
  { url: agreementUrl("signed", "/commitments"), method: "POST", body: { description: "Trao đổi 20 sinh viên mỗi năm", responsible_unit: "Sở Giáo dục và Đào tạo", due_on: "2026-12-31" }, status: 201, check: (b) => {
    assert.equal(b.commitments.length, 1);
    made.commitment = b.commitments[0].id;
  } },
  { url: agreementUrl("draft", "/commitments"), method: "POST", body: { description: "Chưa ký" }, status: 409, check: (b) => assert.equal(b.error.code, "failed_precondition") },
  { url: agreementUrl("signed", "/commitments"), method: "POST", body: {}, status: 400, field: "description" },
  { url: "/api/v1/agreements/999999999/commitments", method: "POST", body: { description: "Không có" }, status: 404 },
  { url: agreementUrl("signed", "/commitments"), method: "POST", body: { description: "Từ nơi khác" }, headers: { Origin: "http://evil.example" }, status: 403 },
  { url: () => `/api/v1/commitments/${made.commitment}`, method: "PUT", body: { description: "Trao đổi 20 sinh viên mỗi năm", status: "done", done_on: "2025-09-01", version: 1 }, status: 200, check: (b) => {
    assert.equal(b.commitments[0].status, "done");
    assert.equal(b.commitments[0].version, 2);
  } },
  { url: () => `/api/v1/commitments/${made.commitment}`, method: "PUT", body: { description: "Tab cũ", version: 1 }, status: 409, check: (b) => assert.equal(b.error.field, "version") },
  { url: () => `/api/v1/commitments/${made.commitment}`, method: "PUT", body: { description: "Không có version" }, status: 400, field: "version" },
  { url: "/api/v1/commitments/999999999", method: "PUT", body: { description: "Không có", version: 1 }, status: 404 },
  { url: () => `/api/v1/commitments/${made.commitment}`, method: "PUT", body: { description: "Từ nơi khác", version: 2 }, headers: { Origin: "http://evil.example" }, status: 403 },
  { url: agreementUrl("signed", "/results"), method: "POST", body: { description: "Khóa đào tạo tiếng Hàn cho 30 cán bộ", achieved_on: "2025-03-15", figures: [{ unit: "people_trained", amount: 30 }] }, status: 201, check: (b) => {
    assert.equal(b.has_result, true);
    assert.deepEqual(b.results[0].figures, [{ unit: "people_trained", amount: 30 }]);
  } },
  { url: agreementUrl("draft", "/results"), method: "POST", body: { description: "Chưa ký", achieved_on: "2025-03-15" }, status: 409, check: (b) => assert.equal(b.error.code, "failed_precondition") },
  { url: agreementUrl("signed", "/results"), method: "POST", body: { description: "Thiếu ngày" }, status: 400, field: "achieved_on" },
  { url: "/api/v1/agreements/999999999/results", method: "POST", body: { description: "Không có", achieved_on: "2025-03-15" }, status: 404 },
  { url: agreementUrl("signed", "/results"), method: "POST", body: { description: "Từ nơi khác", achieved_on: "2025-03-15" }, headers: { Origin: "http://evil.example" }, status: 403 },

  // Attachments of the draft agreement: the file is the body, its type decided by its bytes.
  { url: attachmentUrl("?kind=draft&filename=" + encodeURIComponent("Dự thảo.pdf")), method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 201, check: (b, res) => {
    assert.equal(b.mime, "application/pdf");
    assert.equal(b.filename, "Dự thảo.pdf");
    assert.equal(res.headers.get("location"), b.download_url);
    attachments.first = b.id;
    attachments.sha256 = b.sha256;
  } },
  { url: attachmentUrl("?kind=signed_scan&filename=scan.pdf"), method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: pdfFile, status: 201, check: (b) => {
    assert.equal(b.sha256, attachments.sha256, "the same bytes, stored once");
  } },
  { url: attachmentUrl("?kind=poem&filename=a.pdf"), method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 400, field: "kind" },
  { url: attachmentUrl("?kind=draft&filename=" + "a".repeat(201) + ".pdf"), method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 400, field: "filename" },
  { url: attachmentUrl("?kind=draft&filename=trang.pdf"), method: "POST", headers: { "Content-Type": "application/pdf" }, body: "<!DOCTYPE html><html></html>", status: 400, field: "file" },
  { url: attachmentUrl("?kind=draft&filename=lon.pdf"), method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile.padEnd(20 * 1024 * 1024 + 1, " "), status: 413, check: (b) => {
    assert.equal(b.error.code, "payload_too_large");
    assert.equal(b.error.field, "file");
  } },
  { url: attachmentUrl("?kind=draft&filename=a.pdf"), method: "POST", as: "demo-viewer", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: attachmentUrl("?kind=draft&filename=a.pdf"), method: "POST", headers: { "Content-Type": "application/pdf", Origin: "http://evil.example" }, body: pdfFile, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/attachments/agreement/999999999?kind=draft&filename=a.pdf", method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 404 },
  { url: "/api/v1/attachments/planet/1?kind=draft&filename=a.pdf", method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 404 },
  { url: "/api/v1/attachments/agreement/abc?kind=draft&filename=a.pdf", method: "POST", headers: { "Content-Type": "application/pdf" }, body: pdfFile, status: 400, field: "id" },
  { url: attachmentUrl(), status: 200, check: (b) => {
    assert.equal(b.total, 2);
    assert.equal(b.can_write, true);
    assert.ok(b.kinds.some((k) => k.code === "signed_scan"));
  } },
  { url: attachmentUrl(), as: "demo-officer-79", status: 404 },
  { url: "/api/v1/attachments/agreement/0", status: 400, field: "id" },
  { url: () => `/api/v1/attachments/${attachments.first}`, method: "DELETE", as: "demo-viewer", status: 403 },
  { url: () => `/api/v1/attachments/${attachments.first}`, method: "DELETE", headers: { Origin: "http://evil.example" }, status: 403 },
  { url: () => `/api/v1/attachments/${attachments.first}`, method: "DELETE", status: 204 },
  { url: () => `/api/v1/attachments/${attachments.first}`, method: "DELETE", status: 404 },
  { url: "/api/v1/attachments/abc", method: "DELETE", status: 400, field: "id" },

  // Events
  { url: "/api/v1/events", status: 200, check: (b) => {
    assert.equal(b.per_page, 50);
    assert.ok(b.total >= 100, `${b.total} demo events`);
  } },
  { url: "/api/v1/events?q=hoi%20nghi%20ngoai%20vu&national=1&type=national_review_conference&status=held&year=2023&from=2023-12-01&to=2023-12-31&sort=start&page=1&per_page=10", status: 200, check: (b) => {
    assert.deepEqual(b.items.map((e) => e.ordinal), [21]);
  } },
  { url: "/api/v1/events?province=2001&country=KR&overdue=1&sort=due", status: 200 },
  { url: "/api/v1/events?province=999", status: 400, field: "province" },
  { url: "/api/v1/events?country=kr", status: 400, field: "country" },
  { url: "/api/v1/events?year=1900", status: 400, field: "year" },
  { url: "/api/v1/events?type=party", status: 400, field: "type" },
  { url: "/api/v1/events?from=2025-13-01", status: 400, field: "from" },
  { url: "/api/v1/events?sort=newest", status: 400, field: "sort" },
  { url: "/api/v1/events", method: "POST", body: eventBody, status: 201, check: (b) => {
    assert.equal(b.status, "planned");
    assert.equal(b.competence.decider, "provincial_chairman");
    assert.equal(b.current_unit_id, 2001);
    events.made = b.id;
  } },
  { url: "/api/v1/events", method: "POST", body: {}, status: 400, field: "title_vi" },
  { url: "/api/v1/events", method: "POST", body: { ...eventBody, type: "party" }, status: 400, field: "type" },
  { url: "/api/v1/events", method: "POST", body: "{\"title_vi\": ", status: 400, field: "body" },
  { url: "/api/v1/events", method: "POST", as: "demo-officer-79", body: eventBody, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/events", method: "POST", body: eventBody, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/events/import?mode=preview", method: "POST", headers: { "Content-Type": "text/csv" },
    body: "Tên sự kiện (tiếng Việt),Loại sự kiện,Ngày bắt đầu,\"Tỉnh, thành phố đăng cai (khi tổ chức)\",Đơn vị tổ chức\r\n" +
      "Hội chợ thử,exhibition,10/10/2027,Không có tỉnh này,Sở Công Thương\r\n",
    status: 200, check: (b) => {
      assert.equal(b.rows, 1);
      assert.equal(b.written, 0);
      assert.ok(b.problems.some((p) => p.row === 2 && p.column === "Tỉnh, thành phố đăng cai (khi tổ chức)"));
    } },
  { url: "/api/v1/events/import?mode=maybe", method: "POST", headers: { "Content-Type": "text/csv" }, body: "a\r\n", status: 400, field: "mode" },
  { url: "/api/v1/events/import?mode=all", method: "POST", headers: { "Content-Type": "text/csv" }, body: "a,b\r\n1,2\r\n", status: 400, field: "file" },
  { url: "/api/v1/events/import", method: "POST", headers: { "Content-Type": "text/csv", Origin: "http://evil.example" }, body: "a\r\n", status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/delegations/import?mode=preview", method: "POST", headers: { "Content-Type": "text/csv" },
    body: "Tên đoàn,\"Tỉnh, thành phố (theo ngày bắt đầu)\",Ngày bắt đầu,Trưởng đoàn\r\nĐoàn thử,Tỉnh Không Có,10/03/2025,Nguyễn Văn An\r\n",
    status: 200, check: (b) => { assert.equal(b.written, 0); assert.ok(b.problems.some((p) => p.row === 2 && p.column === "Tỉnh, thành phố (theo ngày bắt đầu)")); } },
  { url: "/api/v1/delegations/import?mode=maybe", method: "POST", headers: { "Content-Type": "text/csv" }, body: "a\r\n", status: 400, field: "mode" },
  { url: "/api/v1/delegations/import?mode=all", method: "POST", headers: { "Content-Type": "text/csv" }, body: "a,b\r\n1,2\r\n", status: 400, field: "file" },
  { url: "/api/v1/delegations/import", method: "POST", headers: { "Content-Type": "text/csv", Origin: "http://evil.example" }, body: "a\r\n", status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/events/export?format=csv&lang=en&national=1", status: 200, check: (b) => assert.match(b, /32nd Diplomatic Conference/) },
  { url: "/api/v1/events/export?province=2001&sort=title", status: 200 },
  { url: "/api/v1/events/export?format=pdf", status: 400, field: "format" },
  { url: "/api/v1/events/due", status: 200, check: (b) => assert.equal(b.per_page, 50) },
  { url: "/api/v1/events/due?province=2001&within_days=30&page=1&per_page=20", status: 200 },
  { url: "/api/v1/events/due?within_days=400", status: 400, field: "within_days" },
  { url: "/api/v1/events/counts", status: 200, check: (b) => {
    assert.equal(b.by, "current");
    assert.ok(b.total >= 100);
    assert.equal(b.items[0].unit_id, null, "national events first");
  } },
  { url: "/api/v1/events/counts?by=as_of&from_year=2021&to_year=2023&type=national_review_conference&status=held", status: 200, check: (b) => {
    assert.deepEqual(b.items.map((c) => [c.unit_id, c.year, c.count]), [[null, 2021, 1], [null, 2023, 1]]);
  } },
  { url: "/api/v1/events/counts?province=2001", status: 200 },
  { url: "/api/v1/events/counts?by=month", status: 400, field: "by" },
  { url: "/api/v1/events/counts?from_year=1800", status: 400, field: "from_year" },
  { url: "/api/v1/events/yearly-report?province=2001&year=2023", status: 200, check: (b) => {
    assert.equal(b.period.from, "2022-12-15");
    assert.equal(b.period.to, "2023-12-14");
    assert.equal(b.due_on, "2023-12-18");
  } },
  { url: "/api/v1/events/yearly-report?province=2001&year=2023&format=xlsx&lang=en", status: 200 },
  { url: "/api/v1/events/yearly-report?province=abc&year=2023", status: 400, field: "province" },
  { url: "/api/v1/events/yearly-report?province=2001&year=2009", status: 400, field: "year" },
  { url: "/api/v1/events/yearly-report?province=2079&year=2023", as: "demo-officer-01", status: 404 },
  { url: "/api/v1/events/1", status: 200, check: (b) => {
    assert.equal(b.ordinal, 19);
    assert.equal(b.national, true);
  } },
  { url: "/api/v1/events/abc", status: 400, field: "id" },
  { url: "/api/v1/events/999999999", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: eventUrl(), as: "demo-officer-79", status: 404 },
  { url: eventUrl(), method: "PUT", body: { ...eventBody, planned_on: undefined, theme: "Du lịch xanh", version: 1 }, status: 200, check: (b) => assert.equal(b.version, 2) },
  { url: eventUrl(), method: "PUT", body: { ...eventBody, planned_on: undefined, theme: "Tab cũ", version: 1 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.error.field, "version");
    assert.equal(b.current.version, 2, "the stored event comes with the conflict");
  } },
  { url: eventUrl(), method: "PUT", body: { version: 2 }, status: 400, field: "title_vi" },
  { url: "/api/v1/events/999999999", method: "PUT", body: { ...eventBody, planned_on: undefined, version: 1 }, status: 404 },
  { url: eventUrl(), method: "PUT", as: "demo-viewer", body: { ...eventBody, planned_on: undefined, version: 2 }, status: 403 },
  { url: eventUrl("/steps"), method: "POST", body: { action: "request_approval", date: "2026-01-20" }, status: 200, check: (b) => {
    assert.equal(b.status, "requested");
    assert.equal(b.requested_on, "2026-01-20");
    assert.deepEqual(b.warnings, []);
  } },
  { url: eventUrl("/steps"), method: "POST", body: { action: "fly", date: "2026-01-21" }, status: 400, field: "action" },
  { url: eventUrl("/steps"), method: "POST", body: { action: "mark_held", date: "2026-01-21" }, status: 409, check: (b) => assert.equal(b.error.code, "failed_precondition") },
  { url: eventUrl("/steps"), method: "POST", body: { action: "cancel", date: "2026-01-21", version: 99 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.current.id, events.made);
  } },
  { url: "/api/v1/events/999999999/steps", method: "POST", body: { action: "cancel", date: "2026-01-21" }, status: 404 },
  { url: eventUrl("/steps"), method: "POST", body: { action: "cancel", date: "2026-01-21" }, headers: { Origin: "http://evil.example" }, status: 403 },

  // Delegations
  { url: "/api/v1/delegations", status: 200, check: (b) => {
    assert.equal(b.per_page, 50);
    assert.equal(b.total_is_lower_bound, false);
  } },
  { url: "/api/v1/delegations?q=gyeonggi&province=2001&country=KR&partner=1&direction=outbound&level=provincial_leaders&status=closed&year=2025&from=2025-03-01&to=31/03/2025&report_overdue=1&sort=title&page=1&per_page=10", status: 200 },
  { url: "/api/v1/delegations?province=999", status: 400, field: "province" },
  { url: "/api/v1/delegations?country=kr", status: 400, field: "country" },
  { url: "/api/v1/delegations?partner=0", status: 400, field: "partner" },
  { url: "/api/v1/delegations?direction=sideways", status: 400, field: "direction" },
  { url: "/api/v1/delegations?level=king", status: 400, field: "level" },
  { url: "/api/v1/delegations?status=lost", status: 400, field: "status" },
  { url: "/api/v1/delegations?year=1900", status: 400, field: "year" },
  { url: "/api/v1/delegations?from=2025-13-01", status: 400, field: "from" },
  { url: "/api/v1/delegations?sort=newest", status: 400, field: "sort" },
  { url: "/api/v1/delegations?per_page=0", status: 400, field: "per_page" },
  { url: `/api/v1/delegations?q=${longAscii}`, status: 400, field: "q" },
  { url: "/api/v1/delegations", method: "POST", body: { ...delegationBody, proposed_on: "2025-02-01" }, status: 201, check: (b) => {
    assert.equal(b.status, "proposed");
    assert.equal(b.current_unit_id, 2001, "Hà Nội (1001) is 2001 by today's boundaries");
    assert.deepEqual(b.history.map((e) => [e.action, e.date]), [["create", "2025-02-01"]]);
    assert.equal(b.programme.length, 1);
    assert.deepEqual(b.overlaps, []);
    delegations.first = b.id;
  } },
  { url: "/api/v1/delegations", method: "POST", body: { ...secondDelegation, proposed_on: "2025-02-02" }, status: 201, check: (b) => {
    assert.equal(b.head.role, "head");
    assert.deepEqual(b.overlaps.map((o) => [o.person, o.other_id, o.first_day, o.last_day]),
      [[delegationHead.name, delegations.first, "2025-03-12", "2025-03-14"]], "the same head in two delegations on the same days");
    delegations.second = b.id;
  } },
  { url: "/api/v1/delegations", method: "POST", body: {}, status: 400, field: "title" },
  { url: "/api/v1/delegations", method: "POST", body: { ...delegationBody, direction: "sideways" }, status: 400, field: "direction" },
  { url: "/api/v1/delegations", method: "POST", body: "{\"title\": ", status: 400, field: "body" },
  { url: "/api/v1/delegations", method: "POST", as: "demo-officer-79", body: delegationBody, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/delegations", method: "POST", body: delegationBody, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: delegationUrl("second"), status: 200, check: (b) => {
    assert.equal(b.id, delegations.second);
    assert.equal(b.overlaps[0].other_status, "proposed");
  } },
  { url: "/api/v1/delegations/abc", status: 400, field: "id" },
  { url: "/api/v1/delegations/999999999", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: delegationUrl("second"), as: "demo-officer-79", status: 404 },
  { url: delegationUrl("first"), method: "PUT", body: { ...delegationBody, purpose: "Trao đổi hợp tác giáo dục và du lịch", version: 1 }, status: 200, check: (b) => {
    assert.equal(b.version, 2);
    assert.deepEqual(b.history.map((e) => e.action), ["create", "edit"]);
  } },
  { url: delegationUrl("first"), method: "PUT", body: { ...delegationBody, note: "Tab cũ", version: 1 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.error.field, "version");
    assert.equal(b.current.version, 2, "the stored delegation comes with the conflict");
  } },
  { url: delegationUrl("first"), method: "PUT", body: { version: 2 }, status: 400, field: "title" },
  { url: "/api/v1/delegations/999999999", method: "PUT", body: { ...delegationBody, version: 1 }, status: 404 },
  { url: delegationUrl("first"), method: "PUT", as: "demo-viewer", body: { ...delegationBody, version: 2 }, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: delegationUrl("first"), method: "PUT", body: { ...delegationBody, version: 2 }, headers: { Origin: "http://evil.example" }, status: 403 },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "depart", date: "2025-03-12" }, status: 409, check: (b) => assert.equal(b.error.code, "failed_precondition") },
  { url: delegationUrl("second", "/steps"), method: "POST", as: "demo-officer-01", body: { action: "approve", date: "2025-02-20", decision_ref: "Quyết định số 512/QĐ-UBND" }, status: 403, check: (b) => {
    assert.equal(b.error.code, "permission_denied", "only a provincial leader approves");
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "approve", date: "2025-02-20", decision_ref: "Quyết định số 512/QĐ-UBND" }, status: 409, check: (b) => {
    assert.equal(b.error.code, "failed_precondition");
    assert.equal(b.error.field, "overlaps");
    assert.match(b.error.message_en, /Đặng Kiểm Thử/);
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "approve", date: "2025-02-20", decision_ref: "Quyết định số 512/QĐ-UBND", confirm_overlaps: true, version: 99 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.current.id, delegations.second, "the stored delegation comes with the conflict");
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "fly", date: "2025-02-20" }, status: 400, field: "action" },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { date: "2025-02-20" }, status: 400, field: "action" },
  { url: "/api/v1/delegations/999999999/steps", method: "POST", body: { action: "cancel", date: "2025-02-20", note: "Không có" }, status: 404 },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "cancel", date: "2025-02-20", note: "Từ nơi khác" }, headers: { Origin: "http://evil.example" }, status: 403 },
  { url: delegationUrl("second", "/steps"), method: "POST", as: "demo-leader-01", body: { action: "approve", date: "2025-02-20", decision_ref: "Quyết định số 512/QĐ-UBND", confirm_overlaps: true, version: 1 }, status: 200, check: (b) => {
    assert.equal(b.status, "approved");
    assert.equal(b.decided_on, "2025-02-20");
    assert.equal(b.decided_by, "demo-leader-01");
    assert.equal(b.overlaps.length, 1, "still shown while approved");
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "depart", date: "2025-03-12" }, status: 200, check: (b) => {
    assert.equal(b.status, "in_progress");
    assert.equal(b.departed_on, "2025-03-12");
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "return", date: "2025-03-16" }, status: 200, check: (b) => {
    assert.equal(b.status, "returned");
    assert.equal(b.report_due_on, "2025-03-26", "10 calendar days after the return");
    assert.equal(b.report_overdue, true);
    assert.deepEqual(b.overlaps, [], "no longer computed after the trip");
    keepVersion(b);
  } },
  { url: "/api/v1/delegations?report_overdue=1&province=1001&year=2025", status: 200, check: (b) => {
    assert.ok(b.items.some((d) => d.id === delegations.second && d.report_overdue), "the returned delegation is listed as overdue");
  } },
  { url: delegationUrl("second"), method: "PUT", body: { ...secondDelegation, get version() { return delegations.version; } }, status: 409, check: (b) => {
    assert.equal(b.error.code, "failed_precondition", "a returned delegation is no longer edited");
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "submit_report", date: "2025-03-20", report_summary: "Đoàn đã làm việc với Tổng cục Du lịch Hàn Quốc." }, status: 200, check: (b) => {
    assert.equal(b.status, "reported");
    assert.equal(b.reported_on, "2025-03-20");
    assert.equal(b.report_overdue, false);
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: {
    action: "record_outcomes", date: "2025-03-25",
    outcome: { get agreement_ids() { return [made.signed]; }, commitments: "Tổ chức tuần văn hóa Hà Nội tại Seoul", follow_ups: [{ description: "Chuẩn bị đón đoàn Tổng cục Du lịch Hàn Quốc", responsible: "Sở Du lịch", due_on: "2025-12-31", status: "open" }] },
  }, status: 200, check: (b) => {
    assert.equal(b.status, "closed");
    assert.deepEqual(b.outcome.agreements.map((a) => a.id), [made.signed]);
    assert.equal(b.outcome.follow_ups[0].overdue, true);
    assert.deepEqual(b.history.map((e) => e.action), ["create", "approve", "depart", "return", "submit_report", "record_outcomes"]);
  } },
  { url: delegationUrl("second", "/steps"), method: "POST", body: { action: "submit_report", date: "2025-03-26", report_summary: "Lần nữa" }, status: 409, check: (b) => {
    assert.equal(b.error.code, "failed_precondition");
    assert.equal(b.error.field, "action");
  } },
  { url: "/api/v1/delegations/counts", status: 200, check: (b) => {
    assert.equal(b.by, "current");
    assert.equal(b.carried_out_only, true);
    assert.equal(b.from_year, b.to_year - 4);
  } },
  { url: "/api/v1/delegations/counts?from_year=2025&to_year=2025&by=as_of&all=1", status: 200, check: (b) => {
    assert.equal(b.carried_out_only, false);
    assert.ok(b.items.some((c) => c.unit_id === 1001 && c.year === 2025 && c.direction === "outbound" && c.level === "department"),
      "the closed delegation, counted by Hà Nội as of March 2025");
  } },
  { url: "/api/v1/delegations/counts?by=month", status: 400, field: "by" },
  { url: "/api/v1/delegations/counts?from_year=1800", status: 400, field: "from_year" },
  { url: "/api/v1/delegations/counts?to_year=2200", status: 400, field: "to_year" },

  // Indicators: `ngoaivu demo` defines them (exports, imports quarterly; the other entered ones
  // yearly; one counted indicator per key) with approved figures for 2016-2025. The requests
  // below add one, open the 2026 round and take Hà Nội's data set through submit and approve.
  { url: "/api/v1/indicators", status: 200, check: (b) => {
    assert.ok(b.items.some((i) => i.code === "exports" && i.periodicity === "quarter" && i.used));
    assert.ok(b.items.some((i) => i.code === "agreements_signed" && i.source === "counted"));
  } },
  { url: "/api/v1/indicators?active=1", status: 200 },
  { url: "/api/v1/indicators/exports", as: "demo-viewer", status: 200, check: (b) => assert.equal(b.decimals, 1) },
  { url: "/api/v1/indicators/nope", status: 404 },
  { url: "/api/v1/indicators", method: "POST", body: indicatorBody, status: 201, check: (b) => assert.equal(b.version, 1) },
  { url: "/api/v1/indicators", method: "POST", body: indicatorBody, status: 409, check: (b) => assert.equal(b.error.field, "code") },
  { url: "/api/v1/indicators", method: "POST", body: { ...indicatorBody, code: "Bad Code" }, status: 400, field: "code" },
  { url: "/api/v1/indicators", method: "POST", as: "demo-mofa", body: { ...indicatorBody, code: "other" }, status: 403 },
  { url: "/api/v1/indicators/press_articles", method: "PUT", body: { ...indicatorBody, name_vi: "Bài báo về đối ngoại", version: 1 }, status: 200, check: (b) => {
    assert.equal(b.version, 2);
  } },
  { url: "/api/v1/indicators/exports", method: "PUT", body: { ...indicatorBody, code: "exports", version: 1 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.error.field, "unit", "a used indicator keeps its unit");
  } },
  { url: "/api/v1/indicators/exports", method: "PUT", body: indicatorBody, status: 400, field: "version" },
  { url: "/api/v1/indicators/exports", method: "PUT", as: "demo-mofa", body: { ...indicatorBody, version: 1 }, status: 403 },
  { url: "/api/v1/indicators/nope", method: "PUT", body: { ...indicatorBody, version: 1 }, status: 404 },
  { url: "/api/v1/indicators/values", status: 200, check: (b) => {
    assert.equal(b.by, "new");
    const exports2023 = b.national.find((v) => v.code === "exports" && v.year === 2023);
    assert.ok(exports2023 && exports2023.value > 300000, "the country's 2023 exports, in USD million");
  } },
  { url: "/api/v1/indicators/values?codes=exports&by=old&from_year=2023&to_year=2023", as: "demo-mofa", status: 200, check: (b) => {
    const top = b.items.map((v) => v.value).sort((x, y) => y - x).slice(0, 5);
    assert.ok(top.reduce((x, y) => x + y, 0) > 132000, "the five largest exporters above the country's 2013 exports");
  } },
  { url: "/api/v1/indicators/values?codes=exports&unit=2001&drafts=1", status: 200, check: (b) => {
    assert.ok(b.items.every((v) => v.unit_id === 2001));
    assert.deepEqual(b.national, []);
  } },
  { url: "/api/v1/indicators/values?by=both", status: 400, field: "by" },
  { url: "/api/v1/indicators/values?from_year=1999", status: 400, field: "from_year" },
  { url: "/api/v1/indicators/values?codes=nope", status: 400 },
  { url: "/api/v1/indicator-rounds", status: 200, check: (b) => assert.equal(b.total, 50, "a quarterly and a yearly round for 2016-2025") },
  { url: "/api/v1/indicator-rounds?per_page=500", status: 400, field: "per_page" },
  { url: "/api/v1/indicator-rounds", method: "POST", as: "demo-mofa", body: { periodicity: "year", year: 2026, note: "Số liệu năm 2026" }, status: 201, check: (b) => {
    assert.equal(b.generation, 2);
    assert.equal(b.due_on, "2027-01-20");
    assert.ok(b.indicators.some((i) => i.code === "fdi_registered"));
    made.round = b.id;
  } },
  { url: "/api/v1/indicator-rounds", method: "POST", as: "demo-mofa", body: { periodicity: "year", year: 2026 }, status: 409 },
  { url: "/api/v1/indicator-rounds", method: "POST", as: "demo-officer-01", body: { periodicity: "year", year: 2027 }, status: 403 },
  { url: "/api/v1/indicator-rounds", method: "POST", as: "demo-mofa", body: { periodicity: "week", year: 2027 }, status: 400, field: "periodicity" },
  { url: () => `/api/v1/indicator-rounds/${made.round}`, status: 200, check: (b) => assert.ok(b.indicators.length > 0) },
  { url: "/api/v1/indicator-rounds/999999", status: 404 },
  { url: "/api/v1/indicator-rounds/abc", status: 400, field: "id" },
  { url: () => `/api/v1/indicator-rounds/${made.round}/completeness`, status: 200, check: (b) => {
    assert.equal(b.items.length, 34);
    assert.equal(b.counts.not_started, 34);
  } },
  { url: "/api/v1/indicator-rounds/999999/completeness", status: 404 },
  { url: "/api/v1/indicator-rounds/0/completeness", status: 400, field: "id" },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001`, as: "demo-officer-01", status: 200, check: (b) => {
    assert.equal(b.submission.status, "not_started");
    assert.equal(b.editable, true);
  } },
  { url: "/api/v1/indicator-rounds/999999/submissions/2001", status: 404 },
  { url: "/api/v1/indicator-rounds/abc/submissions/2001", status: 400, field: "id" },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001`, method: "PUT", as: "demo-officer-01",
    body: { version: 0, values: { fdi_registered: "1.234,5", fdi_projects: { value: 1500, comment: "Ước tính", source: "Sở Tài chính" } } }, status: 200, check: (b) => {
    assert.equal(b.submission.version, 1);
    assert.equal(b.cells.find((c) => c.code === "fdi_registered").value_milli, 1234500);
  } },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001`, method: "PUT", as: "demo-officer-01", body: { version: 0, values: {} }, status: 409, check: (b) => {
    assert.equal(b.error.field, "version");
  } },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001`, method: "PUT", as: "demo-officer-01", body: { values: {} }, status: 400, field: "version" },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001`, method: "PUT", as: "demo-officer-01", body: { version: 1, values: { fdi_registered: "abc" } }, status: 400, check: (b) => {
    assert.equal(b.error.field, "values.fdi_registered");
  } },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001`, method: "PUT", as: "demo-mofa", body: { version: 1, values: {} }, status: 403 },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/1001`, method: "PUT", body: { version: 0, values: {} }, status: 404 },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001/steps`, method: "POST", as: "demo-officer-01", body: { action: "submit", version: 1 }, status: 200, check: (b) => {
    assert.equal(b.submission.status, "submitted");
  } },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001/steps`, method: "POST", as: "demo-officer-01", body: { action: "approve" }, status: 403 },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001/steps`, method: "POST", as: "demo-mofa", body: { action: "return" }, status: 400, check: (b) => {
    assert.equal(b.error.field, "comment");
  } },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001/steps`, method: "POST", as: "demo-mofa", body: { action: "fly" }, status: 400, field: "action" },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001/steps`, method: "POST", as: "demo-mofa", body: { action: "approve" }, status: 200, check: (b) => {
    assert.equal(b.submission.status, "approved");
    assert.deepEqual(b.steps, []);
  } },
  { url: () => `/api/v1/indicator-rounds/${made.round}/submissions/2001/steps`, method: "POST", as: "demo-mofa", body: { action: "approve" }, status: 409 },
  { url: "/api/v1/indicator-rounds/999999/submissions/2001/steps", method: "POST", body: { action: "submit" }, status: 404 },

  // The calendar of delegations and events (the March 2025 delegations above are on it), and its
  // iCalendar feeds.
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&include_cancelled=1", status: 200, check: (b) => {
    assert.equal(b.from, "2025-03-01");
    assert.equal(b.to, "2025-03-31");
    assert.ok(b.items.some((i) => i.kind === "delegation" && [delegations.first, delegations.second].includes(i.id)),
      "the delegations proposed above are on the calendar");
    assert.ok(b.items.every((i) => i.starts_on <= "2025-03-31" && i.ends_on >= "2025-03-01"), "every item is under way in March");
  } },
  { url: "/api/v1/schedule?from=01/03/2025&to=31/05/2025&province=2001&kind=delegation&direction=outbound&level=provincial_leaders&status=closed&include_cancelled=on&page=1&per_page=10", status: 200 },
  { url: "/api/v1/schedule?from=2025-01-01&to=2025-03-31&type=national_review_conference&status=held", status: 200, check: (b) => {
    assert.ok(b.items.every((i) => i.kind === "event" && i.type === "national_review_conference"));
  } },
  { url: "/api/v1/schedule", status: 400, check: (b) => assert.equal(b.error.field, "from") },
  { url: "/api/v1/schedule?from=2025-03-31&to=2025-03-01", status: 400, check: (b) => assert.equal(b.error.field, "to") },
  { url: "/api/v1/schedule?from=2025-01-01&to=2025-04-30", status: 400, check: (b) => assert.equal(b.error.field, "to") },
  { url: "/api/v1/schedule?from=2025-13-01&to=2025-03-31", status: 400, field: "from" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&province=999", status: 400, field: "province" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&kind=visit", status: 400, field: "kind" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&direction=sideways", status: 400, field: "direction" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&level=king", status: 400, field: "level" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&type=party", status: 400, field: "type" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&status=lost", status: 400, field: "status" },
  { url: "/api/v1/schedule?from=2025-03-01&to=2025-03-31&per_page=0", status: 400, field: "per_page" },
  { url: "/api/v1/schedule/feeds", method: "POST", body: { name: "Lịch công tác trên Outlook" }, status: 201, check: (b) => {
    assert.ok(b.url.endsWith(`/schedule/feed/${b.token}.ics`), b.url);
    assert.equal(b.prefix, b.token.slice(0, 10));
    scheduleFeeds.made = b.id;
  } },
  { url: "/api/v1/schedule/feeds", method: "POST", body: { name: " " }, status: 400, field: "name" },
  { url: "/api/v1/schedule/feeds", method: "POST", body: { name: 7 }, status: 400, field: "name" },
  { url: "/api/v1/schedule/feeds", method: "POST", body: "{\"name\": ", status: 400, field: "body" },
  { url: "/api/v1/schedule/feeds", method: "POST", body: { name: "Lịch" }, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: "/api/v1/schedule/feeds", status: 200, check: (b) => {
    assert.ok(b.items.some((f) => f.id === scheduleFeeds.made && f.active), "the new feed is listed");
    assert.ok(b.items.every((f) => !("token" in f)), "never the full token");
  } },
  { url: "/api/v1/dashboard?from_year=2021&to_year=2023&generation=1", status: 200, check: (b) => {
    assert.equal(b.tile_map.tiles.length, 63);
    assert.deepEqual(b.tile_map.markers.map((m) => m.name_vi), ["Quần đảo Hoàng Sa", "Quần đảo Trường Sa"]);
  } },
  { url: "/api/v1/dashboard?generation=2&format=xlsx", status: 200 },
  { url: "/api/v1/dashboard/province/2001?from_year=2024&to_year=2025", status: 200, check: (b) => assert.equal(b.province.id, 2001) },
  { url: "/api/v1/dashboard/province/2079", as: "demo-officer-01", status: 403 },
  { url: "/api/v1/dashboard?from_year=1800", status: 400, field: "from_year" },
  { url: "/api/v1/dashboard?from_year=2023&to_year=2021", status: 400, check: (b) => assert.equal(b.error.field, "to_year") },
  { url: "/api/v1/dashboard?generation=5", status: 400, field: "generation" },
  { url: "/api/v1/dashboard?indicator=no_such_indicator", status: 400, check: (b) => assert.equal(b.error.field, "indicator") },
  { url: "/api/v1/dashboard?province=2079", as: "demo-officer-01", status: 403 },
  { url: "/api/v1/dashboard?format=docx", status: 400, field: "format" },
  { url: "/api/v1/dashboard/province/2001?generation=7", status: 400, field: "generation" },
  { url: "/api/v1/dashboard/province/4242", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: "/api/v1/reports/review?from=2020-12-14&to=2023-12-18&generation=1&compare_year=2013", status: 200, check: (b) => {
    assert.equal(b.from, "2020-12-14");
    assert.equal(b.text.vi.length, 6);
  } },
  { url: "/api/v1/reports/review?preset=since_last_conference", status: 200 },
  { url: "/api/v1/reports/review?from=2023-01-01&to=2023-12-31&province=2001&format=xlsx", status: 200 },
  { url: "/api/v1/reports/review?from=2023-01-01&to=2023-12-31&format=docx", status: 200 },
  { url: "/api/v1/reports/review?from=31/12/2023", status: 400, field: "from" },
  { url: "/api/v1/reports/review?from=2023-12-31&to=2023-01-01", status: 400, check: (b) => assert.equal(b.error.field, "to") },
  { url: "/api/v1/reports/review?province=4242", status: 400, check: (b) => assert.equal(b.error.field, "province") },
  { url: "/api/v1/reports/review?province=2079", as: "demo-officer-01", status: 403 },
  { url: "/api/v1/reports/review?generation=0", status: 400, field: "generation" },
  { url: "/api/v1/reports/review?from=2021-01-01&to=2023-12-31&compare_year=2024", status: 400, check: (b) => assert.equal(b.error.field, "compare_year") },
  { url: "/api/v1/reports/review?format=pdf", status: 400, field: "format" },
  { url: "/api/v1/reports/review?preset=yesterday", status: 400, field: "preset" },
  { url: "/api/v1/schedule/feeds/abc/revoke", method: "POST", status: 400, field: "id" },
  { url: "/api/v1/schedule/feeds/999999/revoke", method: "POST", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: () => `/api/v1/schedule/feeds/${scheduleFeeds.made}/revoke`, method: "POST", as: "demo-viewer", status: 404 },
  { url: () => `/api/v1/schedule/feeds/${scheduleFeeds.made}/revoke`, method: "POST", headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: () => `/api/v1/schedule/feeds/${scheduleFeeds.made}/revoke`, method: "POST", status: 204 },
  { url: () => `/api/v1/schedule/feeds/${scheduleFeeds.made}/revoke`, method: "POST", status: 404 },

  // Foreign partners
  { url: "/api/v1/partners", status: 200, check: (b) => {
    assert.equal(b.per_page, 50);
    assert.ok(b.total >= 60, `${b.total} demo partners`);
  } },
  { url: "/api/v1/partners?q=van%20nam", status: 200, check: (b) => assert.deepEqual(b.items.map((p) => p.name_vi), ["Tỉnh Vân Nam"]) },
  { url: "/api/v1/partners?kind=locality&country=KR&include_merged=true&sort=-updated&page=1&per_page=10", status: 200, check: (b) => {
    assert.ok(b.items.length > 0);
    assert.ok(b.items.every((p) => p.kind === "locality" && p.country === "KR"));
  } },
  { url: "/api/v1/partners?sort=price", status: 400, field: "sort" },
  { url: "/api/v1/partners?kind=planet", status: 400, field: "kind" },
  { url: "/api/v1/partners?country=kr", status: 400, field: "country" },
  { url: "/api/v1/partners?include_merged=maybe", status: 400, field: "include_merged" },
  { url: "/api/v1/partners/1", status: 200, check: (b) => {
    assert.equal(b.name_original, "경기도");
    assert.ok(b.sister_relations.length >= 1);
  } },
  { url: "/api/v1/partners/abc", status: 400, field: "id" },
  { url: "/api/v1/partners/999999999", status: 404, check: (b) => assert.equal(b.error.code, "not_found") },
  { url: "/api/v1/partners", method: "POST", body: partnerBody, status: 201, check: (b, res) => {
    assert.equal(b.version, 1);
    assert.equal(res.headers.get("location"), `/api/v1/partners/${b.id}`);
    partners.a = b.id;
  } },
  { url: "/api/v1/partners", method: "POST", body: { ...partnerBody, name_vi: "Thành phố Kiểm thử (trùng)", contacts: [] }, status: 201, check: (b) => { partners.b = b.id; } },
  { url: "/api/v1/partners", method: "POST", body: { ...partnerBody, kind: "planet" }, status: 400, field: "kind" },
  { url: "/api/v1/partners", method: "POST", body: { ...partnerBody, website: "ftp://example.org" }, status: 400, field: "website" },
  { url: "/api/v1/partners", method: "POST", body: "{\"kind\": ", status: 400, field: "body" },
  { url: "/api/v1/partners", method: "POST", as: "demo-viewer", body: partnerBody, status: 403, check: (b) => assert.equal(b.error.code, "permission_denied") },
  { url: "/api/v1/partners", method: "POST", body: partnerBody, headers: { Origin: "http://evil.example" }, status: 403, check: (b) => assert.equal(b.error.field, "_csrf") },
  { url: partnerUrl("a"), method: "PUT", body: { ...partnerBody, name_en: "Test City (edited)", version: 1 }, status: 200, check: (b) => {
    assert.equal(b.version, 2);
    assert.equal(b.name_en, "Test City (edited)");
  } },
  { url: partnerUrl("a"), method: "PUT", body: { ...partnerBody, notes: "Tab cũ", version: 1 }, status: 409, check: (b) => {
    assert.equal(b.error.code, "conflict");
    assert.equal(b.error.field, "version");
    assert.equal(b.current.version, 2, "the stored partner comes with the conflict");
  } },
  { url: partnerUrl("a"), method: "PUT", body: { ...partnerBody, kind: "planet", version: 2 }, status: 400, field: "kind" },
  { url: "/api/v1/partners/999999999", method: "PUT", body: { ...partnerBody, version: 1 }, status: 404 },
  { url: partnerUrl("a"), method: "PUT", as: "demo-viewer", body: { ...partnerBody, version: 2 }, status: 403 },
  { url: partnerUrl("a", "/sister-relations"), method: "POST", body: { admin_unit_id: 1001, established_on: "2016-05-12", ended_on: null, note: "Kiểm thử" }, status: 201, check: (b) => {
    assert.equal(b.unit_generation, 1);
    assert.equal(b.ended_on, null);
    partners.relation = b.id;
  } },
  { url: partnerUrl("a", "/sister-relations"), method: "POST", body: { admin_unit_id: 1001, established_on: "2016-05-12" }, status: 409, check: (b) => assert.equal(b.error.code, "conflict") },
  { url: partnerUrl("a", "/sister-relations"), method: "POST", body: { admin_unit_id: 1001, established_on: "12/05/2016" }, status: 400, field: "established_on" },
  { url: partnerUrl("a", "/sister-relations"), method: "POST", as: "demo-officer-79", body: { admin_unit_id: 1001, established_on: "2017-01-01" }, status: 403 },
  { url: "/api/v1/partners/999999999/sister-relations", method: "POST", body: { admin_unit_id: 1001, established_on: "2016-05-12" }, status: 404 },
  { url: () => `/api/v1/sister-relations/${partners.relation}/end`, method: "POST", body: { ended_on: "2025-06-30" }, status: 200, check: (b) => assert.equal(b.ended_on, "2025-06-30") },
  { url: () => `/api/v1/sister-relations/${partners.relation}/end`, method: "POST", body: { ended_on: "2025-07-01" }, status: 409, check: (b) => assert.equal(b.error.code, "failed_precondition") },
  { url: () => `/api/v1/sister-relations/${partners.relation}/end`, method: "POST", body: { ended_on: "30/06/2025" }, status: 400, field: "ended_on" },
  { url: "/api/v1/sister-relations/999999999/end", method: "POST", body: { ended_on: "2025-06-30" }, status: 404 },
  { url: () => `/api/v1/sister-relations/${partners.relation}/end`, method: "POST", as: "demo-viewer", body: { ended_on: "2025-06-30" }, status: 403 },
  { url: partnerUrl("b", "/merge"), method: "POST", as: "demo-officer-01", body: { into: 1 }, status: 403 },
  { url: partnerUrl("b", "/merge"), method: "POST", body: { into: "x" }, status: 400, field: "into" },
  { url: "/api/v1/partners/999999999/merge", method: "POST", body: { into: 1 }, status: 404 },
  { url: partnerUrl("b", "/merge"), method: "POST", as: "demo-mofa", body: { into: 0 }, status: 400, field: "into" },
  { url: partnerUrl("b", "/merge"), method: "POST", as: "demo-mofa", body: { get into() { return partners.a; } }, status: 200, check: (b) => {
    assert.equal(b.id, partners.a);
    assert.deepEqual(b.merged_from.map((p) => p.id), [partners.b]);
  } },
  { url: partnerUrl("b", "/merge"), method: "POST", body: { get into() { return partners.a; } }, status: 409, check: (b) => assert.equal(b.error.code, "failed_precondition") },

  // The caller's X-Request-Id is kept and reported in the error envelope.
  { url: "/api/v1/countries/QQ", status: 404, headers: { "X-Request-Id": "e2e-contract_1" }, check: (b, res) => {
    assert.equal(res.headers.get("x-request-id"), "e2e-contract_1");
    assert.equal(b.error.request_id, "e2e-contract_1");
  } },
];

// ---------------------------------------------------------------------------------------------
// Helpers

// The requests' path, method and credentials. `url` and `bearer` may be functions (of nothing),
// for requests that depend on an earlier answer.
function requestOf(r) {
  const url = typeof r.url === "function" ? r.url() : r.url;
  const method = r.method ?? "GET";
  const headers = { ...(r.headers ?? {}) };
  const bearer = typeof r.bearer === "function" ? r.bearer() : r.bearer;
  const as = "as" in r ? r.as : (url.startsWith("/api/v1/") && !url.startsWith("/api/v1/openapi.json") ? ADMIN : null);
  if (r.authorization) headers.Authorization = r.authorization;
  else if (bearer) headers.Authorization = `Bearer ${bearer}`;
  else if (as) headers.Authorization = `Bearer ${server.token(as)}`;
  let body;
  if (r.body !== undefined) {
    body = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    headers["Content-Type"] ??= "application/json";
  }
  return { url, method, headers, body, credentials: Boolean(headers.Authorization || headers.Cookie) };
}

function isTimestamp(s) {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)) &&
    isIsoDate(s.slice(0, 10));
}

function isIsoDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addFormat("date", { type: "string", validate: isIsoDate });
  ajv.addFormat("date-time", { type: "string", validate: isTimestamp });
  ajv.addFormat("int32", { type: "number", validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n) => Number.isSafeInteger(n) });
  // OpenAPI's file content (request bodies that are files): any bytes.
  ajv.addFormat("binary", { type: "string", validate: () => true });
  // OpenAPI's own annotation keywords, allowed inside schemas.
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);
  return ajv;
}

const COMPONENTS_ID = "urn:ngoaivu:openapi-components";

// Rewrites "#/components/schemas/X" to the registered components schema.
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/")) {
        out[k] = `${COMPONENTS_ID}#/$defs/${v.slice("#/components/schemas/".length)}`;
      } else {
        out[k] = rewriteRefs(v);
      }
    }
    return out;
  }
  return node;
}

function pointer(doc, ref) {
  assert.ok(ref.startsWith("#/"), `only local $refs are supported: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    assert.ok(node && typeof node === "object" && key in node, `unresolved $ref ${ref}`);
    node = node[key];
  }
  return node;
}

// Follows $ref chains of non-schema objects (parameters, responses, headers).
function deref(doc, obj) {
  const seen = new Set();
  while (obj && typeof obj === "object" && typeof obj.$ref === "string") {
    assert.ok(!seen.has(obj.$ref), `$ref cycle at ${obj.$ref}`);
    seen.add(obj.$ref);
    obj = pointer(doc, obj.$ref);
  }
  return obj;
}

function templateRegex(template) {
  const names = [];
  const source = template
    .split("/")
    .map((seg) => {
      const m = /^\{([^}]+)\}$/.exec(seg);
      if (m) {
        names.push(m[1]);
        return "([^/]+)";
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { re: new RegExp(`^${source}$`), names };
}

// The document path that a concrete path falls under, preferring the most literal template
// (as the server's router does).
function matchPath(doc, urlPath) {
  let best = null;
  for (const template of Object.keys(doc.paths)) {
    const { re, names } = templateRegex(template);
    const m = re.exec(urlPath);
    if (!m) continue;
    const literal = template.split("/").filter((s) => !/^\{.*\}$/.test(s)).length;
    if (!best || literal > best.literal) {
      const params = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      best = { template, params, literal };
    }
  }
  return best;
}

// Source routes: router.Add({"GET", "/path", ...}) in src/**/*.cpp (not the unit tests).
function sourceRoutes() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".cpp") && !e.name.endsWith("_test.cpp")) files.push(p);
    }
  };
  walk(path.join(repoRoot, "src"));
  const routes = [];
  // The third member, when written as Access::kX, is the route's access rule.
  const re = /router\.Add\(\s*\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"(?:\s*,\s*(?:http::)?Access::(\w+))?/g;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(re)) {
      routes.push({ method: m[1].toLowerCase(), path: m[2], access: m[3] ?? null, file: path.relative(repoRoot, f) });
    }
  }
  return routes;
}

function coerceParam(value, schema) {
  const type = schema?.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

// ---------------------------------------------------------------------------------------------

let server;
let doc;
let fileDoc;
let ajv;
const validators = new Map();
const exercised = new Map(); // "get /path" -> Set of statuses

// Operations that need no credentials (`security: []`); every other one inherits the global
// requirement.
const PUBLIC_OPERATIONS = new Set(["get /api/v1/openapi.json", "get /healthz", "get /metrics"]);

function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) validators.set(key, ajv.compile(rewriteRefs(schema)));
  return validators.get(key);
}

function operationParams(template, method) {
  const item = doc.paths[template];
  const list = [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map((p) => deref(doc, p));
  const byKey = new Map();
  for (const p of list) byKey.set(`${p.in}:${p.name}`, p); // operation-level overrides path-level
  return [...byKey.values()];
}

function schemaErrors(schema, value) {
  const validate = validatorFor(schema);
  if (validate(value)) return null;
  return validate.errors
    .map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)} [${e.schemaPath}]`)
    .join("; ");
}

// The security requirements that apply to an operation.
function securityOf(op) {
  return op.security ?? doc.security ?? [];
}

// The properties of an object schema, following $refs to components.
function schemaProperties(schema) {
  let s = schema;
  while (s?.$ref) s = pointer(doc, s.$ref);
  return s?.properties ?? {};
}

// Every operation of the document, with a concrete path (path parameters from their examples).
function operations() {
  const out = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      let url = template;
      for (const p of operationParams(template, method).filter((x) => x.in === "path")) {
        assert.ok(p.example !== undefined, `${template}: path parameter ${p.name} has an example`);
        url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
      }
      // A JSON body where the operation takes one; none where its body is a file (imports, attachments).
      const json = deref(doc, item[method].requestBody)?.content?.["application/json"];
      out.push({ template, method, op: item[method], url, body: json ? { name: "e2e" } : undefined });
    }
  }
  return out;
}

// Sends one request and checks the answer against the document: status, headers, media type,
// body, parameters and request body. Records the operation and status as exercised. Returns the
// response and its parsed body.
async function exchange(r) {
  const q = requestOf(r);
  const label = `${q.method} ${q.url.length > 90 ? q.url.slice(0, 90) + "…" : q.url}`;
  const res = await fetch(server.baseUrl + q.url, { method: q.method, headers: q.headers, body: q.body, redirect: "manual" });
  const text = await res.text();
  assert.equal(res.status, r.status, `status of ${label}: ${text.slice(0, 500)}`);

  const url = new URL(server.baseUrl + q.url);
  const method = q.method.toLowerCase();
  const match = matchPath(doc, url.pathname);
  assert.ok(match, `${url.pathname} is not under any path of the document`);
  const op = doc.paths[match.template][method];
  assert.ok(op, `${q.method} ${match.template} is not in the document`);
  const key = `${method} ${match.template}`;
  if (!exercised.has(key)) exercised.set(key, new Set());
  exercised.get(key).add(String(res.status));

  const documented = op.responses[String(res.status)];
  assert.ok(documented, `${q.method} ${match.template}: status ${res.status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`);
  const response = deref(doc, documented);
  if (res.status === 401) {
    assert.ok(securityOf(op).length > 0, `${q.method} ${match.template} answered 401 but is documented with security: []`);
  }

  // Headers the document says are always there.
  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const header = deref(doc, h);
    const value = res.headers.get(name);
    if (header.required) assert.ok(value !== null, `${label} → ${res.status}: header ${name} is missing`);
    if (value !== null && header.schema) {
      const err = schemaErrors(header.schema, value);
      assert.equal(err, null, `header ${name}: ${value}: ${err}`);
    }
  }

  // The media type and the body.
  let body = null;
  if (!response.content) {
    assert.equal(text, "", `${label} → ${res.status} is documented without content`);
  } else {
    const contentType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    const media = response.content[contentType];
    assert.ok(media, `${q.method} ${match.template} ${res.status}: content type ${contentType} is not documented (documented: ${Object.keys(response.content).join(", ")})`);
    body = text;
    if (contentType === "application/json" || contentType.endsWith("+json")) body = JSON.parse(text);
    const err = schemaErrors(media.schema, body);
    assert.equal(err, null, `${label} → ${res.status}: body does not match the schema: ${err}\n${text.slice(0, 1000)}`);
  }

  if (res.status >= 400 && body?.error) {
    assert.equal(body.error.request_id, res.headers.get("x-request-id"), "error.request_id is the X-Request-Id header");
  }

  // The request body against its documented schema.
  let sent;
  let parses = true;
  const bodyContent = deref(doc, op.requestBody)?.content ?? {};
  const bodySchema = bodyContent["application/json"]?.schema;
  // A file as the body (imports): its media type must be one the operation documents.
  const fileBody = q.body !== undefined && !bodySchema && Object.keys(bodyContent).length > 0;
  if (fileBody) {
    const sentType = (q.headers["Content-Type"] ?? "").split(";")[0].trim().toLowerCase();
    assert.ok(bodyContent[sentType], `${label}: the file's media type ${sentType} is not documented for ${q.method} ${match.template}`);
  } else if (q.body !== undefined) {
    assert.ok(bodySchema, `${label}: a JSON body was sent but ${q.method} ${match.template} documents none`);
    try {
      sent = JSON.parse(q.body);
    } catch {
      parses = false;
    }
    if (res.status < 400) {
      assert.ok(parses, `the server accepted a body that is not JSON: ${q.body}`);
      const err = schemaErrors(bodySchema, sent);
      assert.equal(err, null, `the server accepted the body ${q.body} but the documented schema rejects it: ${err}`);
    }
  }

  // Parameters against their documented schemas.
  const params = operationParams(match.template, method);
  const given = [
    ...[...url.searchParams.entries()].map(([name, value]) => ({ in: "query", name, value })),
    ...Object.entries(match.params).map(([name, value]) => ({ in: "path", name, value })),
  ];
  if (res.status < 400) {
    for (const g of given) {
      const p = params.find((x) => x.in === g.in && x.name === g.name);
      assert.ok(p, `${g.in} parameter ${g.name} is accepted by the server but not documented for ${q.method} ${match.template}`);
      const perr = schemaErrors(p.schema, coerceParam(g.value, p.schema));
      assert.equal(perr, null, `the server accepted ${g.name}=${JSON.stringify(g.value)} but the documented schema rejects it: ${perr}`);
    }
  }
  if (r.field) {
    assert.equal(body.error.field, r.field, "error.field");
    assert.ok(body.error.fields.some((f) => f.field === r.field), "error.fields names the field");
    const p = params.find((x) => x.name === r.field);
    if (p) {
      const g = given.find((x) => x.in === p.in && x.name === p.name);
      assert.ok(g, `${r.field} was not sent`);
      const perr = schemaErrors(p.schema, coerceParam(g.value, p.schema));
      assert.notEqual(perr, null, `the server refused ${r.field}=${JSON.stringify(g.value)} but the documented schema allows it`);
    } else if (fileBody && r.field === "file") {
      // The file itself was refused (not a spreadsheet, missing columns ...).
    } else if (r.field === "body") {
      assert.ok(q.body !== undefined && !parses, "error.field is body, but the body sent is valid JSON");
    } else {
      assert.ok(bodySchema && r.field in schemaProperties(bodySchema),
        `the server refused ${r.field}, which is neither a documented parameter nor a property of the request body of ${q.method} ${match.template}`);
      assert.notEqual(schemaErrors(bodySchema, sent), null, `the server refused the body ${q.body} but the documented schema allows it`);
    }
  }

  if (r.check) await r.check(body, res);
  return { res, body };
}

before(async () => {
  server = await startServer({ name: "openapi" });
  const res = await fetch(`${server.baseUrl}/api/v1/openapi.json`);
  assert.equal(res.status, 200, "GET /api/v1/openapi.json");
  doc = await res.json();
  fileDoc = JSON.parse(readFileSync(path.join(repoRoot, "web/openapi.json"), "utf8"));
  ajv = makeAjv();
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components?.schemas ?? {}) });
});

after(async () => {
  await server?.stop();
});

test("the served document is web/openapi.json (rebuild if this fails: assets are copied at build time)", () => {
  assert.deepEqual(doc, fileDoc);
});

test("the document is a well-formed OpenAPI 3.1.0 document", () => {
  assert.equal(doc.openapi, "3.1.0");
  assert.equal(doc.info?.title, "Ngoaivu API");
  assert.equal(doc.info?.version, "0.1.0");
  assert.match(doc.info.description, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i, "Vietnamese description");
  assert.match(doc.info.description, /\b(the|and|of)\b/, "English description");
  for (const name of ["AdminUnit", "AdminUnitDetail", "Country", "Organisation", "AdminUnitPage", "CountryPage", "OrganisationPage", "Health", "Error",
    "Me", "Grant", "ApiToken", "ApiTokenList", "CreatedApiToken", "TokenRequest", "User", "UserPage", "AuditEntry", "AuditEntryPage"]) {
    assert.ok(doc.components.schemas[name], `components/schemas/${name}`);
  }
  // Every object schema is closed and lists what it requires.
  const walk = (node, where) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
    if (!node || typeof node !== "object") return;
    if (node.type === "object" && node.properties && where.includes("/schemas/") && !where.startsWith("/components/schemas/OpenApiDocument")) {
      assert.equal(node.additionalProperties, false, `${where}: additionalProperties: false`);
      assert.ok(Array.isArray(node.required) && node.required.length > 0, `${where}: required`);
      for (const r of node.required) assert.ok(r in node.properties, `${where}: required ${r} is not a property`);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${where}/${k}`);
  };
  walk(doc.components.schemas, "/components/schemas");

  // Every $ref resolves; every schema compiles under strict mode.
  const refs = [];
  const collect = (node) => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string") refs.push(node.$ref);
    Object.values(node).forEach(collect);
  };
  collect(doc);
  for (const ref of refs) pointer(doc, ref);
  for (const name of Object.keys(doc.components.schemas)) {
    validatorFor({ $ref: `#/components/schemas/${name}` });
  }

  // Operations: unique ids, responses, path parameters declared and required, request bodies.
  const ids = new Set();
  for (const [template, item] of Object.entries(doc.paths)) {
    const names = templateRegex(template).names;
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      assert.ok(op.operationId && !ids.has(op.operationId), `${method} ${template}: unique operationId`);
      ids.add(op.operationId);
      assert.ok(op.responses && Object.keys(op.responses).length > 0, `${method} ${template}: responses`);
      const params = operationParams(template, method);
      for (const p of params) {
        assert.ok(["query", "path", "header", "cookie"].includes(p.in), `${template}: parameter ${p.name} in`);
        assert.ok(p.schema, `${template}: parameter ${p.name} has a schema`);
        validatorFor(p.schema);
        if (p.in === "path") {
          assert.equal(p.required, true, `${template}: path parameter ${p.name} is required`);
          assert.ok(names.includes(p.name), `${template}: path parameter ${p.name} is in the template`);
        }
      }
      for (const n of names) {
        assert.ok(params.some((p) => p.in === "path" && p.name === n), `${method} ${template}: {${n}} is declared`);
      }
      for (const [status, r] of Object.entries(op.responses)) {
        const resp = deref(doc, r);
        assert.ok(resp.description, `${method} ${template} ${status}: description`);
        for (const [type, media] of Object.entries(resp.content ?? {})) {
          assert.ok(media.schema, `${method} ${template} ${status} ${type}: schema`);
          validatorFor(media.schema);
        }
      }
      if (op.requestBody) {
        const rb = deref(doc, op.requestBody);
        // A JSON body, or a file in one of the documented media types (imports, attachments).
        assert.ok(Object.keys(rb.content ?? {}).length > 0, `${method} ${template}: requestBody has content`);
        for (const [type, media] of Object.entries(rb.content)) {
          assert.ok(media.schema, `${method} ${template}: requestBody ${type} has a schema`);
          validatorFor(media.schema);
        }
      }
    }
  }
});

test("the document requires sign-in for every operation but openapi.json, /healthz and /metrics", () => {
  const schemes = doc.components.securitySchemes ?? {};
  assert.equal(schemes.bearerAuth?.type, "http", "securitySchemes.bearerAuth");
  assert.equal(schemes.bearerAuth?.scheme?.toLowerCase(), "bearer");
  assert.deepEqual(schemes.sessionCookie && { type: schemes.sessionCookie.type, in: schemes.sessionCookie.in, name: schemes.sessionCookie.name },
    { type: "apiKey", in: "cookie", name: "nv_session" }, "securitySchemes.sessionCookie");
  assert.ok(Array.isArray(doc.security) && doc.security.some((req) => "bearerAuth" in req), "bearerAuth is required globally");
  for (const req of doc.security) {
    for (const name of Object.keys(req)) assert.ok(schemes[name], `global security names an unknown scheme ${name}`);
  }
  // What the source says about each route (router.Add({..., Access::kX, ...})).
  const access = new Map(sourceRoutes().map((r) => [`${r.method} ${r.path}`, r.access]));
  for (const { template, method, op } of operations()) {
    const key = `${method} ${template}`;
    if (PUBLIC_OPERATIONS.has(key)) {
      assert.deepEqual(op.security, [], `${key}: security: []`);
      assert.equal(access.get(key), "kPublic", `${key} is Access::kPublic in the source`);
      continue;
    }
    assert.equal(op.security, undefined, `${key} inherits the global security`);
    assert.ok(op.responses["401"], `${key}: 401 is documented`);
    assert.notEqual(access.get(key), "kPublic", `${key} is documented as needing sign-in but is Access::kPublic in the source`);
    if (["kAdmin", "kAuditReaders"].includes(access.get(key))) {
      assert.ok(op.responses["403"], `${key} (${access.get(key)}): 403 is documented`);
    }
    if (method !== "get") assert.ok(op.responses["403"], `${key}: 403 (cross-origin or CSRF refusal) is documented`);
  }
});

describe("real responses match the document", () => {
  for (const r of REQUESTS) {
    const who = "as" in r ? (r.as ? ` as ${r.as}` : " without credentials") : r.bearer ? " with a bad token" : "";
    const sent = r.body === undefined ? "" : ` ${(typeof r.body === "string" ? r.body : JSON.stringify(r.body)).slice(0, 40)}`;
    const origin = r.headers?.Origin ? ` from ${r.headers.Origin}` : "";
    it(`${r.method ?? "GET"} ${r.url.length > 90 ? r.url.slice(0, 90) + "…" : r.url}${sent}${who}${origin} → ${r.status}`, async () => {
      await exchange(r);
    });
  }
});

test("every operation that needs sign-in answers 401 without credentials, with a bad token or with a stale session", async () => {
  for (const { url, method, body } of operations().filter(({ op }) => securityOf(op).length > 0)) {
    const m = method.toUpperCase();
    await exchange({ url, method: m, body, as: null, status: 401, check: (b, res) => {
      assert.equal(b.error.code, "unauthenticated", `${m} ${url}`);
      assert.equal(res.headers.get("www-authenticate"), "Bearer", `${m} ${url}: WWW-Authenticate`);
    } });
    await exchange({ url, method: m, body, bearer: "nvt_" + "x".repeat(43), status: 401, check: (b) => {
      assert.equal(b.error.field, "token", `${m} ${url}`);
    } });
    await exchange({ url, method: m, body, as: null, headers: { Cookie: "nv_session=" + "s".repeat(43) }, status: 401 });
  }
});

test("every operation that needs sign-in answers 409 to a session whose one-time password must be changed first", async () => {
  // init's `admin` has a one-time password; signing in sends it to /password.
  const s = await server.session("admin", server.adminPassword);
  assert.equal(s.location, "/password");
  for (const { url, method, body } of operations().filter(({ op }) => securityOf(op).length > 0)) {
    await exchange({ url, method: method.toUpperCase(), body, as: null, headers: { Cookie: s.cookie, "X-CSRF-Token": s.csrf }, status: 409, check: (b) => {
      assert.equal(b.error.code, "failed_precondition");
    } });
  }
  // A token of the same account is not held back (programs cannot change passwords).
  await exchange({ url: "/api/v1/me", as: "admin", status: 200, check: (b) => assert.equal(b.login, "admin") });
});

test("an API token's life: made, used, listed, revoked, then refused", async () => {
  const name = "Báo cáo hằng tháng";
  const { body: made, res } = await exchange({ url: "/api/v1/tokens", method: "POST", body: { name }, status: 201 });
  assert.equal(res.headers.get("cache-control"), "no-store", "the token is not cached");
  assert.equal(made.name, name);
  assert.equal(made.prefix, made.token.slice(0, 10));
  const createdBy = res.headers.get("x-request-id");

  const { body: me } = await exchange({ url: "/api/v1/me", bearer: made.token, status: 200 });
  assert.equal(me.login, ADMIN, "the token has its owner's identity");
  assert.equal(me.via_token, true);

  const { body: list } = await exchange({ url: "/api/v1/tokens", status: 200 });
  assert.equal(list.items[0].id, made.id, "newest first");
  const { token: _full, ...shown } = made;
  assert.deepEqual({ ...list.items[0], last_used_at: null }, shown, "listed as made, without the full token");
  assert.notEqual(list.items[0].last_used_at, null, "last_used_at is set once the token is used");

  // Another account cannot revoke it (and cannot tell that it exists).
  await exchange({ url: `/api/v1/tokens/${made.id}`, method: "DELETE", as: "demo-officer-01", status: 404 });
  await exchange({ url: "/api/v1/me", bearer: made.token, status: 200 });

  // A token can revoke itself; then it is refused.
  await exchange({ url: `/api/v1/tokens/${made.id}`, method: "DELETE", bearer: made.token, status: 204 });
  await exchange({ url: "/api/v1/me", bearer: made.token, status: 401, check: (b) => {
    assert.equal(b.error.code, "unauthenticated");
    assert.equal(b.error.field, "token");
  } });
  await exchange({ url: `/api/v1/tokens/${made.id}`, method: "DELETE", status: 404 }); // revoked already
  const { body: after } = await exchange({ url: "/api/v1/tokens", status: 200 });
  const revoked = after.items.find((t) => t.id === made.id);
  assert.ok(revoked.revoked_at, "revoked_at is set");

  // Both steps are in the audit trail, and the token itself is not.
  const { body: trail } = await exchange({ url: `/api/v1/audit?entity=api_token&entity_id=${made.id}`, status: 200 });
  assert.deepEqual(trail.items.map((e) => e.action), ["revoke", "create"]);
  const created = trail.items[1];
  assert.equal(created.user_login, ADMIN);
  assert.equal(created.request_id, createdBy, "the entry carries the creating request's id");
  assert.equal(created.client_address, "127.0.0.1");
  assert.deepEqual(created.after, { name, prefix: made.prefix });
  assert.ok(!JSON.stringify(trail).includes(made.token), "the full token is never in the audit trail");
});

test("a browser session can use the API; its requests other than GET need the CSRF token", async () => {
  const s = await server.session(ADMIN);
  const cookie = s.cookie;
  await exchange({ url: "/api/v1/me", as: null, headers: { Cookie: cookie }, status: 200, check: (b) => {
    assert.equal(b.login, ADMIN);
    assert.equal(b.via_token, false);
  } });
  const post = (headers, status, check) => exchange({ url: "/api/v1/tokens", method: "POST", body: { name: "session" }, as: null, headers: { Cookie: cookie, ...headers }, status, check });
  await post({}, 403, (b) => assert.equal(b.error.field, "_csrf"));
  await post({ "X-CSRF-Token": "wrong" }, 403, (b) => assert.equal(b.error.field, "_csrf"));
  await post({ "X-CSRF-Token": s.csrf, Origin: "http://evil.example" }, 403, (b) => assert.equal(b.error.field, "_csrf"));
  const { body: made } = await post({ "X-CSRF-Token": s.csrf, Origin: server.baseUrl }, 201);
  const del = (headers, status) => exchange({ url: `/api/v1/tokens/${made.id}`, method: "DELETE", as: null, headers: { Cookie: cookie, ...headers }, status });
  await del({}, 403);
  await del({ "X-CSRF-Token": s.csrf }, 204);
});

test("q is limited to 100 characters, not bytes", async () => {
  const headers = { Authorization: `Bearer ${server.token(ADMIN)}` };
  const get = async (q) => (await fetch(`${server.baseUrl}/api/v1/countries?q=${encodeURIComponent(q)}`, { headers })).status;
  assert.equal(await get("a".repeat(100)), 200);
  assert.equal(await get("a".repeat(101)), 400);
  assert.equal(await get("ệ".repeat(100)), 200, "100 three-byte characters");
  assert.equal(await get("ệ".repeat(101)), 400);
});

test("answers outside the documented operations use the same Error envelope", async () => {
  const cases = [
    { method: "POST", url: "/api/v1/provinces", status: 405, code: "method_not_allowed", allow: /\bGET\b/ },
    { method: "DELETE", url: "/api/v1/countries/KR", status: 405, code: "method_not_allowed", allow: /\bGET\b/ },
    { method: "PUT", url: "/api/v1/tokens/1", status: 405, code: "method_not_allowed", allow: /\bDELETE\b/ },
    { method: "DELETE", url: "/api/v1/tokens", status: 405, code: "method_not_allowed", allow: /\bGET\b.*\bPOST\b|\bPOST\b.*\bGET\b/ },
    { method: "GET", url: "/api/v1/no-such-thing", status: 404, code: "not_found" },
    { method: "GET", url: `/api/v1/provinces?q=${"a".repeat(5000)}`, status: 414, code: "uri_too_long" },
  ];
  for (const c of cases) {
    const res = await fetch(server.baseUrl + c.url, { method: c.method, headers: { Authorization: `Bearer ${server.token(ADMIN)}` } });
    const label = `${c.method} ${c.url.slice(0, 60)}`;
    assert.equal(res.status, c.status, label);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/, label);
    const body = await res.json();
    const err = schemaErrors({ $ref: "#/components/schemas/Error" }, body);
    assert.equal(err, null, `${label}: ${err}`);
    assert.equal(body.error.code, c.code, label);
    assert.equal(body.error.request_id, res.headers.get("x-request-id"), label);
    if (c.allow) assert.match(res.headers.get("allow") ?? "", c.allow, `${label}: Allow`);
  }
});

// Regressions for the Authorization-header and token-name bugs found by this suite.
test("401 for an Authorization header of another scheme also says WWW-Authenticate: Bearer (RFC 9110 §11.6.1)", async () => {
    await exchange({ url: "/api/v1/me", authorization: "Basic ZGVtby1hZG1pbjpEZW1v", status: 401 });
  });

test("the auth scheme name is case-insensitive: `bearer <token>` works (RFC 9110 §11.1)", async () => {
    await exchange({ url: "/api/v1/me", authorization: `bearer ${server.token(ADMIN)}`, status: 200 });
  });

test("operations with security: [] answer whatever Authorization header comes with the request", async () => {
    for (const url of ["/healthz", "/metrics", "/api/v1/openapi.json"]) {
      await exchange({ url, authorization: "Basic ZGVtby1hZG1pbjpEZW1v", status: 200 });
      await exchange({ url, bearer: "nvt_" + "x".repeat(43), status: 200 });
    }
  });

test("a token name is limited to 100 characters, not bytes (as the form's maxlength and q)", async () => {
    const { body } = await exchange({ url: "/api/v1/tokens", method: "POST", body: { name: "ệ".repeat(100) }, status: 201 });
    await exchange({ url: `/api/v1/tokens/${body.id}`, method: "DELETE", status: 204 });
  });

test("every path and every documented non-5xx status of the document is exercised", () => {
  const missing = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const seen = exercised.get(`${method} ${template}`);
      if (!seen) {
        missing.push(`${method.toUpperCase()} ${template}`);
        continue;
      }
      for (const status of Object.keys(item[method].responses)) {
        if (!status.startsWith("5") && status !== "default" && !seen.has(status)) missing.push(`${method.toUpperCase()} ${template} → ${status}`);
      }
    }
  }
  assert.deepEqual(missing, [], "not exercised by any request");
});

test("the document and the server's /api/v1 routes (from the C++ source) are the same set", () => {
  const routes = sourceRoutes();
  const api = routes.filter((r) => r.path.startsWith("/api/v1/") || r.path === "/api/v1");
  assert.ok(api.length >= 11, `found only ${api.length} /api/v1 routes in the source: is the regex stale?`);
  const docOps = new Set();
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS.filter((m) => item[m])) docOps.add(`${method} ${template}`);
  }
  const undocumented = api.filter((r) => !docOps.has(`${r.method} ${r.path}`)).map((r) => `${r.method.toUpperCase()} ${r.path} (${r.file})`);
  assert.deepEqual(undocumented, [], "routes served under /api/v1 but missing from web/openapi.json");
  const all = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const phantom = [...docOps].filter((op) => !all.has(op));
  assert.deepEqual(phantom, [], "operations in web/openapi.json that no router.Add registers");
});
