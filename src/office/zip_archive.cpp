#include "office/zip_archive.hpp"

#include <algorithm>
#include <cstring>
#include <minizip/unzip.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ngoaivu::office::detail {

namespace {

// The archive bytes, seen by minizip as a file through its I/O callbacks.
struct MemoryStream {
    const char* data = nullptr;
    std::uint64_t size = 0;
    std::uint64_t pos = 0;
};

voidpf ZCALLBACK MemOpen(voidpf opaque, const void* /*filename*/, int mode) {
    if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) {
        return nullptr;
    }
    auto* stream = static_cast<MemoryStream*>(opaque);
    stream->pos = 0;
    return stream;
}

uLong ZCALLBACK MemRead(voidpf /*opaque*/, voidpf file, void* buf, uLong size) {
    auto* stream = static_cast<MemoryStream*>(file);
    const std::uint64_t left = stream->size - stream->pos;
    const std::uint64_t n = std::min<std::uint64_t>(size, left);
    if (n > 0) {
        std::memcpy(buf, stream->data + stream->pos, n);
    }
    stream->pos += n;
    return static_cast<uLong>(n);
}

uLong ZCALLBACK MemWrite(voidpf /*opaque*/, voidpf /*file*/, const void* /*buf*/, uLong /*size*/) {
    return 0;
}

ZPOS64_T ZCALLBACK MemTell(voidpf /*opaque*/, voidpf file) {
    return static_cast<MemoryStream*>(file)->pos;
}

long ZCALLBACK MemSeek(voidpf /*opaque*/, voidpf file, ZPOS64_T offset, int origin) {
    auto* stream = static_cast<MemoryStream*>(file);
    std::uint64_t base = 0;
    switch (origin) {
        case ZLIB_FILEFUNC_SEEK_SET:
            base = 0;
            break;
        case ZLIB_FILEFUNC_SEEK_CUR:
            base = stream->pos;
            break;
        case ZLIB_FILEFUNC_SEEK_END:
            base = stream->size;
            break;
        default:
            return -1;
    }
    // minizip passes offsets that are already absolute or small positive steps; anything that
    // lands outside the buffer is an error, never a wrap-around.
    if (offset > stream->size || base > stream->size - offset) {
        return -1;
    }
    stream->pos = base + offset;
    return 0;
}

int ZCALLBACK MemClose(voidpf /*opaque*/, voidpf /*file*/) {
    return 0;
}

int ZCALLBACK MemError(voidpf /*opaque*/, voidpf /*file*/) {
    return 0;
}

// ASCII lower case, without a leading '/': the key under which an entry is looked up.
std::string EntryKey(std::string_view name) {
    if (!name.empty() && name.front() == '/') {
        name.remove_prefix(1);
    }
    std::string key(name);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return key;
}

struct Entry {
    unz64_file_pos pos{};
    std::uint64_t compressed_size = 0;
    std::uint64_t uncompressed_size = 0;
    bool encrypted = false;
};

// Largest buffer reserved up front for one entry, whatever size it declares.
constexpr std::uint64_t kMaxReserve = 16u << 20;
constexpr std::size_t kChunk = 64u << 10;

}  // namespace

struct ZipArchive::Impl {
    MemoryStream stream;
    unzFile file = nullptr;
    std::unordered_map<std::string, Entry> entries;

    ~Impl() {
        if (file != nullptr) {
            unzClose(file);
        }
    }
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

std::optional<ZipArchive> ZipArchive::Open(std::string_view bytes) {
    // The smallest archive is its 22-byte end-of-central-directory record.
    if (bytes.size() < 22) {
        return std::nullopt;
    }
    auto impl = std::make_unique<Impl>();
    impl->stream.data = bytes.data();
    impl->stream.size = bytes.size();

    zlib_filefunc64_def funcs{};
    funcs.zopen64_file = MemOpen;
    funcs.zread_file = MemRead;
    funcs.zwrite_file = MemWrite;
    funcs.ztell64_file = MemTell;
    funcs.zseek64_file = MemSeek;
    funcs.zclose_file = MemClose;
    funcs.zerror_file = MemError;
    funcs.opaque = &impl->stream;
    impl->file = unzOpen2_64("memory", &funcs);
    if (impl->file == nullptr) {
        return std::nullopt;
    }

    unz_global_info64 global{};
    if (unzGetGlobalInfo64(impl->file, &global) != UNZ_OK || global.number_entry > kMaxEntries) {
        return std::nullopt;
    }
    std::vector<char> name(1024);
    for (int rc = unzGoToFirstFile(impl->file); rc == UNZ_OK; rc = unzGoToNextFile(impl->file)) {
        if (impl->entries.size() >= kMaxEntries) {
            return std::nullopt;
        }
        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(impl->file, &info, name.data(), name.size(), nullptr, 0,
                                    nullptr, 0) != UNZ_OK) {
            return std::nullopt;
        }
        if (info.size_filename >= name.size()) {
            continue;  // a name longer than any OPC part name: never looked up
        }
        Entry entry;
        if (unzGetFilePos64(impl->file, &entry.pos) != UNZ_OK) {
            return std::nullopt;
        }
        entry.compressed_size = info.compressed_size;
        entry.uncompressed_size = info.uncompressed_size;
        entry.encrypted = (info.flag & 1u) != 0;
        impl->entries.emplace(EntryKey(std::string_view(name.data(), info.size_filename)), entry);
    }
    return ZipArchive(std::move(impl));
}

bool ZipArchive::Contains(std::string_view name) const {
    return impl_->entries.contains(EntryKey(name));
}

ZipArchive::ReadStatus ZipArchive::Read(std::string_view name, std::uint64_t budget,
                                        std::string* out) {
    out->clear();
    auto it = impl_->entries.find(EntryKey(name));
    if (it == impl_->entries.end()) {
        return ReadStatus::kMissing;
    }
    const Entry& entry = it->second;
    if (entry.encrypted) {
        return ReadStatus::kCorrupt;
    }
    if (entry.uncompressed_size > budget) {
        return ReadStatus::kTooLarge;
    }
    if (unzGoToFilePos64(impl_->file, &entry.pos) != UNZ_OK ||
        unzOpenCurrentFile(impl_->file) != UNZ_OK) {
        return ReadStatus::kCorrupt;
    }
    // Deflate expands at most about 1032 times, so a declared size far above that is a lie.
    const std::uint64_t plausible = entry.compressed_size * 1100 + kChunk;
    out->reserve(static_cast<std::size_t>(
        std::min({entry.uncompressed_size, plausible, kMaxReserve, budget})));

    std::vector<char> chunk(kChunk);
    std::uint64_t total = 0;
    ReadStatus status = ReadStatus::kOk;
    for (;;) {
        const int n = unzReadCurrentFile(impl_->file, chunk.data(), kChunk);
        if (n < 0) {
            status = ReadStatus::kCorrupt;
            break;
        }
        if (n == 0) {
            break;
        }
        total += static_cast<std::uint64_t>(n);
        if (total > budget) {
            status = ReadStatus::kTooLarge;
            break;
        }
        out->append(chunk.data(), static_cast<std::size_t>(n));
    }
    // Closing checks the CRC once the whole entry was read.
    const int close_rc = unzCloseCurrentFile(impl_->file);
    if (status == ReadStatus::kOk && close_rc != UNZ_OK) {
        status = ReadStatus::kCorrupt;
    }
    if (status != ReadStatus::kOk) {
        out->clear();
        out->shrink_to_fit();
    }
    return status;
}

}  // namespace ngoaivu::office::detail
