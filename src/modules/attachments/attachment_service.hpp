#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/result.hpp"
#include "modules/attachments/attachment.hpp"
#include "modules/attachments/attachment_repository.hpp"
#include "modules/audit/audit_service.hpp"
#include "storage/database.hpp"

namespace ngoaivu::attachments {

// The largest file accepted by default: 20 MiB.
inline constexpr std::size_t kDefaultMaxFileBytes = 20 * 1024 * 1024;
// The most documents one record may hold, so that a record's list needs no paging.
inline constexpr std::int64_t kMaxPerRecord = 200;
// The longest file name kept, in characters.
inline constexpr std::size_t kMaxFilenameChars = 200;

struct AttachmentsConfig {
    std::size_t max_file_bytes = kDefaultMaxFileBytes;
};

// Documents attached to the records of other modules (agreements; delegations and events
// later). Each module registers its records as an owner with the kinds of documents they take
// and the rule that says who may read and change them; every call goes through that rule, so
// a document is read only by those who may read its record. A file is accepted only when its
// bytes are a PDF, DOCX, XLSX, JPEG or PNG whose name has the matching extension; its bytes
// are stored once per content (SHA-256). Every change is one write transaction with one audit
// entry on the owner record ("attachment.add", "attachment.remove").
// RegisterOwner is for start-up; once the server runs, the service is thread-safe.
class AttachmentService {
 public:
    AttachmentService(storage::Database& db, AttachmentRepository& repo, audit::AuditService& audit,
                      const Clock& clock, AttachmentsConfig config = {})
        : db_(db), repo_(repo), audit_(audit), clock_(clock), config_(config) {}

    // Lets records of `entity` ("agreement") take documents of `kinds`, readable and writable
    // as `check` says. Registering the same entity again replaces it. Not thread-safe: call it
    // before the service is used.
    void RegisterOwner(std::string entity, AccessCheck check, std::vector<DocumentKind> kinds);

    // Attaches a file to a record and returns the attachment. Errors, nothing written:
    // kNotFound (no such owner kind or record, or outside the actor's read scope),
    // kPermissionDenied (may read the record but not change it), kInvalidArgument naming
    // "kind" (not one of the owner's), "file" (empty, not one of the accepted types, or a name
    // whose extension does not match the content) or "filename" (empty, not UTF-8, longer than
    // 200 characters), kPayloadTooLarge naming "file" (above the configured size),
    // kFailedPrecondition (the record holds kMaxPerRecord documents already).
    Result<Attachment> Upload(const Actor& actor, const UploadRequest& req);
    // The record's documents, newest first, and whether the actor may change them.
    Result<AttachmentList> List(const Actor& actor, const std::string& entity,
                                std::int64_t entity_id);
    // A document with its bytes; kNotFound when absent or when its record is not readable.
    Result<FileDownload> Download(const Actor& actor, AttachmentId id);
    // Removes a document from its record (write access needed); its stored bytes are deleted
    // when no other attachment refers to them.
    Result<void> Remove(const Actor& actor, AttachmentId id);

    // The kinds of documents of `entity`; empty for an unknown entity.
    std::vector<DocumentKind> KindsOf(const std::string& entity) const;
    std::size_t max_file_bytes() const { return config_.max_file_bytes; }

 private:
    struct Owner {
        AccessCheck check;
        std::vector<DocumentKind> kinds;
    };
    // The registered owner of `entity`, or kNotFound.
    Result<const Owner*> OwnerOf(const std::string& entity) const;

    storage::Database& db_;
    AttachmentRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;
    AttachmentsConfig config_;
    std::map<std::string, Owner, std::less<>> owners_;
};

// `name` made safe to store and to send back in a header: NFC, only what follows the last '/'
// or '\', no control character, spaces trimmed. kInvalidArgument naming "filename" when it is
// not UTF-8, ends up empty, or is longer than kMaxFilenameChars characters.
Result<std::string> SanitiseFilename(std::string_view name);

}  // namespace ngoaivu::attachments
