#include "http/metrics.hpp"

#include <sstream>

namespace ngoaivu::http {

namespace {

// Escapes a label value for the exposition format.
std::string Label(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '"')
            out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      std::chrono::nanoseconds duration) {
    double seconds = std::chrono::duration<double>(duration).count();
    std::string r = route.empty() ? "unmatched" : route;
    std::lock_guard lock(mu_);
    ++requests_[{method, r, status}];
    Histogram& h = latency_[r];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::AddDbTime(std::chrono::nanoseconds d) {
    db_nanos_ += static_cast<std::uint64_t>(d.count());
    ++db_statements_;
}

std::string Metrics::Render(int open_connections) const {
    std::ostringstream out;
    out << "# HELP ngoaivu_http_requests_total HTTP requests by method, route and status.\n"
        << "# TYPE ngoaivu_http_requests_total counter\n";
    std::lock_guard lock(mu_);
    for (const auto& [key, n] : requests_) {
        const auto& [method, route, status] = key;
        out << "ngoaivu_http_requests_total{method=\"" << Label(method) << "\",route=\""
            << Label(route) << "\",status=\"" << status << "\"} " << n << "\n";
    }
    out << "# HELP ngoaivu_http_request_duration_seconds Time from parsed request to response.\n"
        << "# TYPE ngoaivu_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        std::string l = Label(route);
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "ngoaivu_http_request_duration_seconds_bucket{route=\"" << l << "\",le=\""
                << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
        }
        out << "ngoaivu_http_request_duration_seconds_bucket{route=\"" << l << "\",le=\"+Inf\"} "
            << h.count << "\n"
            << "ngoaivu_http_request_duration_seconds_sum{route=\"" << l << "\"} " << h.sum << "\n"
            << "ngoaivu_http_request_duration_seconds_count{route=\"" << l << "\"} " << h.count
            << "\n";
    }
    out << "# HELP ngoaivu_db_statement_seconds_total Time spent running database statements.\n"
        << "# TYPE ngoaivu_db_statement_seconds_total counter\n"
        << "ngoaivu_db_statement_seconds_total " << static_cast<double>(db_nanos_.load()) / 1e9
        << "\n"
        << "# HELP ngoaivu_db_statements_total Database statements run.\n"
        << "# TYPE ngoaivu_db_statements_total counter\n"
        << "ngoaivu_db_statements_total " << db_statements_.load() << "\n"
        << "# HELP ngoaivu_http_open_connections Open client connections.\n"
        << "# TYPE ngoaivu_http_open_connections gauge\n"
        << "ngoaivu_http_open_connections " << open_connections << "\n";
    return out.str();
}

}  // namespace ngoaivu::http
