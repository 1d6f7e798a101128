// Contract test: the real server's responses against its own OpenAPI document.
//
// Starts ngoaivu on a fresh database, fetches /api/v1/openapi.json and, for a list of real
// requests (every endpoint, good and bad parameters), validates each response body with Ajv
// (JSON Schema 2020-12, strict) against the schema the document gives for that
// path + method + status. It also checks that
//   - the status, media type and documented headers are in the document for that operation;
//   - the parameters of accepted requests satisfy the documented parameter schemas, and the
//     parameter a 400 names (error.field) is documented and its value rejected by its schema;
//   - every documented path, and every documented non-5xx status, is exercised at least once;
//   - the document's /api/v1 paths and the routes registered in src/**/*_api.cpp and
//     src/app/routes.cpp (router.Add({"GET", "/api/v1/..."})) are the same set.
//
// Run: node --test tests/e2e/   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { repoRoot, startServer } from "./support/server.mjs";

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

  // The caller's X-Request-Id is kept and reported in the error envelope.
  { url: "/api/v1/countries/QQ", status: 404, headers: { "X-Request-Id": "e2e-contract_1" }, check: (b, res) => {
    assert.equal(res.headers.get("x-request-id"), "e2e-contract_1");
    assert.equal(b.error.request_id, "e2e-contract_1");
  } },
];

// ---------------------------------------------------------------------------------------------
// Helpers

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
  ajv.addFormat("int32", { type: "number", validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n) => Number.isSafeInteger(n) });
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

// Source routes: router.Add({"GET", "/path", ...}) in src/**/*_api.cpp and src/app/routes.cpp.
function sourceRoutes() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith("_api.cpp")) files.push(p);
    }
  };
  walk(path.join(repoRoot, "src"));
  files.push(path.join(repoRoot, "src/app/routes.cpp"));
  const routes = [];
  const re = /router\.Add\(\s*\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(re)) {
      routes.push({ method: m[1].toLowerCase(), path: m[2], file: path.relative(repoRoot, f) });
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
  for (const name of ["AdminUnit", "AdminUnitDetail", "Country", "Organisation", "AdminUnitPage", "CountryPage", "OrganisationPage", "Health", "Error"]) {
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

  // Operations: unique ids, responses, path parameters declared and required.
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
    }
  }
});

describe("real responses match the document", () => {
  for (const r of REQUESTS) {
    it(`GET ${r.url.length > 90 ? r.url.slice(0, 90) + "…" : r.url} → ${r.status}`, async () => {
      const res = await fetch(server.baseUrl + r.url, { headers: r.headers ?? {} });
      const text = await res.text();
      assert.equal(res.status, r.status, `status of GET ${r.url}: ${text.slice(0, 500)}`);

      const url = new URL(server.baseUrl + r.url);
      const match = matchPath(doc, url.pathname);
      assert.ok(match, `${url.pathname} is not under any path of the document`);
      const op = doc.paths[match.template].get;
      assert.ok(op, `GET ${match.template} is not in the document`);
      const key = `get ${match.template}`;
      if (!exercised.has(key)) exercised.set(key, new Set());
      exercised.get(key).add(String(res.status));

      const documented = op.responses[String(res.status)];
      assert.ok(documented, `GET ${match.template}: status ${res.status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`);
      const response = deref(doc, documented);

      // Headers the document says are always there.
      for (const [name, h] of Object.entries(response.headers ?? {})) {
        const header = deref(doc, h);
        const value = res.headers.get(name);
        if (header.required) assert.ok(value !== null, `header ${name} is missing`);
        if (value !== null && header.schema) {
          const err = schemaErrors(header.schema, value);
          assert.equal(err, null, `header ${name}: ${value}: ${err}`);
        }
      }

      // The media type and the body.
      const contentType = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
      const media = response.content?.[contentType];
      assert.ok(media, `GET ${match.template} ${res.status}: content type ${contentType} is not documented (documented: ${Object.keys(response.content ?? {}).join(", ")})`);
      let body = text;
      if (contentType === "application/json" || contentType.endsWith("+json")) body = JSON.parse(text);
      const err = schemaErrors(media.schema, body);
      assert.equal(err, null, `GET ${r.url} → ${res.status}: body does not match the schema: ${err}\n${text.slice(0, 1000)}`);

      if (res.status >= 400 && body?.error) {
        assert.equal(body.error.request_id, res.headers.get("x-request-id"), "error.request_id is the X-Request-Id header");
      }

      // Parameters against their documented schemas.
      const params = operationParams(match.template, "get");
      const given = [
        ...[...url.searchParams.entries()].map(([name, value]) => ({ in: "query", name, value })),
        ...Object.entries(match.params).map(([name, value]) => ({ in: "path", name, value })),
      ];
      if (res.status < 400) {
        for (const g of given) {
          const p = params.find((x) => x.in === g.in && x.name === g.name);
          assert.ok(p, `${g.in} parameter ${g.name} is accepted by the server but not documented for GET ${match.template}`);
          const perr = schemaErrors(p.schema, coerceParam(g.value, p.schema));
          assert.equal(perr, null, `the server accepted ${g.name}=${JSON.stringify(g.value)} but the documented schema rejects it: ${perr}`);
        }
      }
      if (r.field) {
        assert.equal(body.error.field, r.field, "error.field");
        assert.ok(body.error.fields.some((f) => f.field === r.field), "error.fields names the field");
        const p = params.find((x) => x.name === r.field);
        assert.ok(p, `the server refused parameter ${r.field}, which is not documented for GET ${match.template}`);
        const g = given.find((x) => x.in === p.in && x.name === p.name);
        assert.ok(g, `${r.field} was not sent`);
        const perr = schemaErrors(p.schema, coerceParam(g.value, p.schema));
        assert.notEqual(perr, null, `the server refused ${r.field}=${JSON.stringify(g.value)} but the documented schema allows it`);
      }

      if (r.check) r.check(body, res);
    });
  }
});

test("q is limited to 100 characters, not bytes", async () => {
  const get = async (q) => (await fetch(`${server.baseUrl}/api/v1/countries?q=${encodeURIComponent(q)}`)).status;
  assert.equal(await get("a".repeat(100)), 200);
  assert.equal(await get("a".repeat(101)), 400);
  assert.equal(await get("ệ".repeat(100)), 200, "100 three-byte characters");
  assert.equal(await get("ệ".repeat(101)), 400);
});

test("answers outside the documented operations use the same Error envelope", async () => {
  const cases = [
    { method: "POST", url: "/api/v1/provinces", status: 405, code: "method_not_allowed" },
    { method: "DELETE", url: "/api/v1/countries/KR", status: 405, code: "method_not_allowed" },
    { method: "GET", url: "/api/v1/no-such-thing", status: 404, code: "not_found" },
    { method: "GET", url: `/api/v1/provinces?q=${"a".repeat(5000)}`, status: 414, code: "uri_too_long" },
  ];
  for (const c of cases) {
    const res = await fetch(server.baseUrl + c.url, { method: c.method });
    const label = `${c.method} ${c.url.slice(0, 60)}`;
    assert.equal(res.status, c.status, label);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/, label);
    const body = await res.json();
    const err = schemaErrors({ $ref: "#/components/schemas/Error" }, body);
    assert.equal(err, null, `${label}: ${err}`);
    assert.equal(body.error.code, c.code, label);
    assert.equal(body.error.request_id, res.headers.get("x-request-id"), label);
    if (c.status === 405) assert.match(res.headers.get("allow") ?? "", /\bGET\b/, `${label}: Allow`);
  }
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
  assert.ok(api.length >= 6, `found only ${api.length} /api/v1 routes in the source: is the regex stale?`);
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
