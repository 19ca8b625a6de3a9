#pragma once
// The audit log: what staff and owners did, each entry appended in the transaction of the change itself (so an
// entry exists exactly when its change does). Entries are built here, from the values before and after; storage
// appends them; the owner reads them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/clock.hpp"
#include "domain/user.hpp"

namespace sweetshop::domain {

/// One entry to append. `details` is a JSON object (AuditDetails writes it).
struct AuditEntry {
    Actor actor;
    std::string action;
    std::string subject_type = {};  ///< "sweet", "order", "user", "stocktake" (empty: none)
    std::int64_t subject_id = 0;    ///< 0: none
    std::string subject = {};       ///< the subject's name as it was (a sweet's, a username)
    std::string details = "{}";
};

/// An entry as the log reads it.
struct AuditRecord {
    std::int64_t id = 0;
    Micros at = 0;
    AuditEntry entry;
};

/// A JSON object, built field by field.
class AuditDetails {
  public:
    AuditDetails& add(std::string_view key, std::int64_t value);
    AuditDetails& add(std::string_view key, std::string_view value);
    AuditDetails& add(std::string_view key, bool value);
    /// `key`: {"before": ..., "after": ...} (JSON values, already written).
    AuditDetails& change(std::string_view key, const std::string& before_json, const std::string& after_json);
    /// A value already written as JSON.
    AuditDetails& add_json(std::string_view key, const std::string& json);
    std::string str() const { return text_ + "}"; }

  private:
    std::string text_ = "{";
};

std::string json_text(std::string_view text);               ///< a JSON string, quotes included
std::string json_money(std::optional<std::int64_t> cents);  ///< "1.20", or null

// The entries of each action (their `action` names are in docs/api.md).
AuditEntry audit_sign_in(const User& user);
AuditEntry audit_sweet_created(const Actor& actor, const Sweet& sweet);
/// sweet.edit with every changed field before and after (sweet.archive / sweet.restore when only `is_active`
/// changed); std::nullopt when nothing changed.
std::optional<AuditEntry> audit_sweet_edited(const Actor& actor, const Sweet& before, const Sweet& after);
/// `sweet.photo`: a photo given, replaced or taken away (`image`: the digest before and after, null for none).
AuditEntry audit_sweet_photo(const Actor& actor, const Sweet& before, const Sweet& after);
AuditEntry audit_sweet_deleted(const Actor& actor, std::int64_t id, const std::string& name, std::int64_t quantity);
AuditEntry audit_restock(const Actor& actor, const Sweet& after, std::int64_t amount);
AuditEntry audit_adjustment(const Actor& actor, const Sweet& after, std::int64_t delta, std::string_view reason,
                            const std::string& note);
/// A batch written off: its units and their value (unknown without a cost).
AuditEntry audit_write_off(const Actor& actor, std::int64_t sweet_id, const std::string& name, std::int64_t batch,
                           std::int64_t units, std::optional<std::int64_t> value_cents, const std::string& note);
struct AuditCountLine {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t expected = 0;
    std::int64_t counted = 0;
};
AuditEntry audit_stocktake(const Actor& actor, const std::vector<AuditCountLine>& lines, const std::string& note);
struct AuditRefundLine {
    std::int64_t sweet_id = 0;
    std::string name;
    std::int64_t quantity = 0;
};
AuditEntry audit_refund(const Actor& actor, std::int64_t order, std::int64_t amount_cents, bool restock,
                        const std::string& reason, const std::vector<AuditRefundLine>& lines);
AuditEntry audit_role(const Actor& actor, const User& user, Role before, Role after);
AuditEntry audit_activation(const Actor& actor, const User& user, bool active);
AuditEntry audit_password_reset(const Actor& actor, const User& user);
AuditEntry audit_password_changed(const User& user);

struct AuditFilter {
    std::optional<std::string> actor;   ///< a username, exactly
    std::optional<std::string> action;  ///< exactly, or a group ending in "." ("sweet.")
    std::optional<std::string> subject_type;
    std::optional<std::int64_t> subject_id;
    std::optional<Micros> from;  ///< at or after
    std::optional<Micros> to;    ///< before
};

/// Storage port of the log's reader.
class AuditStore {
  public:
    virtual ~AuditStore() = default;
    /// Newest first: the entries matching `filter` with an id below `before` (0: from the newest), at most `limit`.
    virtual std::vector<AuditRecord> list(const AuditFilter& filter, std::int64_t before, std::int64_t limit) = 0;
};

}  // namespace sweetshop::domain
