#pragma once

// For tests only: builds zip archives in memory with minizip's zip API, including damaged ones
// (zip bombs, entries whose declared size lies).

#include <cstdint>
#include <cstring>
#include <minizip/zip.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <zlib.h>

namespace ngoaivu::office::testing {

class ZipBuilder {
 public:
    ZipBuilder() {
        zlib_filefunc64_def funcs{};
        funcs.zopen64_file = [](voidpf opaque, const void*, int) -> voidpf { return opaque; };
        funcs.zread_file = [](voidpf, voidpf, void*, uLong) -> uLong { return 0; };
        funcs.zwrite_file = [](voidpf, voidpf stream, const void* buf, uLong size) -> uLong {
            auto* b = static_cast<Buffer*>(stream);
            if (b->pos + size > b->data.size()) {
                b->data.resize(b->pos + size);
            }
            std::memcpy(b->data.data() + b->pos, buf, size);
            b->pos += size;
            return size;
        };
        funcs.ztell64_file = [](voidpf, voidpf stream) -> ZPOS64_T {
            return static_cast<Buffer*>(stream)->pos;
        };
        funcs.zseek64_file = [](voidpf, voidpf stream, ZPOS64_T offset, int origin) -> long {
            auto* b = static_cast<Buffer*>(stream);
            const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                                       : origin == ZLIB_FILEFUNC_SEEK_CUR ? b->pos
                                                                          : b->data.size();
            b->pos = base + offset;
            return 0;
        };
        funcs.zclose_file = [](voidpf, voidpf) -> int { return 0; };
        funcs.zerror_file = [](voidpf, voidpf) -> int { return 0; };
        funcs.opaque = &buffer_;
        zip_ = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &funcs);
        if (zip_ == nullptr) {
            throw std::runtime_error("zipOpen2_64 failed");
        }
    }
    ZipBuilder(const ZipBuilder&) = delete;
    ZipBuilder& operator=(const ZipBuilder&) = delete;
    ~ZipBuilder() {
        if (zip_ != nullptr) {
            zipClose(zip_, nullptr);
        }
    }

    // Adds an entry holding `content`, deflated.
    ZipBuilder& Add(std::string_view name, std::string_view content) {
        return AddRepeated(name, "", content, 1, "");
    }

    // Adds an entry holding `head`, then `chunk` `times` times, then `tail`, deflated at
    // `level`: a zip bomb when `times` is large.
    ZipBuilder& AddRepeated(std::string_view name, std::string_view head, std::string_view chunk,
                            std::uint64_t times, std::string_view tail,
                            int level = Z_DEFAULT_COMPRESSION) {
        Open(name, Z_DEFLATED, level, 0);
        Write(head);
        for (std::uint64_t i = 0; i < times; ++i) {
            Write(chunk);
        }
        Write(tail);
        Check(zipCloseFileInZip(zip_), "zipCloseFileInZip");
        return *this;
    }

    // Adds an entry whose content inflates to `content` but whose headers declare
    // `declared_size` bytes (and the matching CRC of the real content).
    ZipBuilder& AddLying(std::string_view name, std::string_view content,
                         std::uint64_t declared_size) {
        std::string deflated(compressBound(static_cast<uLong>(content.size())) + 64, '\0');
        z_stream z{};
        Check(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
              "deflateInit2");
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
        z.avail_in = static_cast<uInt>(content.size());
        z.next_out = reinterpret_cast<Bytef*>(deflated.data());
        z.avail_out = static_cast<uInt>(deflated.size());
        if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
            throw std::runtime_error("deflate failed");
        }
        deflated.resize(z.total_out);
        deflateEnd(&z);
        const uLong crc =
            crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(content.data()),
                  static_cast<uInt>(content.size()));
        Open(name, Z_DEFLATED, Z_BEST_COMPRESSION, 1);
        Write(deflated);
        Check(zipCloseFileInZipRaw64(zip_, declared_size, crc), "zipCloseFileInZipRaw64");
        return *this;
    }

    // Finishes the archive and returns its bytes.
    std::string Finish() {
        Check(zipClose(zip_, nullptr), "zipClose");
        zip_ = nullptr;
        buffer_.data.resize(buffer_.pos);
        return buffer_.data;
    }

 private:
    struct Buffer {
        std::string data;
        std::uint64_t pos = 0;
    };

    static void Check(int rc, const char* what) {
        if (rc != 0) {
            throw std::runtime_error(std::string(what) + " failed: " + std::to_string(rc));
        }
    }

    void Open(std::string_view name, int method, int level, int raw) {
        zip_fileinfo info{};
        const std::string n(name);
        Check(zipOpenNewFileInZip2_64(zip_, n.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                      method, level, raw, 0),
              "zipOpenNewFileInZip2_64");
    }

    void Write(std::string_view data) {
        if (!data.empty()) {
            Check(zipWriteInFileInZip(zip_, data.data(), static_cast<unsigned>(data.size())),
                  "zipWriteInFileInZip");
        }
    }

    Buffer buffer_;
    zipFile zip_ = nullptr;
};

}  // namespace ngoaivu::office::testing
