#include <string>

#include "modules/attachments/attachment_repository.hpp"

namespace ngoaivu::attachments {

namespace {

// $1 sha256.
constexpr const char* kFileExists = "SELECT COUNT(*) FROM stored_file WHERE sha256 = $1";
// $1 sha256, $2 size_bytes, $3 mime, $4 content (a blob), $5 created_at.
constexpr const char* kStoreFile =
    "INSERT INTO stored_file (sha256, size_bytes, mime, content, created_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING";
// $1 sha256.
constexpr const char* kFileContent = "SELECT content FROM stored_file WHERE sha256 = $1";
// $1 sha256.
constexpr const char* kDeleteFileIfUnused =
    "DELETE FROM stored_file WHERE sha256 = $1 "
    "AND NOT EXISTS (SELECT 1 FROM attachment WHERE sha256 = $1)";
// $1 entity, $2 entity_id, $3 kind, $4 filename, $5 sha256, $6 size_bytes, $7 mime,
// $8 uploaded_by, $9 uploaded_at.
constexpr const char* kInsert =
    "INSERT INTO attachment (entity, entity_id, kind, filename, sha256, size_bytes, mime, "
    "uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
// The columns Map reads, with the uploader's name.
constexpr const char* kColumns =
    "SELECT a.id, a.entity, a.entity_id, a.kind, a.filename, a.sha256, a.size_bytes, a.mime, "
    "a.uploaded_by, COALESCE(NULLIF(u.display_name, ''), u.login, ''), a.uploaded_at "
    "FROM attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by ";
// $1 id.
const std::string kFind = std::string(kColumns) + "WHERE a.id = $1";
// $1 entity, $2 entity_id, $3 limit.
const std::string kListFor = std::string(kColumns) +
                             "WHERE a.entity = $1 AND a.entity_id = $2 "
                             "ORDER BY a.uploaded_at DESC, a.id DESC LIMIT $3";
// $1 entity, $2 entity_id.
constexpr const char* kCountFor =
    "SELECT COUNT(*) FROM attachment WHERE entity = $1 AND entity_id = $2";
// $1 id.
constexpr const char* kDelete = "DELETE FROM attachment WHERE id = $1";

Attachment Map(const storage::Row& r) {
    Attachment a;
    a.id = AttachmentId{r.Int(0)};
    a.entity = r.Text(1);
    a.entity_id = r.Int(2);
    a.kind = r.Text(3);
    a.filename = r.Text(4);
    a.sha256 = r.Text(5);
    a.size_bytes = r.Int(6);
    a.mime = r.Text(7);
    a.uploaded_by = r.OptInt(8);
    a.uploader = r.Text(9);
    a.uploaded_at = r.Text(10);
    return a;
}

}  // namespace

bool SqlAttachmentRepository::FileExists(storage::Transaction& tx, const std::string& sha256) {
    return tx.QueryOne(kFileExists, {sha256})->Int(0) > 0;
}

bool SqlAttachmentRepository::StoreFile(storage::Transaction& tx, const std::string& sha256,
                                        const std::string& mime, const std::string& content,
                                        const std::string& now) {
    return tx.Exec(kStoreFile, {sha256, static_cast<std::int64_t>(content.size()), mime,
                                storage::Blob{content}, now}) > 0;
}

std::optional<std::string> SqlAttachmentRepository::FileContent(storage::Transaction& tx,
                                                                const std::string& sha256) {
    auto row = tx.QueryOne(kFileContent, {sha256});
    if (!row)
        return std::nullopt;
    return row->Blob(0);
}

bool SqlAttachmentRepository::DeleteFileIfUnused(storage::Transaction& tx,
                                                 const std::string& sha256) {
    return tx.Exec(kDeleteFileIfUnused, {sha256}) > 0;
}

AttachmentId SqlAttachmentRepository::Insert(storage::Transaction& tx, const Attachment& a) {
    auto row = tx.QueryOne(kInsert, {a.entity, a.entity_id, a.kind, a.filename, a.sha256,
                                     a.size_bytes, a.mime, a.uploaded_by, a.uploaded_at});
    return AttachmentId{row->Int(0)};
}

std::optional<Attachment> SqlAttachmentRepository::Find(storage::Transaction& tx, AttachmentId id) {
    auto row = tx.QueryOne(kFind, {id.value});
    if (!row)
        return std::nullopt;
    return Map(*row);
}

std::vector<Attachment> SqlAttachmentRepository::ListFor(storage::Transaction& tx,
                                                         const std::string& entity,
                                                         std::int64_t entity_id, int limit) {
    std::vector<Attachment> out;
    for (const auto& row : tx.Query(kListFor, {entity, entity_id, limit}))
        out.push_back(Map(row));
    return out;
}

std::int64_t SqlAttachmentRepository::CountFor(storage::Transaction& tx, const std::string& entity,
                                               std::int64_t entity_id) {
    return tx.QueryOne(kCountFor, {entity, entity_id})->Int(0);
}

bool SqlAttachmentRepository::Delete(storage::Transaction& tx, AttachmentId id) {
    return tx.Exec(kDelete, {id.value}) > 0;
}

}  // namespace ngoaivu::attachments
