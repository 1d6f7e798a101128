#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ngoaivu::office::detail {

// A zip archive read from memory with minizip, for the XLSX reader and the file type detection.
// It never writes to disk. Not thread-safe: one instance belongs to one thread; different
// instances may be used concurrently.
class ZipArchive {
 public:
    // How reading one entry ended.
    enum class ReadStatus {
        kOk,
        kMissing,   // no entry has this name
        kTooLarge,  // the entry inflates to more than the budget (checked while inflating)
        kCorrupt,   // a damaged or encrypted entry, an unsupported method or a CRC mismatch
    };

    // Most entries an archive may list; an XLSX or DOCX has a few dozen.
    static constexpr std::size_t kMaxEntries = 10000;

    // Opens the archive held in `bytes`, which must outlive the returned object. Returns nullopt
    // when `bytes` is not a zip archive, its central directory is damaged, or it lists more than
    // kMaxEntries entries.
    static std::optional<ZipArchive> Open(std::string_view bytes);

    ZipArchive(ZipArchive&&) noexcept;
    ZipArchive& operator=(ZipArchive&&) noexcept;
    ~ZipArchive();

    // True when an entry has this name. Names compare ASCII case-insensitively (OPC part names
    // do), and a leading '/' is ignored.
    bool Contains(std::string_view name) const;

    // Inflates the entry `name` into `*out` (replacing its content). Reading stops with kTooLarge
    // as soon as more than `budget` bytes have come out, whatever size the archive declares.
    ReadStatus Read(std::string_view name, std::uint64_t budget, std::string* out);

 private:
    struct Impl;
    explicit ZipArchive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace ngoaivu::office::detail
