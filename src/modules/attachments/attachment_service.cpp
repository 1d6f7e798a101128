#include "modules/attachments/attachment_service.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "base/crypto.hpp"
#include "base/input.hpp"
#include "base/text.hpp"
#include "office/file_type.hpp"

namespace ngoaivu::attachments {

namespace {

constexpr const char* kAcceptedVi = "PDF, DOCX, XLSX, JPEG hoặc PNG";
constexpr const char* kAcceptedEn = "PDF, DOCX, XLSX, JPEG or PNG";

Error NoSuchAttachment() {
    return Error::NotFound("Không có tài liệu đính kèm này.", "No such attachment.");
}

Error NoSuchOwner(const std::string& entity) {
    return Error::NotFound("Không có loại hồ sơ \"" + entity + "\" nhận tài liệu đính kèm.",
                           "No kind of record \"" + entity + "\" takes attachments.");
}

Error FileError(ErrorCode code, const std::string& vi, const std::string& en) {
    Error e = Error::InvalidArgument("file", vi, en);
    e.code = code;
    e.fields = {{"file", vi, en}};
    return e;
}

// "application/pdf" as "PDF" for messages.
std::string TypeName(const office::FileType& type) {
    std::string out;
    for (char c : type.extension == "jpg" ? std::string("jpeg") : type.extension)
        out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return out;
}

// The extension of `filename` as typed (after the last dot), or "".
std::string ExtensionOf(const std::string& filename) {
    auto dot = filename.rfind('.');
    return dot == std::string::npos ? std::string() : filename.substr(dot + 1);
}

// Length of the UTF-8 sequence starting with `lead`, or 0 for a continuation byte.
std::size_t SequenceLength(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if (lead >= 0xf0)
        return 4;
    if (lead >= 0xe0)
        return 3;
    if (lead >= 0xc0)
        return 2;
    return 0;
}

// True for the characters a file name must not hold: C0 and C1 controls, DEL, and the
// bidirectional overrides and isolates that can make "exe.pdf" look like "fdp.exe".
bool IsUnwanted(std::string_view ch) {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(ch[i]); };
    if (ch.size() == 1)
        return b(0) < 0x20 || b(0) == 0x7f;
    if (ch.size() == 2)
        return b(0) == 0xc2 && b(1) >= 0x80 && b(1) <= 0x9f;
    if (ch.size() == 3 && b(0) == 0xe2) {
        unsigned cp = ((b(0) & 0x0fu) << 12) | ((b(1) & 0x3fu) << 6) | (b(2) & 0x3fu);
        return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
               cp == 0x200f;
    }
    return false;
}

nlohmann::json Describe(const Attachment& a) {
    return {{"attachment_id", a.id.value}, {"kind", a.kind}, {"filename", a.filename},
            {"sha256", a.sha256},          {"mime", a.mime}, {"size_bytes", a.size_bytes}};
}

}  // namespace

Result<std::string> SanitiseFilename(std::string_view name) {
    if (!text::IsValidUtf8(name)) {
        return Error::InvalidArgument("filename", "Tên tệp không phải là văn bản UTF-8 hợp lệ.",
                                      "The file name is not valid UTF-8 text.");
    }
    std::string nfc = text::Nfc(name);
    std::string_view base = nfc;
    if (auto slash = base.find_last_of("/\\"); slash != std::string_view::npos)
        base.remove_prefix(slash + 1);
    std::string clean;
    for (std::size_t i = 0; i < base.size();) {
        std::size_t n = SequenceLength(static_cast<unsigned char>(base[i]));
        n = n == 0 || i + n > base.size() ? 1 : n;
        std::string_view ch = base.substr(i, n);
        if (!IsUnwanted(ch))
            clean.append(ch);
        i += n;
    }
    clean = text::TrimSpace(clean);
    if (clean.empty() || clean == "." || clean == "..") {
        return Error::InvalidArgument("filename", "Hãy cho biết tên tệp.",
                                      "Please give the file's name.");
    }
    if (text::CountChars(clean) > kMaxFilenameChars) {
        return Error::InvalidArgument("filename",
                                      "Tên tệp dài quá " + std::to_string(kMaxFilenameChars) +
                                          " ký tự: hãy đặt tên ngắn hơn.",
                                      "The file name is longer than " +
                                          std::to_string(kMaxFilenameChars) +
                                          " characters: please give it a shorter name.");
    }
    return clean;
}

void AttachmentService::RegisterOwner(std::string entity, AccessCheck check,
                                      std::vector<DocumentKind> kinds) {
    owners_[std::move(entity)] = Owner{std::move(check), std::move(kinds)};
}

Result<const AttachmentService::Owner*> AttachmentService::OwnerOf(
    const std::string& entity) const {
    auto it = owners_.find(entity);
    if (it == owners_.end())
        return NoSuchOwner(entity);
    return &it->second;
}

std::vector<DocumentKind> AttachmentService::KindsOf(const std::string& entity) const {
    auto it = owners_.find(entity);
    return it == owners_.end() ? std::vector<DocumentKind>() : it->second.kinds;
}

Result<Attachment> AttachmentService::Upload(const Actor& actor, const UploadRequest& req) {
    auto owner = OwnerOf(req.entity);
    if (!owner)
        return owner.error();
    const Owner& o = **owner;
    // Whether the actor may attach here at all, before anything is said about the file.
    {
        auto tx = db_.Begin(storage::TxMode::kRead);
        if (auto allowed = o.check(*tx, actor, req.entity_id, AccessMode::kWrite); !allowed)
            return allowed.error();
    }
    bool known_kind = false;
    std::string kinds;
    for (const auto& k : o.kinds) {
        known_kind = known_kind || k.code == req.kind;
        kinds += (kinds.empty() ? "" : ", ") + k.code;
    }
    if (!known_kind) {
        return Error::InvalidArgument(
            "kind", "Loại tài liệu \"" + req.kind + "\" không có. Các loại: " + kinds + ".",
            "There is no document kind \"" + req.kind + "\". The kinds are: " + kinds + ".");
    }
    if (req.content.size() > config_.max_file_bytes) {
        std::string mib = std::to_string(config_.max_file_bytes / (1024 * 1024));
        return FileError(ErrorCode::kPayloadTooLarge,
                         "Tệp lớn quá " + mib + " MiB: hãy gửi tệp nhỏ hơn.",
                         "The file is larger than " + mib + " MiB: please send a smaller file.");
    }
    if (req.content.empty()) {
        return FileError(ErrorCode::kInvalidArgument, "Tệp gửi lên không có nội dung.",
                         "The file sent is empty.");
    }
    auto type = office::DetectFileType(req.content);
    if (!type) {
        return FileError(ErrorCode::kInvalidArgument,
                         std::string("Nội dung tệp không phải là tài liệu ") + kAcceptedVi +
                             ": chỉ nhận các loại này.",
                         std::string("The file's content is not a ") + kAcceptedEn +
                             " document: only these types are accepted.");
    }
    auto filename = SanitiseFilename(req.filename);
    if (!filename)
        return filename.error();
    if (!office::ExtensionMatches(*type, *filename)) {
        std::string ext = ExtensionOf(*filename);
        std::string named = ext.empty() ? "không có phần mở rộng" : "có phần mở rộng ." + ext;
        std::string named_en = ext.empty() ? "has no extension" : "ends in ." + ext;
        return FileError(ErrorCode::kInvalidArgument,
                         "Tên tệp " + named + " nhưng nội dung là tệp " + TypeName(*type) +
                             ": tên tệp của tài liệu " + TypeName(*type) + " phải có đuôi ." +
                             type->extension + ".",
                         "The file's name " + named_en + " but its content is a " +
                             TypeName(*type) + " file: a " + TypeName(*type) +
                             " document's name must end in ." + type->extension + ".");
    }
    // Slow work before the write transaction.
    std::string sha256 = crypto::Sha256Hex(req.content);
    std::string now = audit::IsoUtc(clock_.Now());
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<Attachment> {
        if (auto allowed = o.check(tx, actor, req.entity_id, AccessMode::kWrite); !allowed)
            return allowed.error();
        if (repo_.CountFor(tx, req.entity, req.entity_id) >= kMaxPerRecord) {
            std::string max = std::to_string(kMaxPerRecord);
            return Error::FailedPrecondition(
                "Hồ sơ này đã có " + max + " tài liệu đính kèm, là số tối đa.",
                "This record already holds " + max + " attachments, which is the most allowed.");
        }
        if (!repo_.FileExists(tx, sha256))
            repo_.StoreFile(tx, sha256, type->mime, req.content, now);
        Attachment a;
        a.entity = req.entity;
        a.entity_id = req.entity_id;
        a.kind = req.kind;
        a.filename = *filename;
        a.sha256 = sha256;
        a.size_bytes = static_cast<std::int64_t>(req.content.size());
        a.mime = type->mime;
        if (actor.user_id != 0)
            a.uploaded_by = actor.user_id;
        a.uploaded_at = now;
        a.id = repo_.Insert(tx, a);
        audit_.Record(tx, actor, "attachment.add", req.entity, std::to_string(req.entity_id),
                      nullptr, Describe(a));
        auto stored = repo_.Find(tx, a.id);
        return stored ? *stored : a;
    });
}

Result<AttachmentList> AttachmentService::List(const Actor& actor, const std::string& entity,
                                               std::int64_t entity_id) {
    auto owner = OwnerOf(entity);
    if (!owner)
        return owner.error();
    auto tx = db_.Begin(storage::TxMode::kRead);
    if (auto allowed = (*owner)->check(*tx, actor, entity_id, AccessMode::kRead); !allowed)
        return allowed.error();
    AttachmentList out;
    out.can_write = (*owner)->check(*tx, actor, entity_id, AccessMode::kWrite).ok();
    out.items = repo_.ListFor(*tx, entity, entity_id, static_cast<int>(kMaxPerRecord));
    out.kinds = (*owner)->kinds;
    return out;
}

Result<FileDownload> AttachmentService::Download(const Actor& actor, AttachmentId id) {
    auto tx = db_.Begin(storage::TxMode::kRead);
    auto a = repo_.Find(*tx, id);
    if (!a)
        return NoSuchAttachment();
    auto owner = OwnerOf(a->entity);
    if (!owner)
        return NoSuchAttachment();
    if (auto allowed = (*owner)->check(*tx, actor, a->entity_id, AccessMode::kRead); !allowed)
        return NoSuchAttachment();
    auto content = repo_.FileContent(*tx, a->sha256);
    if (!content)
        return NoSuchAttachment();
    return FileDownload{std::move(*a), std::move(*content)};
}

Result<void> AttachmentService::Remove(const Actor& actor, AttachmentId id) {
    return storage::WithWrite(db_, [&](storage::Transaction& tx) -> Result<void> {
        auto a = repo_.Find(tx, id);
        if (!a)
            return NoSuchAttachment();
        auto owner = OwnerOf(a->entity);
        if (!owner)
            return NoSuchAttachment();
        if (auto allowed = (*owner)->check(tx, actor, a->entity_id, AccessMode::kWrite); !allowed) {
            if (allowed.error().code == ErrorCode::kNotFound)
                return NoSuchAttachment();
            return allowed.error();
        }
        repo_.Delete(tx, id);
        repo_.DeleteFileIfUnused(tx, a->sha256);
        audit_.Record(tx, actor, "attachment.remove", a->entity, std::to_string(a->entity_id),
                      Describe(*a), nullptr);
        return Ok();
    });
}

}  // namespace ngoaivu::attachments
