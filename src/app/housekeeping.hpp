#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace ngoaivu::app {

// Runs `pass` on its own thread every `interval` until Stop (or destruction): the server's
// periodic chores (purging expired sessions, logging the audit anchor). A pass that throws is
// reported through `on_error` and the next one runs on time; Stop waits for a running pass to
// end and returns at once otherwise.
class Housekeeper {
 public:
    Housekeeper(std::chrono::milliseconds interval, std::function<void()> pass,
                std::function<void(const char* what)> on_error);
    Housekeeper(const Housekeeper&) = delete;
    Housekeeper& operator=(const Housekeeper&) = delete;
    ~Housekeeper();

    // Starts the thread; the first pass runs at once.
    void Start();
    void Stop();

 private:
    void Run();

    std::chrono::milliseconds interval_;
    std::function<void()> pass_;
    std::function<void(const char*)> on_error_;
    std::mutex mu_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace ngoaivu::app
