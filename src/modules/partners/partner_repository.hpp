#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/page.hpp"
#include "modules/partners/partner.hpp"
#include "modules/partners/partner_requests.hpp"
#include "storage/database.hpp"

namespace ngoaivu::partners {

// A partner list's filter as the repository applies it: the search text already folded
// (text::Fold) and every value already checked by the service.
struct PartnerQuery {
    std::string folded_q;  // "" for no search
    std::string kind;      // "" for every kind
    std::string country;   // "" for every country
    bool include_merged = false;
};

// How many links a merge moved from the source to the target.
struct MergeCounts {
    std::int64_t agreements = 0;        // agreement_partner rows moved (duplicates dropped)
    std::int64_t sister_relations = 0;  // moved (a relation the target already has is dropped)
    std::int64_t contacts = 0;          // appended after the target's own
    std::int64_t partners = 0;  // partners merged earlier into the source, now into the target
};

// Reads and writes of partners, their contacts and sister relations, and of the agreement
// links a merge moves. Every method runs in the caller's transaction; absent things come back
// as nullopt or empty, never as errors. Implementations are stateless and thread-safe.
class PartnerRepository {
 public:
    virtual ~PartnerRepository() = default;

    // One page of partners matching `query`, in `sort` order, each with its number of
    // agreements (one query for the page, one for the count).
    virtual Page<PartnerSummary> List(storage::Transaction& tx, const PartnerQuery& query,
                                      const PartnerSort& sort, const PageRequest& page) = 0;
    // The partner with its contacts and its country's names.
    virtual std::optional<Partner> Find(storage::Transaction& tx, PartnerId id) = 0;
    virtual std::optional<PartnerSummary> FindSummary(storage::Transaction& tx, PartnerId id) = 0;
    // The partners whose merged_into is `id`, by Vietnamese name.
    virtual std::vector<PartnerSummary> MergedInto(storage::Transaction& tx, PartnerId id) = 0;
    // The id of the partner of `kind` named exactly `name_vi` that is not merged, if any.
    virtual std::optional<PartnerId> FindByName(storage::Transaction& tx, const std::string& kind,
                                                const std::string& name_vi) = 0;
    // The number of agreements that name the partner.
    virtual std::int64_t CountAgreements(storage::Transaction& tx, PartnerId id) = 0;

    virtual bool CountryExists(storage::Transaction& tx, const std::string& alpha2) = 0;
    // The Vietnamese and English names of the provincial unit `id` (either generation), if any.
    virtual std::optional<std::pair<std::string, std::string>> UnitNames(storage::Transaction& tx,
                                                                         geo::AdminUnitId id) = 0;

    // Inserts the partner (not its contacts) with version 1; returns its id.
    virtual PartnerId Insert(storage::Transaction& tx, const Partner& p,
                             const std::string& search_text) = 0;
    // Writes every editable field and `updated_at` and increments the version, when the stored
    // version is `expected_version`; false (nothing written) otherwise.
    virtual bool Update(storage::Transaction& tx, const Partner& p, std::int64_t expected_version,
                        const std::string& search_text) = 0;
    // Replaces the partner's contacts with `contacts`, in order.
    virtual void ReplaceContacts(storage::Transaction& tx, PartnerId id,
                                 const std::vector<Contact>& contacts) = 0;

    // Moves every link of `source` to `target` (agreements, sister relations, contacts, and the
    // partners merged earlier into `source`), then marks `source` merged into `target`; both
    // get `now` as updated_at and a new version.
    virtual MergeCounts Merge(storage::Transaction& tx, PartnerId source, PartnerId target,
                              const std::string& now) = 0;

    // The partner's sister relations with their provinces' names, by date then id.
    virtual std::vector<SisterRelation> SisterRelationsOf(storage::Transaction& tx,
                                                          PartnerId id) = 0;
    virtual std::optional<SisterRelation> FindSisterRelation(storage::Transaction& tx,
                                                             SisterRelationId id) = 0;
    // True when the partner already has a relation with the unit from that date.
    virtual bool SisterRelationExists(storage::Transaction& tx, PartnerId partner,
                                      geo::AdminUnitId unit, const Date& established_on) = 0;
    virtual SisterRelationId InsertSisterRelation(storage::Transaction& tx,
                                                  const SisterRelation& r) = 0;
    // Sets ended_on of a relation that has none; false when it has one already or is absent.
    virtual bool EndSisterRelation(storage::Transaction& tx, SisterRelationId id,
                                   const Date& ended_on) = 0;
};

class SqlPartnerRepository final : public PartnerRepository {
 public:
    Page<PartnerSummary> List(storage::Transaction& tx, const PartnerQuery& query,
                              const PartnerSort& sort, const PageRequest& page) override;
    std::optional<Partner> Find(storage::Transaction& tx, PartnerId id) override;
    std::optional<PartnerSummary> FindSummary(storage::Transaction& tx, PartnerId id) override;
    std::vector<PartnerSummary> MergedInto(storage::Transaction& tx, PartnerId id) override;
    std::optional<PartnerId> FindByName(storage::Transaction& tx, const std::string& kind,
                                        const std::string& name_vi) override;
    std::int64_t CountAgreements(storage::Transaction& tx, PartnerId id) override;
    bool CountryExists(storage::Transaction& tx, const std::string& alpha2) override;
    std::optional<std::pair<std::string, std::string>> UnitNames(storage::Transaction& tx,
                                                                 geo::AdminUnitId id) override;
    PartnerId Insert(storage::Transaction& tx, const Partner& p,
                     const std::string& search_text) override;
    bool Update(storage::Transaction& tx, const Partner& p, std::int64_t expected_version,
                const std::string& search_text) override;
    void ReplaceContacts(storage::Transaction& tx, PartnerId id,
                         const std::vector<Contact>& contacts) override;
    MergeCounts Merge(storage::Transaction& tx, PartnerId source, PartnerId target,
                      const std::string& now) override;
    std::vector<SisterRelation> SisterRelationsOf(storage::Transaction& tx, PartnerId id) override;
    std::optional<SisterRelation> FindSisterRelation(storage::Transaction& tx,
                                                     SisterRelationId id) override;
    bool SisterRelationExists(storage::Transaction& tx, PartnerId partner, geo::AdminUnitId unit,
                              const Date& established_on) override;
    SisterRelationId InsertSisterRelation(storage::Transaction& tx,
                                          const SisterRelation& r) override;
    bool EndSisterRelation(storage::Transaction& tx, SisterRelationId id,
                           const Date& ended_on) override;
};

}  // namespace ngoaivu::partners
