#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/actor.hpp"
#include "base/clock.hpp"
#include "base/page.hpp"
#include "base/result.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/partners/partner.hpp"
#include "modules/partners/partner_repository.hpp"
#include "modules/partners/partner_requests.hpp"
#include "storage/database.hpp"

namespace ngoaivu::partners {

// What CreateDemoPartners added.
struct DemoPartnersReport {
    int partners = 0;
    int sister_relations = 0;
};

// Use cases over foreign partners, for the pages, the API and the CLI alike. Every call takes the
// acting Actor and checks it here:
// - everyone signed in reads (List, Get, GetSisterRelation);
// - administrators, MOFA staff, provincial officers and provincial leaders write (Create,
//   Update, AddSisterRelation, EndSisterRelation), and a sister relation also needs the
//   province in the actor's write scope (Actor::CanWriteProvince, which covers the units
//   before the 2025 merger of the actor's current ones);
// - administrators and MOFA staff merge.
// Anyone else gets kPermissionDenied with a message in both languages. Input errors are
// kInvalidArgument naming the field, with every field problem in Error::fields, and nothing is
// written. Every write is one write transaction with one audit entry (entity "partner" or
// "sister_relation", before → after). Stateless apart from its references: thread-safe.
class PartnerService {
 public:
    PartnerService(storage::Database& db, PartnerRepository& repo, audit::AuditService& audit,
                   const Clock& clock)
        : db_(db), repo_(repo), audit_(audit), clock_(clock) {}

    // One page of partners matching `filter` in `sort` order, each with its number of linked
    // agreements. Merged partners are left out unless filter.include_merged. Errors name "q"
    // (not UTF-8, more than 100 characters), "kind" (unknown) or "country" (not two capital
    // letters; a well-formed code with no partner simply matches nothing).
    Result<Page<PartnerSummary>> List(const Actor& actor, const PartnerFilter& filter,
                                      const PartnerSort& sort, const PageRequest& page);
    // The partner with its contacts, sister relations, the partner it was merged into (if any),
    // the partners merged into it, and its number of linked agreements; kNotFound when absent.
    Result<PartnerDetail> Get(const Actor& actor, PartnerId id);

    // Creates a partner with its contacts; returns it as Get would.
    Result<PartnerDetail> Create(const Actor& actor, const CreatePartnerRequest& req);
    // Replaces every field and the contacts of the partner, when its stored version is
    // `expected_version` (optimistic locking). A stale version is kConflict naming "version",
    // and nothing is written (the caller shows the stored record with Get). A merged partner is
    // kFailedPrecondition. An update that changes nothing writes nothing and keeps the version.
    Result<PartnerDetail> Update(const Actor& actor, PartnerId id, std::int64_t expected_version,
                                 const UpdatePartnerRequest& req);
    // Merges the duplicate `source` into `target`: agreement links (without duplicates), sister
    // relations and contacts (appended) move to the target, partners merged earlier into the
    // source point to the target, and the source keeps its row, marked merged (hidden from
    // lists by default). Errors: the same id twice (kInvalidArgument naming "into"), a missing
    // source (kNotFound) or target (kNotFound naming "into"), a source or target already merged,
    // or sister relations moving to a partner that is not a locality (kFailedPrecondition).
    // Returns the target.
    Result<PartnerDetail> Merge(const Actor& actor, PartnerId source, PartnerId target);

    // Adds a sister relation to a foreign locality. Errors: kNotFound (no partner),
    // kFailedPrecondition (not a locality, or merged), kInvalidArgument naming
    // "admin_unit_id" (no such province), "established_on", "ended_on" (malformed, or before
    // the establishment) or "note", kPermissionDenied (the province is outside the actor's write
    // scope), kConflict (the same relation exists).
    Result<SisterRelation> AddSisterRelation(const Actor& actor, PartnerId partner,
                                             const SisterRelationRequest& req);
    // Ends a lasting sister relation on `req.ended_on` (not before its establishment).
    // kFailedPrecondition when it has ended already; otherwise as AddSisterRelation.
    Result<SisterRelation> EndSisterRelation(const Actor& actor, SisterRelationId id,
                                             const EndSisterRelationRequest& req);
    Result<SisterRelation> GetSisterRelation(const Actor& actor, SisterRelationId id);

    // OK when the actor may create and edit partners; kPermissionDenied otherwise (for pages
    // that show a form only to those who may send it).
    Result<void> CheckCanWrite(const Actor& actor) const;
    // OK when the actor may merge partners (administrators and MOFA staff).
    Result<void> CheckCanMerge(const Actor& actor) const;

    // Demo data only: creates, as the system, the partners of `partners` that do not exist yet
    // (same kind and Vietnamese name) and the relations of `relations` that do not exist yet.
    Result<DemoPartnersReport> CreateDemoPartners(const std::vector<CreatePartnerRequest>& partners,
                                                  const std::vector<DemoSisterRelation>& relations);

    // Today in Vietnam, for forms' default dates.
    Date Today() const { return clock_.Today(); }

 private:
    // The request checked and normalised into a partner (id, version and times left unset).
    Result<Partner> Validate(storage::Transaction& tx, const CreatePartnerRequest& req);
    PartnerDetail DetailOf(storage::Transaction& tx, Partner partner);
    static nlohmann::json Describe(const Partner& p);
    static nlohmann::json Describe(const SisterRelation& r);
    std::string Now() const;

    storage::Database& db_;
    PartnerRepository& repo_;
    audit::AuditService& audit_;
    const Clock& clock_;
};

// The text a partner is found by: its three names, folded (text::Fold), separated by spaces.
std::string SearchTextOf(const Partner& p);

}  // namespace ngoaivu::partners
