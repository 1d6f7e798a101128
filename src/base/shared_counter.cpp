#include "base/shared_counter.hpp"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace ngoaivu {

namespace {

static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "a counter shared between processes needs lock-free 64-bit atomics");

[[noreturn]] void Fail(const std::filesystem::path& path, const char* what) {
    throw std::system_error(errno, std::generic_category(),
                            std::string(what) + " " + path.string());
}

}  // namespace

SharedCounter::SharedCounter(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        Fail(path, "cannot open");
    struct stat st {};
    // Two processes creating it at once both extend it to the same size: no harm.
    if (::fstat(fd, &st) != 0 || (st.st_size < static_cast<off_t>(sizeof(std::uint64_t)) &&
                                  ::ftruncate(fd, sizeof(std::uint64_t)) != 0)) {
        int saved = errno;
        ::close(fd);
        errno = saved;
        Fail(path, "cannot size");
    }
    void* p = ::mmap(nullptr, sizeof(std::uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int saved = errno;
    ::close(fd);  // the mapping stays
    if (p == MAP_FAILED) {
        errno = saved;
        Fail(path, "cannot map");
    }
    value_ = static_cast<std::uint64_t*>(p);  // page-aligned, so aligned for atomic_ref
}

SharedCounter::~SharedCounter() {
    if (value_)
        ::munmap(value_, sizeof(std::uint64_t));
}

std::uint64_t SharedCounter::Load() const {
    return std::atomic_ref<std::uint64_t>(*value_).load(std::memory_order_acquire);
}

void SharedCounter::Increment() {
    std::atomic_ref<std::uint64_t>(*value_).fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace ngoaivu
