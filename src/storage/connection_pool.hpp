#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "storage/database.hpp"

namespace ngoaivu::storage {

// The connections of one database, shared by threads: at most `size` open, opened on demand by
// `open`, handed out one at a time. A connection that `healthy` rejects (the server closed it)
// is dropped and replaced. Used by both backends.
template <typename Conn>
class ConnectionPool {
 public:
    using Opener = std::function<std::unique_ptr<Conn>()>;
    using Check = std::function<bool(const Conn&)>;

    // `wait_limit`: how long Acquire waits for a free connection before BusyError; nullopt
    // waits as long as it takes.
    ConnectionPool(int size, Opener open, Check healthy,
                   std::optional<std::chrono::milliseconds> wait_limit)
        : size_(size < 1 ? 1 : size),
          open_(std::move(open)),
          healthy_(std::move(healthy)),
          wait_limit_(wait_limit) {}

    // Puts in a connection opened by the caller (the first one, opened early so that a bad
    // location fails at once).
    void Adopt(std::unique_ptr<Conn> conn) {
        std::lock_guard lock(mu_);
        ++open_count_;
        idle_.push_back(std::move(conn));
    }

    // A connection for the caller's sole use until Release. Throws DatabaseError once closed,
    // BusyError after the wait limit, and whatever opening a connection throws.
    std::unique_ptr<Conn> Acquire() {
        std::unique_lock lock(mu_);
        for (;;) {
            if (closed_)
                throw DatabaseError("database is closed / CSDL đã đóng");
            if (!idle_.empty()) {
                auto conn = std::move(idle_.back());
                idle_.pop_back();
                if (healthy_(*conn))
                    return conn;
                --open_count_;  // open a new one in its place
                lock.unlock();
                conn.reset();
                lock.lock();
                continue;
            }
            if (open_count_ < size_) {
                ++open_count_;
                lock.unlock();
                try {
                    return open_();
                } catch (...) {
                    lock.lock();
                    --open_count_;
                    cv_.notify_one();
                    throw;
                }
            }
            auto ready = [&] { return closed_ || !idle_.empty() || open_count_ < size_; };
            if (!wait_limit_) {
                cv_.wait(lock, ready);
            } else if (!cv_.wait_for(lock, *wait_limit_, ready)) {
                throw BusyError("every database connection is busy / mọi kết nối CSDL đang bận");
            }
        }
    }

    // Gives back a connection from Acquire; an unhealthy one, or any after Close, is closed.
    void Release(std::unique_ptr<Conn> conn) {
        {
            std::lock_guard lock(mu_);
            if (closed_ || !healthy_(*conn)) {
                --open_count_;
                conn.reset();
            } else {
                idle_.push_back(std::move(conn));
            }
        }
        cv_.notify_one();
    }

    // Closes the idle connections now and the others as they come back. Idempotent.
    void Close() {
        std::lock_guard lock(mu_);
        if (closed_)
            return;
        closed_ = true;
        open_count_ -= static_cast<int>(idle_.size());
        idle_.clear();
        cv_.notify_all();
    }

 private:
    const int size_;
    Opener open_;
    Check healthy_;
    std::optional<std::chrono::milliseconds> wait_limit_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Conn>> idle_;
    int open_count_ = 0;
    bool closed_ = false;
};

}  // namespace ngoaivu::storage
