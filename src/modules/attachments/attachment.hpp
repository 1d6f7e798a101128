#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/result.hpp"
#include "storage/database.hpp"

namespace ngoaivu::attachments {

// Strong id of an attachment (attachment.id).
struct AttachmentId {
    std::int64_t value = 0;
    friend bool operator==(AttachmentId, AttachmentId) = default;
};

// A kind of document an owner takes ("draft", "signed_scan" ...), with its names.
struct DocumentKind {
    std::string code;
    std::string vi;
    std::string en;
};

// What the caller wants to do with an owner record's documents.
enum class AccessMode {
    kRead,   // list and download
    kWrite,  // upload and remove
};

// The owning module's rule for one of its records, run inside the attachment service's
// transaction: OK when `actor` may read (kRead) or change (kWrite) the documents of record
// `entity_id`; kNotFound when the record is absent or outside the actor's read scope;
// kPermissionDenied when the actor may read it but not change it. Must be thread-safe.
using AccessCheck = std::function<Result<void>(storage::Transaction& tx, const Actor& actor,
                                               std::int64_t entity_id, AccessMode mode)>;

// A document attached to a record. The bytes are in stored_file, once per content.
struct Attachment {
    AttachmentId id;
    std::string entity;  // the owner's kind: "agreement"
    std::int64_t entity_id = 0;
    std::string kind;      // one of the owner's DocumentKind codes
    std::string filename;  // sanitised: NFC, no path, no control character, at most 200 chars
    std::string sha256;    // lower-case hex of the content
    std::int64_t size_bytes = 0;
    std::string mime;                         // detected from the bytes
    std::optional<std::int64_t> uploaded_by;  // app_user.id; nullopt for the system
    std::string uploader;     // the uploader's display name (or login); "" for the system
    std::string uploaded_at;  // ISO 8601 UTC with milliseconds
};

// An attachment with its bytes, for a download.
struct FileDownload {
    Attachment attachment;
    std::string content;
};

// The documents of one record, with what the actor may do there.
struct AttachmentList {
    std::vector<Attachment> items;  // newest first
    bool can_write = false;         // the actor may upload and remove
    std::vector<DocumentKind> kinds;
};

// One upload: the owner record, the document kind, the name the file came with, its bytes.
struct UploadRequest {
    std::string entity;
    std::int64_t entity_id = 0;
    std::string kind;
    std::string filename;
    std::string content;
};

}  // namespace ngoaivu::attachments
