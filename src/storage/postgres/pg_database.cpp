#include "storage/postgres/pg_database.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

#include <libpq-fe.h>

namespace ngoaivu::storage::postgres {

namespace {

// Taken by every write transaction (pg_advisory_xact_lock): "NGVU".
constexpr const char* kBeginWrite = "BEGIN; SELECT pg_advisory_xact_lock(1313298005)";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr const char* kBeginConcurrent = "BEGIN ISOLATION LEVEL SERIALIZABLE";

// Type OIDs (server/catalog/pg_type_d.h, stable across versions).
constexpr Oid kBool = 16;
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kNumeric = 1700;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

[[noreturn]] void Throw(PGconn* conn, const PGresult* res, std::string_view context) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string detail = res ? PQresultErrorMessage(res) : "";
    if (detail.empty() && conn)
        detail = PQerrorMessage(conn);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' '))
        detail.pop_back();
    std::string msg = std::string(context) + ": " + detail;
    if (!sqlstate.empty())
        msg += " [" + sqlstate + "]";
    using Kind = ConstraintError::Kind;
    if (sqlstate == "23505")
        throw ConstraintError(Kind::kUnique, msg);
    if (sqlstate == "23503")
        throw ConstraintError(Kind::kForeignKey, msg);
    if (sqlstate == "23514")
        throw ConstraintError(Kind::kCheck, msg);
    if (sqlstate == "23502")
        throw ConstraintError(Kind::kNotNull, msg);
    if (sqlstate.starts_with("23"))
        throw ConstraintError(Kind::kOther, msg);
    // serialization_failure, deadlock_detected, lock_not_available (lock_timeout)
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
        throw BusyError(msg);
    throw DatabaseError(msg);
}

Value Column(const PGresult* res, int row, int col) {
    if (PQgetisnull(res, row, col))
        return Value();
    const char* text = PQgetvalue(res, row, col);
    int length = PQgetlength(res, row, col);
    std::string_view s(text, static_cast<std::size_t>(length));
    switch (PQftype(res, col)) {
        case kInt8:
        case kInt4:
        case kInt2:
        case kOid: {
            long long v = 0;
            std::from_chars(s.data(), s.data() + s.size(), v);
            return Value(v);
        }
        case kFloat4:
        case kFloat8:
            return Value(std::strtod(text, nullptr));
        case kNumeric: {
            long long v = 0;
            auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec == std::errc() && end == s.data() + s.size())
                return Value(v);
            return Value(std::strtod(text, nullptr));
        }
        case kBool:
            return Value(s == "t" ? 1 : 0);
        case kBytea: {
            std::size_t n = 0;
            unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
            if (!raw)
                throw DatabaseError("out of memory decoding bytea");
            std::string bytes(reinterpret_cast<const char*>(raw), n);
            PQfreemem(raw);
            return Value(Blob{std::move(bytes)});
        }
        default:
            return Value(std::string(s));
    }
}

// A parameter in PostgreSQL's text input format (a blob's raw bytes, sent in binary format).
std::optional<std::string> ParamText(const Value& v) {
    return std::visit(
        [](const auto& x) -> std::optional<std::string> {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return std::nullopt;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return std::to_string(x);
            } else if constexpr (std::is_same_v<T, double>) {
                char buf[32];
                auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
                return std::string(buf, end);
            } else if constexpr (std::is_same_v<T, Blob>) {
                return x.bytes;
            } else {
                return x;
            }
        },
        v.get());
}

}  // namespace

// One libpq connection with its prepared statements.
class Connection {
 public:
    Connection(const std::string& url, const OpenOptions& options) : observer_(options.observer) {
        conn_ = PQconnectdb(url.c_str());
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
            while (!msg.empty() && msg.back() == '\n')
                msg.pop_back();
            PQfinish(conn_);
            conn_ = nullptr;
            throw DatabaseError("cannot connect to " + Redacted(url) + ": " + msg);
        }
        PQsetClientEncoding(conn_, "UTF8");
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);  // "already exists" …
        std::string setup = "SET TIME ZONE 'UTC'; SET lock_timeout = " +
                            std::to_string(options.busy_timeout.count()) +
                            "; SET application_name = 'ngoaivu'";
        Simple(setup);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { PQfinish(conn_); }

    bool healthy() const { return PQstatus(conn_) == CONNECTION_OK && !broken_; }
    void MarkBroken() { broken_ = true; }

    // Runs a parameterless script (one or more statements) with the simple query protocol.
    void Simple(std::string_view sql) {
        Drain();
        auto start = std::chrono::steady_clock::now();
        std::string s(sql);
        Result res(PQexec(conn_, s.c_str()));
        Check(res.get(), "statement failed");
        Observe(start);
    }

    // Sends a parameterless statement (a read-only transaction's COMMIT) without waiting for its
    // answer: the connection's next user collects it first (Drain), so the request that
    // committed does not wait a round trip for a COMMIT that cannot fail.
    void SendWithoutWaiting(const char* sql) {
        Drain();
        if (PQsendQuery(conn_, sql) != 1) {
            broken_ = true;
            Throw(conn_, nullptr, "statement failed");
        }
        pending_ = true;
    }

    // Runs one statement (prepared on first use); appends rows to `rows` when not null. Returns
    // the number of rows the statement changed. The parameterless single statements in `before`
    // (a pending BEGIN) are sent first in the same round trip (libpq pipeline mode).
    std::int64_t Run(std::string_view sql, ParamSpan params, Rows* rows,
                     std::span<const char* const> before = {}) {
        Drain();
        auto start = std::chrono::steady_clock::now();
        std::vector<std::optional<std::string>> texts;
        texts.reserve(params.size());
        for (const Value& p : params)
            texts.push_back(ParamText(p));
        BoundParams bound;
        bound.values.reserve(texts.size());
        for (const auto& t : texts)
            bound.values.push_back(t ? t->c_str() : nullptr);
        // Blobs go in binary format (bytea's binary form is the bytes themselves), with their
        // lengths; text parameters stay in text format, NUL-terminated.
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (!params[i].is_blob())
                continue;
            if (bound.formats.empty()) {
                bound.formats.assign(params.size(), 0);
                bound.lengths.assign(params.size(), 0);
            }
            bound.formats[i] = 1;
            bound.lengths[i] = static_cast<int>(texts[i]->size());
        }
        Result res = before.empty() ? RunAlone(sql, bound) : RunPipelined(sql, bound, before);
        if (rows) {
            int n = PQntuples(res.get());
            int columns = PQnfields(res.get());
            rows->reserve(rows->size() + static_cast<std::size_t>(n));
            for (int r = 0; r < n; ++r) {
                std::vector<Value> row;
                row.reserve(static_cast<std::size_t>(columns));
                for (int c = 0; c < columns; ++c)
                    row.push_back(Column(res.get(), r, c));
                rows->emplace_back(std::move(row));
            }
        }
        Observe(start);
        const char* changed = PQcmdTuples(res.get());
        return changed && *changed ? std::atoll(changed) : 0;
    }

 private:
    // A statement's parameters as libpq takes them: `formats` and `lengths` are empty when every
    // parameter is text.
    struct BoundParams {
        std::vector<const char*> values;
        std::vector<int> lengths;
        std::vector<int> formats;

        int count() const { return static_cast<int>(values.size()); }
        const int* length_data() const { return lengths.empty() ? nullptr : lengths.data(); }
        const int* format_data() const { return formats.empty() ? nullptr : formats.data(); }
    };

    Result RunAlone(std::string_view sql, const BoundParams& p) {
        const std::string& name = Prepare(sql);
        Result res(PQexecPrepared(conn_, name.c_str(), p.count(), p.values.data(), p.length_data(),
                                  p.format_data(), 0));
        Check(res.get(), "statement failed");
        return res;
    }

    // `before`, then (when not cached yet) the PREPARE of `sql`, then `sql` itself, in one round
    // trip. The first error is thrown after the whole pipeline has been read.
    Result RunPipelined(std::string_view sql, const BoundParams& p,
                        std::span<const char* const> before) {
        std::string text(sql);
        auto cached = cache_.find(text);
        bool prepare = cached == cache_.end();
        std::string name = prepare ? NextName() : cached->second;
        if (PQenterPipelineMode(conn_) != 1) {
            broken_ = true;
            Throw(conn_, nullptr, "pipeline");
        }
        bool sent = true;
        for (const char* statement : before) {
            sent = sent && PQsendQueryParams(conn_, statement, 0, nullptr, nullptr, nullptr,
                                             nullptr, 0) == 1;
        }
        if (prepare)
            sent = sent && PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) == 1;
        sent = sent && PQsendQueryPrepared(conn_, name.c_str(), p.count(), p.values.data(),
                                           p.length_data(), p.format_data(), 0) == 1;
        sent = sent && PQpipelineSync(conn_) == 1;
        if (!sent) {
            broken_ = true;  // the pipeline's state is unknown: do not reuse the connection
            Throw(conn_, nullptr, "pipeline");
        }
        std::size_t queries = before.size() + (prepare ? 1 : 0) + 1;
        std::vector<Result> results;
        for (std::size_t q = 0; q < queries; ++q) {
            Result r(PQgetResult(conn_));
            if (!r) {
                broken_ = true;
                Throw(conn_, nullptr, "pipeline");
            }
            while (PGresult* extra = PQgetResult(conn_))  // up to the end of this query
                PQclear(extra);
            results.push_back(std::move(r));
        }
        Result sync(PQgetResult(conn_));
        if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
            broken_ = true;
        PQexitPipelineMode(conn_);
        if (prepare && PQresultStatus(results[before.size()].get()) == PGRES_COMMAND_OK)
            cache_.emplace(text, name);  // it exists on the server even if the query failed
        for (auto& r : results) {
            if (PQresultStatus(r.get()) == PGRES_PIPELINE_ABORTED)
                continue;  // an earlier query failed; that one is thrown
            Check(r.get(), "statement failed");
        }
        if (broken_)
            Throw(conn_, nullptr, "pipeline");
        return std::move(results.back());
    }

    // Collects the answer to SendWithoutWaiting, if any.
    void Drain() {
        if (!pending_)
            return;
        pending_ = false;
        bool failed = false;
        while (PGresult* r = PQgetResult(conn_)) {
            failed = failed || PQresultStatus(r) != PGRES_COMMAND_OK;
            PQclear(r);
        }
        if (failed) {
            broken_ = true;
            throw DatabaseError("a deferred COMMIT failed: " + std::string(PQerrorMessage(conn_)));
        }
    }

    std::string NextName() {
        std::string name = "s";
        name += std::to_string(cache_.size() + 1);
        return name;
    }

    const std::string& Prepare(std::string_view sql) {
        auto it = cache_.find(std::string(sql));
        if (it != cache_.end())
            return it->second;
        std::string name = NextName();
        std::string text(sql);
        Result res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
        Check(res.get(), "prepare failed");
        return cache_.emplace(std::move(text), std::move(name)).first->second;
    }

    void Check(const PGresult* res, std::string_view context) {
        auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            return;
        if (PQstatus(conn_) != CONNECTION_OK)
            broken_ = true;
        Throw(conn_, res, context);
    }

    void Observe(std::chrono::steady_clock::time_point start) {
        if (observer_)
            observer_(std::chrono::steady_clock::now() - start);
    }

    PGconn* conn_ = nullptr;
    bool broken_ = false;
    bool pending_ = false;  // a COMMIT sent without waiting (SendWithoutWaiting)
    StatementObserver observer_;
    std::unordered_map<std::string, std::string> cache_;  // SQL text → statement name
};

namespace {

// What SQLite gets per connection (text::CompareVi), PostgreSQL keeps in the database: the ICU
// collation "vi", so that `ORDER BY name_vi COLLATE vi` is the same query text on both.
void EnsureViCollation(Connection& conn) {
    try {
        conn.Simple("CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi')");
    } catch (const ConstraintError&) {
        // Another process created it at the same moment.
    }
}

// Writers take the database's write lock in Begin(), as on SQLite. Read and concurrent
// transactions send their BEGIN together with their first statement (one round trip fewer), and
// a read-only transaction's COMMIT is not waited for (Connection::SendWithoutWaiting). A
// kSingleRead runs its one SELECT in autocommit: no BEGIN, no COMMIT.
class PgTransaction final : public Transaction {
 public:
    PgTransaction(PgDatabase* owner, std::unique_ptr<Connection> conn, TxMode mode)
        : owner_(owner), conn_(std::move(conn)), mode_(mode) {
        if (mode == TxMode::kRead) {
            begin_ = kBeginRead;
            return;
        }
        if (mode == TxMode::kConcurrent) {
            begin_ = kBeginConcurrent;
            return;
        }
        if (mode == TxMode::kSingleRead)
            return;  // autocommit: the one statement is its own transaction
        try {
            conn_->Simple(kBeginWrite);
        } catch (...) {
            // A failed BEGIN may leave the connection inside an aborted transaction.
            try {
                conn_->Simple("ROLLBACK");
            } catch (const DatabaseError&) {
                conn_->MarkBroken();
            }
            owner_->Release(std::move(conn_));
            throw;
        }
    }
    ~PgTransaction() override {
        if (!done_ && !begin_ && mode_ != TxMode::kSingleRead) {
            try {
                conn_->Simple("ROLLBACK");
            } catch (const DatabaseError&) {
                conn_->MarkBroken();  // do not hand out a connection in an unknown state
            }
        }
        owner_->Release(std::move(conn_));
    }

    Rows DoQuery(std::string_view sql, ParamSpan params) override {
        Rows rows;
        Run(sql, params, &rows);
        return rows;
    }
    std::int64_t DoExec(std::string_view sql, ParamSpan params) override {
        return Run(sql, params, nullptr);
    }
    void ExecScript(std::string_view sql) override {
        if (mode_ == TxMode::kSingleRead)
            CheckSingleRead(sql, statements_++);
        StartIfPending();
        conn_->Simple(sql);
    }
    Backend backend() const override { return Backend::kPostgres; }

    void Commit() override {
        if (mode_ == TxMode::kSingleRead) {
            // nothing to end: the statement committed itself
        } else if (begin_) {  // nothing ran: there is no transaction to end
            begin_ = nullptr;
        } else if (mode_ == TxMode::kRead) {
            conn_->SendWithoutWaiting("COMMIT");
        } else {
            conn_->Simple("COMMIT");
        }
        done_ = true;
    }

 private:
    std::int64_t Run(std::string_view sql, ParamSpan params, Rows* rows) {
        if (mode_ == TxMode::kSingleRead)
            CheckSingleRead(sql, statements_++);
        if (!begin_)
            return conn_->Run(sql, params, rows);
        const char* const before[] = {begin_};
        begin_ = nullptr;  // from here the transaction exists, even if the statement fails
        return conn_->Run(sql, params, rows, before);
    }

    void StartIfPending() {
        if (!begin_)
            return;
        const char* begin = begin_;
        begin_ = nullptr;
        conn_->Simple(begin);
    }

    PgDatabase* owner_;
    std::unique_ptr<Connection> conn_;
    TxMode mode_;
    const char* begin_ = nullptr;  // BEGIN not sent yet
    int statements_ = 0;           // run so far (kSingleRead allows one)
    bool done_ = false;
};

}  // namespace

// Out of line: Connection is complete only here.
static bool IsHealthy(const Connection& conn) {
    return conn.healthy();
}

PgDatabase::PgDatabase(std::string url, OpenOptions options)
    : url_(std::move(url)),
      options_(std::move(options)),
      pool_(
          options_.pool_size, [this] { return std::make_unique<Connection>(url_, options_); },
          IsHealthy, options_.busy_timeout) {
    auto conn = std::make_unique<Connection>(url_, options_);  // fail early if unreachable
    EnsureViCollation(*conn);
    pool_.Adopt(std::move(conn));
}

PgDatabase::~PgDatabase() {
    Close();
}

void PgDatabase::Release(std::unique_ptr<Connection> conn) {
    pool_.Release(std::move(conn));
}

std::unique_ptr<Transaction> PgDatabase::Begin(TxMode mode) {
    return std::make_unique<PgTransaction>(this, pool_.Acquire(), mode);
}

void PgDatabase::Close() {
    pool_.Close();
}

void PgDatabase::BackupTo(const std::string&) {
    throw DatabaseError(
        "online backup of a PostgreSQL database is made with pg_dump (`ngoaivu backup` runs it) / "
        "sao lưu CSDL PostgreSQL bằng pg_dump");
}

void ExecAutocommit(const std::string& url, const std::string& sql) {
    OpenOptions options;
    Connection conn(url, options);
    conn.Simple(sql);
}

std::string WithDatabaseName(std::string_view url, std::string_view dbname) {
    std::string_view scheme;
    for (std::string_view s : {"postgresql://", "postgres://"}) {
        if (url.starts_with(s))
            scheme = s;
    }
    if (scheme.empty())
        throw DatabaseError("not a postgresql:// URL: " + Redacted(url));
    std::size_t query = url.find('?', scheme.size());
    std::string_view before = url.substr(0, query);
    std::string_view rest = query == std::string_view::npos ? "" : url.substr(query);
    std::size_t slash = before.find('/', scheme.size());
    std::string_view authority = before.substr(0, slash);
    return std::string(authority) + "/" + std::string(dbname) + std::string(rest);
}

bool FindUrlPassword(std::string_view url, std::size_t* colon, std::size_t* at) {
    std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return false;
    std::size_t start = scheme + 3;
    std::size_t end = url.find_first_of("/?#", start);
    if (end == std::string_view::npos)
        end = url.size();
    std::size_t a = url.substr(start, end - start).rfind('@');
    if (a == std::string_view::npos)
        return false;
    std::size_t c = url.substr(start, a).find(':');
    if (c == std::string_view::npos)
        return false;
    *colon = start + c;
    *at = start + a;
    return true;
}

std::string Redacted(std::string_view url) {
    std::size_t colon = 0;
    std::size_t at = 0;
    if (!FindUrlPassword(url, &colon, &at))
        return std::string(url);
    return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

}  // namespace ngoaivu::storage::postgres
