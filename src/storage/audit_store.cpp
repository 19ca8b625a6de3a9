#include "storage/audit_store.hpp"

#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (at_us, actor_id, actor, action, subject_type, subject_id, subject, details) "
    "VALUES (:at, :actor_id, :actor, :action, :subject_type, :subject_id, :subject, :details)";
constexpr const char* kSelectAudit =
    "SELECT id, at_us, actor_id, actor, action, subject_type, subject_id, subject, details FROM audit_log";
}  // namespace

void append_audit(soci::session& sql, const domain::AuditEntry& e, domain::Micros now) {
    const long long at = now, actor_id = e.actor.id, subject_id = e.subject_id;
    soci::indicator actor_ind = e.actor.id != 0 ? soci::i_ok : soci::i_null;
    soci::indicator subject_ind = e.subject_id != 0 ? soci::i_ok : soci::i_null;
    Query q(sql);
    q.use(at, "at").use(actor_id, actor_ind, "actor_id").use(e.actor.username, "actor").use(e.action, "action");
    q.use(e.subject_type, "subject_type").use(subject_id, subject_ind, "subject_id").use(e.subject, "subject");
    q.use(e.details, "details");
    q.run(kInsertAudit);
}

std::vector<domain::AuditRecord> SqlAuditStore::list(const domain::AuditFilter& f, std::int64_t before_id,
                                                     std::int64_t limit) {
    std::string where;
    auto add = [&](const char* condition) { where.append(where.empty() ? " WHERE " : " AND ").append(condition); };
    long long group_length = 0;
    const long long before = before_id, lim = limit, subject = f.subject_id.value_or(0), from = f.from.value_or(0),
                    to = f.to.value_or(0);
    if (before_id > 0) add("id < :before");
    if (f.actor) add("actor = :actor");
    if (f.action) {
        if (!f.action->empty() && f.action->back() == '.') {
            // A group: the actions that begin with it (byte for byte, whatever the database's collation).
            group_length = static_cast<long long>(f.action->size());
            add("substr(action, 1, :length) = :action");
        } else {
            add("action = :action");
        }
    }
    if (f.subject_type) add("subject_type = :subject_type");
    if (f.subject_id) add("subject_id = :subject_id");
    if (f.from) add("at_us >= :from");
    if (f.to) add("at_us < :to");
    return db_.read([&](soci::session& sql) {
        std::vector<domain::AuditRecord> out;
        domain::AuditRecord r;
        long long id = 0, at = 0, actor_id = 0, subject_id = 0;
        soci::indicator actor_ind = soci::i_null, subject_ind = soci::i_null;
        Query q(sql);
        q.into(id).into(at).into(actor_id, actor_ind).into(r.entry.actor.username).into(r.entry.action);
        q.into(r.entry.subject_type).into(subject_id, subject_ind).into(r.entry.subject).into(r.entry.details);
        if (before_id > 0) q.use(before, "before");
        if (f.actor) q.use(*f.actor, "actor");
        if (f.action) q.use(*f.action, "action");
        if (group_length > 0) q.use(group_length, "length");
        if (f.subject_type) q.use(*f.subject_type, "subject_type");
        if (f.subject_id) q.use(subject, "subject_id");
        if (f.from) q.use(from, "from");
        if (f.to) q.use(to, "to");
        q.use(lim, "limit");
        for (bool row = q.run(kSelectAudit + where + " ORDER BY id DESC LIMIT :limit"); row; row = q.fetch()) {
            r.id = id;
            r.at = at;
            r.entry.actor.id = actor_ind == soci::i_ok ? actor_id : 0;
            r.entry.subject_id = subject_ind == soci::i_ok ? subject_id : 0;
            out.push_back(r);
        }
        return out;
    });
}

}  // namespace sweetshop::storage
