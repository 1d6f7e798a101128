#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/attachments/attachment.hpp"
#include "storage/database.hpp"

namespace ngoaivu::attachments {

// Reads and writes of stored files and attachments. Every method runs in the caller's
// transaction; absent things come back as nullopt or empty. Stateless and thread-safe.
class AttachmentRepository {
 public:
    virtual ~AttachmentRepository() = default;

    // True when the content with this hash is stored.
    virtual bool FileExists(storage::Transaction& tx, const std::string& sha256) = 0;
    // Stores a content unless one with the same hash is there; true when it was added.
    virtual bool StoreFile(storage::Transaction& tx, const std::string& sha256,
                           const std::string& mime, const std::string& content,
                           const std::string& now) = 0;
    // The stored content with this hash.
    virtual std::optional<std::string> FileContent(storage::Transaction& tx,
                                                   const std::string& sha256) = 0;
    // Deletes the stored content when no attachment refers to it any more; true when deleted.
    virtual bool DeleteFileIfUnused(storage::Transaction& tx, const std::string& sha256) = 0;

    // Inserts the attachment (its id is ignored); returns the new id.
    virtual AttachmentId Insert(storage::Transaction& tx, const Attachment& a) = 0;
    // The attachment with its uploader's name.
    virtual std::optional<Attachment> Find(storage::Transaction& tx, AttachmentId id) = 0;
    // At most `limit` attachments of the record, newest first.
    virtual std::vector<Attachment> ListFor(storage::Transaction& tx, const std::string& entity,
                                            std::int64_t entity_id, int limit) = 0;
    virtual std::int64_t CountFor(storage::Transaction& tx, const std::string& entity,
                                  std::int64_t entity_id) = 0;
    // Deletes the attachment (not its stored content); false when absent.
    virtual bool Delete(storage::Transaction& tx, AttachmentId id) = 0;
};

class SqlAttachmentRepository final : public AttachmentRepository {
 public:
    bool FileExists(storage::Transaction& tx, const std::string& sha256) override;
    bool StoreFile(storage::Transaction& tx, const std::string& sha256, const std::string& mime,
                   const std::string& content, const std::string& now) override;
    std::optional<std::string> FileContent(storage::Transaction& tx,
                                           const std::string& sha256) override;
    bool DeleteFileIfUnused(storage::Transaction& tx, const std::string& sha256) override;
    AttachmentId Insert(storage::Transaction& tx, const Attachment& a) override;
    std::optional<Attachment> Find(storage::Transaction& tx, AttachmentId id) override;
    std::vector<Attachment> ListFor(storage::Transaction& tx, const std::string& entity,
                                    std::int64_t entity_id, int limit) override;
    std::int64_t CountFor(storage::Transaction& tx, const std::string& entity,
                          std::int64_t entity_id) override;
    bool Delete(storage::Transaction& tx, AttachmentId id) override;
};

}  // namespace ngoaivu::attachments
