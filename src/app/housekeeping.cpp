#include "app/housekeeping.hpp"

#include <exception>
#include <utility>

namespace ngoaivu::app {

Housekeeper::Housekeeper(std::chrono::milliseconds interval, std::function<void()> pass,
                         std::function<void(const char* what)> on_error)
    : interval_(interval), pass_(std::move(pass)), on_error_(std::move(on_error)) {}

Housekeeper::~Housekeeper() {
    Stop();
}

void Housekeeper::Start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable() || interval_.count() <= 0)
        return;
    stopping_ = false;
    thread_ = std::thread([this] { Run(); });
}

void Housekeeper::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void Housekeeper::Run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        lock.unlock();
        try {
            pass_();
        } catch (const std::exception& e) {
            on_error_(e.what());
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace ngoaivu::app
