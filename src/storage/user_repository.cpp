#include "storage/user_repository.hpp"

#include <functional>

#include "storage/audit_store.hpp"
#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
// Named SQL of the accounts aggregate.
constexpr const char* kSelectUser =
    "SELECT id, username, email, password_hash, is_staff, is_active, date_joined_us, role, must_change_password "
    "FROM users ";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, email, password_hash, is_staff, is_active, date_joined_us, role) "
    "VALUES (:username, :email, :hash, :staff, 1, :joined, :role) ON CONFLICT (username) DO NOTHING RETURNING id";
// Login throttling (login_failures: one row per failed or running attempt).
constexpr const char* kLockLoginAttempts = "SELECT pg_advisory_xact_lock(hashtextextended(:u, 0))";
constexpr const char* kForgetOldFailures = "DELETE FROM login_failures WHERE at_us < :since";
constexpr const char* kCountFailures = "SELECT COUNT(*), MIN(at_us) FROM login_failures WHERE username = :u";
constexpr const char* kInsertFailure = "INSERT INTO login_failures (username, at_us) VALUES (:u, :at)";
constexpr const char* kClearFailures = "DELETE FROM login_failures WHERE username = :u OR at_us < :cutoff";
constexpr const char* kUsersVersion = "SELECT value FROM change_counters WHERE name = 'users'";
constexpr const char* kSetPasswordHash = "UPDATE users SET password_hash = :hash WHERE id = :id";
constexpr const char* kSetRole = "UPDATE users SET role = :role, is_staff = :staff WHERE username = :username";
constexpr const char* kForgetAttempt = "DELETE FROM login_failures WHERE username = :u AND at_us = :at";
constexpr const char* kRecordLogin = "UPDATE users SET last_login_us = :at WHERE username = :u";
constexpr const char* kResetPassword =
    "UPDATE users SET password_hash = :hash, is_active = 1, must_change_password = 0 WHERE username = :username";
constexpr const char* kChangePassword =
    "UPDATE users SET password_hash = :hash, must_change_password = 0 WHERE id = :id";
constexpr const char* kSetEmail = "UPDATE users SET email = :email WHERE id = :id";
// Sessions.
constexpr const char* kInsertSession =
    "INSERT INTO sessions (user_id, key, kind, device, created_us, last_used_us, expires_us, refresh_jti) "
    "VALUES (:user, :key, :kind, :device, :now, :now, :expires, :jti)";
constexpr const char* kForgetSessions =
    "DELETE FROM sessions WHERE user_id = :user AND (ended_us < :before OR expires_us < :before)";
constexpr const char* kSelectRefresh =
    "SELECT refresh_jti, previous_jti, rotated_us, ended_us, expires_us FROM sessions "
    "WHERE key = :key AND user_id = :user";
constexpr const char* kRotate =
    "UPDATE sessions SET previous_jti = refresh_jti, refresh_jti = :next, rotated_us = :now, expires_us = :expires, "
    "last_used_us = :now WHERE key = :key";
constexpr const char* kTouchSession = "UPDATE sessions SET last_used_us = :now WHERE key = :key";
constexpr const char* kSessionOpen = "SELECT user_id FROM sessions WHERE key = :key AND ended_us IS NULL";
constexpr const char* kListSessions =
    "SELECT id, kind, device, created_us, last_used_us, expires_us, key FROM sessions "
    "WHERE user_id = :user AND ended_us IS NULL AND expires_us > :now ORDER BY id DESC LIMIT 100";
constexpr const char* kSessionsEnded = "UPDATE users SET sessions_ended_us = :now WHERE id = :user";

/// A write to the users table: this instance's cached users are stale once it commits (PostgreSQL; on SQLite the
/// users' change counter moves by trigger).
template <class F>
auto change_users(Database& db, F&& f) {
    struct Stale {
        Database& db;
        ~Stale() { db.changed(ChangeListener::Table::Users); }
    } stale{db};
    return db.write(std::forward<F>(f));
}

template <class Param>
std::optional<domain::User> select_user(soci::session& sql, const std::string& where, const Param& param) {
    domain::User u;
    long long id = 0, joined = 0;
    int staff = 0, active = 0, must_change = 0;
    std::string role;
    Query q(sql);
    q.use(param, "p").into(id).into(u.username).into(u.email).into(u.password_hash).into(staff).into(active);
    q.into(joined).into(role).into(must_change);
    if (!q.run(kSelectUser + where)) return std::nullopt;
    u.id = id;
    u.role = domain::parse_role(role).value_or(domain::Role::Customer);
    u.is_staff = domain::is_staff_role(u.role);
    u.is_active = active != 0;
    u.date_joined = joined;
    u.must_change_password = must_change != 0;
    return u;
}
}  // namespace

std::optional<std::uint64_t> SqlUserRepository::users_version() {
    if (db_.dialect() == Dialect::Postgres) return db_.notified_version(ChangeListener::Table::Users);
    return db_.watch([&](soci::session& sql) {
        if (!version_statement_)
            version_statement_ =
                std::make_unique<soci::statement>((sql.prepare << kUsersVersion, soci::into(version_)));
        execute_to_end(*version_statement_);
        return static_cast<std::uint64_t>(version_);
    });
}

std::optional<domain::User> SqlUserRepository::user_by_id(std::int64_t id, std::optional<std::uint64_t> version) {
    if (version) {
        if (auto hit = by_id_.find(id, *version)) return *hit;
    }
    const long long key = id;
    auto user = db_.read([&](soci::session& sql) { return select_user(sql, "WHERE id = :p", key); });
    if (version) by_id_.store(id, *version, user);
    return user;
}

std::optional<std::int64_t> SqlUserRepository::session_user(const std::string& key,
                                                            std::optional<std::uint64_t> version) {
    if (version) {
        if (auto hit = sessions_.find(key, *version)) return *hit;
    }
    auto user = db_.read([&](soci::session& sql) -> std::optional<std::int64_t> {
        long long id = 0;
        Query q(sql);
        q.use(key, "key").into(id);
        if (!q.run(kSessionOpen)) return std::nullopt;
        return id;
    });
    if (version) sessions_.store(key, *version, user);
    return user;
}

std::optional<domain::User> SqlUserRepository::find_by_id(std::int64_t id) {
    // The version is read before the row, so a cached row is never older than its version.
    return user_by_id(id, users_version());
}

std::optional<domain::SessionHolder> SqlUserRepository::find_with_session(std::int64_t id,
                                                                          const std::string& session_key) {
    const auto version = users_version();  // one read of the version for both
    auto user = user_by_id(id, version);
    if (!user) return std::nullopt;
    const bool open = !session_key.empty() && session_user(session_key, version) == id;
    return domain::SessionHolder{std::move(*user), open};
}

std::optional<domain::User> SqlUserRepository::find_by_username(const std::string& username) {
    return db_.read([&](soci::session& sql) { return select_user(sql, "WHERE username = :p", username); });
}

std::optional<domain::User> SqlUserRepository::insert(const domain::NewUser& user) {
    return change_users(db_, [&](soci::session& sql) -> std::optional<domain::User> {
        const int staff = domain::is_staff_role(user.role) ? 1 : 0;
        const std::string role(domain::role_name(user.role));
        const long long joined = clock_.now();
        long long id = 0;
        Query q(sql);
        q.use(user.username, "username").use(user.email, "email").use(user.password_hash, "hash");
        q.use(staff, "staff").use(joined, "joined").use(role, "role").into(id);
        const bool inserted = q.run(kInsertUser);
        q.drain();
        if (!inserted) return std::nullopt;
        return domain::User{id, user.username, user.email, user.password_hash, staff != 0, true, joined, user.role};
    });
}

void SqlUserRepository::update_password_hash(std::int64_t id, const std::string& hash) {
    const long long key = id;
    change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(hash, "hash").use(key, "id");
        q.run(kSetPasswordHash);
    });
}

bool SqlUserRepository::set_role(const std::string& username, domain::Role role) {
    const int staff = domain::is_staff_role(role) ? 1 : 0;
    const std::string name(domain::role_name(role));
    return change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(name, "role").use(staff, "staff").use(username, "username");
        q.run(kSetRole);
        return q.affected() > 0;
    });
}

bool SqlUserRepository::set_password(const std::string& username, const std::string& hash) {
    return change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(hash, "hash").use(username, "username");
        q.run(kResetPassword);
        return q.affected() > 0;
    });
}

void SqlUserRepository::change_password(std::int64_t id, const std::string& hash, const std::string& keep,
                                        domain::Micros now, const domain::AuditEntry* audit) {
    const long long key = id;
    change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(hash, "hash").use(key, "id");
        q.run(kChangePassword);
        end_sessions(sql, id, {.keep = keep, .now = now, .reason = domain::EndReason::PasswordChanged});
        if (audit) append_audit(sql, *audit, now);
    });
}

void SqlUserRepository::set_email(std::int64_t id, const std::string& email) {
    const long long key = id;
    change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(email, "email").use(key, "id");
        q.run(kSetEmail);
    });
}

std::optional<domain::User> SqlUserRepository::first_owner() {
    const std::string owner = "owner";
    return db_.read([&](soci::session& sql) {
        return select_user(sql, "WHERE role = :p AND is_active = 1 ORDER BY id LIMIT 1", owner);
    });
}

SqlUserRepository::Attempt SqlUserRepository::begin_attempt(const std::string& username, domain::Micros now,
                                                            domain::Micros since, int max) {
    const long long at = now, from = since;
    return db_.write([&](soci::session& sql) {
        // SQLite: the writer's BEGIN IMMEDIATE already serialises every write. PostgreSQL: a lock per username for
        // the rest of the transaction, so that two instances cannot both count 9 and both admit.
        if (db_.dialect() == Dialect::Postgres) {
            Query lock(sql);
            lock.use(username, "u");
            lock.run(kLockLoginAttempts);
            lock.drain();
        }
        {
            Query forget(sql);
            forget.use(from, "since");
            forget.run(kForgetOldFailures);
        }
        long long count = 0, oldest = 0;
        soci::indicator ind = soci::i_null;
        {
            Query q(sql);
            q.use(username, "u").into(count).into(oldest, ind);
            q.run(kCountFailures);
        }
        Attempt attempt;
        attempt.failures = Failures{count, ind == soci::i_ok ? oldest : 0};
        if (count >= max) return attempt;
        Query insert(sql);
        insert.use(username, "u").use(at, "at");
        insert.run(kInsertFailure);
        attempt.admitted = true;
        return attempt;
    });
}

void SqlUserRepository::logged_in(const std::string& username, domain::Micros now, domain::Micros before,
                                  const domain::AuditEntry* audit) {
    const long long cutoff = before, at = now;
    change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(username, "u").use(cutoff, "cutoff");
        q.run(kClearFailures);
        Query login(sql);
        login.use(at, "at").use(username, "u");
        login.run(kRecordLogin);
        if (audit) append_audit(sql, *audit, now);
    });
}

void SqlUserRepository::forget_attempt(const std::string& key, domain::Micros now) {
    const long long at = now;
    db_.write([&](soci::session& sql) {
        Query q(sql);
        q.use(key, "u").use(at, "at");
        q.run(kForgetAttempt);
    });
}

std::int64_t end_sessions(soci::session& sql, std::int64_t user_id, const SessionsToEnd& which) {
    const long long user = user_id, id = which.session_id, now = which.now;
    const std::string reason(domain::end_reason_name(which.reason));
    std::string text =
        "UPDATE sessions SET ended_us = :now, ended_reason = :reason WHERE user_id = :user AND ended_us IS NULL";
    Query q(sql);
    q.use(now, "now").use(reason, "reason").use(user, "user");
    if (which.session_id != 0) {
        text.append(" AND id = :id AND expires_us > :now");
        q.use(id, "id");
    }
    if (!which.key.empty()) {
        text.append(" AND key = :key");
        q.use(which.key, "key");
    }
    if (!which.keep.empty()) {
        text.append(" AND key <> :keep");
        q.use(which.keep, "keep");
    }
    q.run(text);
    const auto ended = q.affected();
    if (ended > 0) {
        Query bump(sql);
        bump.use(now, "now").use(user, "user");
        bump.run(kSessionsEnded);
    }
    return ended;
}

void SqlUserRepository::start(const domain::NewSession& s, domain::Micros forget_before) {
    const long long user = s.user_id, now = s.now, expires = s.expires, before = forget_before;
    const std::string kind = s.kind == domain::SessionKind::Cookie ? "cookie" : "token";
    db_.write([&](soci::session& sql) {
        Query forget(sql);
        forget.use(user, "user").use(before, "before");
        forget.run(kForgetSessions);
        Query q(sql);
        q.use(user, "user").use(s.key, "key").use(kind, "kind").use(s.device, "device").use(now, "now");
        q.use(expires, "expires").use(s.refresh_jti, "jti");
        q.run(kInsertSession);
    });
}

domain::SessionStore::Check SqlUserRepository::refresh(const std::string& key, std::int64_t user_id,
                                                       const std::string& jti, const std::string& next_jti,
                                                       domain::Micros now_us, domain::Micros expires_us,
                                                       domain::Micros grace) {
    const long long user = user_id, now = now_us, expires = expires_us;
    const auto check = db_.write([&](soci::session& sql) {
        std::string current, previous;
        long long rotated = 0, ended = 0, until = 0;
        soci::indicator ended_ind = soci::i_null;
        {
            Query q(sql);
            q.use(key, "key").use(user, "user").into(current).into(previous).into(rotated).into(ended, ended_ind);
            q.into(until);
            // PostgreSQL: the row stays locked to the end, so two refreshes with one token cannot both rotate it.
            const bool found =
                q.run(std::string(kSelectRefresh) + (db_.dialect() == Dialect::Postgres ? " FOR UPDATE" : ""));
            q.drain();
            if (!found) return Check::Unknown;
        }
        if (ended_ind == soci::i_ok || until <= now) return Check::Ended;
        if (jti == current) {
            Query q(sql);
            q.use(now, "now").use(key, "key");
            if (next_jti.empty()) {
                q.run(kTouchSession);
            } else {
                q.use(next_jti, "next").use(expires, "expires");
                q.run(kRotate);
            }
            return Check::Current;
        }
        if (!previous.empty() && jti == previous && now - rotated < grace) {
            Query q(sql);
            q.use(now, "now").use(key, "key");
            q.run(kTouchSession);
            return Check::Previous;
        }
        // A token rotated away before: whoever holds it, the session is no longer safe.
        end_sessions(sql, user_id, {.key = key, .now = now_us, .reason = domain::EndReason::Reused});
        return Check::Reused;
    });
    if (check == Check::Reused) db_.changed(ChangeListener::Table::Users);
    return check;
}

std::vector<domain::Session> SqlUserRepository::list(std::int64_t user_id, domain::Micros now_us) {
    const long long user = user_id, now = now_us;
    return db_.read([&](soci::session& sql) {
        std::vector<domain::Session> out;
        domain::Session s;
        long long id = 0, created = 0, used = 0, expires = 0;
        std::string kind;
        Query q(sql);
        q.use(user, "user").use(now, "now").into(id).into(kind).into(s.device).into(created).into(used);
        q.into(expires).into(s.key);
        for (bool row = q.run(kListSessions); row; row = q.fetch()) {
            s.id = id;
            s.kind = kind == "cookie" ? domain::SessionKind::Cookie : domain::SessionKind::Token;
            s.created = created;
            s.last_used = used;
            s.expires = expires;
            out.push_back(s);
        }
        return out;
    });
}

std::int64_t SqlUserRepository::end(std::int64_t user_id, std::int64_t session_id, const std::string& keep,
                                    domain::Micros now, domain::EndReason reason) {
    return change_users(db_, [&](soci::session& sql) {
        return end_sessions(sql, user_id, {.session_id = session_id, .keep = keep, .now = now, .reason = reason});
    });
}

bool SqlUserRepository::end_key(const std::string& key, std::int64_t user_id, domain::Micros now) {
    return change_users(db_, [&](soci::session& sql) {
               return end_sessions(sql, user_id, {.key = key, .now = now, .reason = domain::EndReason::SignOut});
           }) > 0;
}

namespace {
constexpr const char* kSelectPerson =
    "SELECT u.id, u.username, u.email, u.is_staff, u.is_active, u.date_joined_us, u.role, u.last_login_us, "
    "(SELECT COUNT(*) FROM orders o WHERE o.customer_id = u.id), u.must_change_password FROM users u";
constexpr const char* kLockOwners =
    "SELECT id FROM users WHERE role = 'owner' AND is_active = 1 ORDER BY id FOR UPDATE";
constexpr const char* kCountOtherOwners =
    "SELECT COUNT(*) FROM users WHERE role = 'owner' AND is_active = 1 AND id <> :id";
constexpr const char* kTemporaryPassword =
    "UPDATE users SET password_hash = :hash, must_change_password = 1 WHERE id = :id";
constexpr const char* kChange = "UPDATE users SET role = :role, is_staff = :staff, is_active = :active WHERE id = :id";

/// The WHERE clause of a people filter and its bound values (a search is a case-insensitive part of the username
/// or the email, with LIKE's wildcards escaped).
struct PeopleWhere {
    std::string text, pattern, role;
    int active = 0;
    explicit PeopleWhere(const domain::PeopleFilter& f) {
        auto add = [&](const char* condition) { text.append(text.empty() ? " WHERE " : " AND ").append(condition); };
        if (f.search) {
            pattern.push_back('%');
            for (char c : *f.search) {
                if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
                pattern.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            }
            pattern.push_back('%');
            add("(LOWER(u.username) LIKE :pattern ESCAPE '\\' OR LOWER(u.email) LIKE :pattern ESCAPE '\\')");
        }
        if (f.role) {
            role = std::string(domain::role_name(*f.role));
            add("u.role = :role");
        }
        if (f.active) {
            active = *f.active ? 1 : 0;
            add("u.is_active = :active");
        }
    }
    void bind(Query& q, const domain::PeopleFilter& f) const {
        if (f.search) q.use(pattern, "pattern");
        if (f.role) q.use(role, "role");
        if (f.active) q.use(active, "active");
    }
};

std::vector<domain::Person> select_people(soci::session& sql, const std::string& tail,
                                          const std::function<void(Query&)>& bind) {
    std::vector<domain::Person> out;
    domain::Person p;
    long long id = 0, joined = 0, last = 0, orders = 0;
    int staff = 0, active = 0, must_change = 0;
    std::string role;
    soci::indicator last_ind = soci::i_null;
    Query q(sql);
    q.into(id).into(p.user.username).into(p.user.email).into(staff).into(active).into(joined).into(role);
    q.into(last, last_ind).into(orders).into(must_change);
    bind(q);
    for (bool row = q.run(kSelectPerson + tail); row; row = q.fetch()) {
        p.user.id = id;
        p.user.is_active = active != 0;
        p.user.date_joined = joined;
        p.user.role = domain::parse_role(role).value_or(domain::Role::Customer);
        p.user.is_staff = domain::is_staff_role(p.user.role);
        p.last_login = last_ind == soci::i_ok ? std::optional<domain::Micros>(last) : std::nullopt;
        p.orders = orders;
        p.user.must_change_password = must_change != 0;
        out.push_back(p);
    }
    return out;
}
}  // namespace

std::int64_t SqlPeopleStore::count(const domain::PeopleFilter& filter) {
    const PeopleWhere where(filter);
    return db_.read([&](soci::session& sql) {
        long long n = 0;
        Query q(sql);
        q.into(n);
        where.bind(q, filter);
        q.run("SELECT COUNT(*) FROM users u" + where.text);
        q.drain();
        return static_cast<std::int64_t>(n);
    });
}

std::vector<domain::Person> SqlPeopleStore::list(const domain::PeopleFilter& filter, std::int64_t limit,
                                                 std::int64_t offset) {
    const PeopleWhere where(filter);
    const long long lim = limit, off = offset;
    const std::string order =
        db_.dialect() == Dialect::Postgres ? " ORDER BY u.username COLLATE \"C\"" : " ORDER BY u.username";
    return db_.read([&](soci::session& sql) {
        return select_people(sql, where.text + order + " LIMIT :limit OFFSET :offset", [&](Query& q) {
            where.bind(q, filter);
            q.use(lim, "limit").use(off, "offset");
        });
    });
}

std::optional<domain::Person> SqlPeopleStore::find(std::int64_t id) {
    const long long key = id;
    auto people = db_.read([&](soci::session& sql) {
        return select_people(sql, " WHERE u.id = :id", [&](Query& q) { q.use(key, "id"); });
    });
    if (people.empty()) return std::nullopt;
    return people.front();
}

SqlPeopleStore::Changed SqlPeopleStore::change(std::int64_t id, const domain::PersonChange& change,
                                               const domain::Actor& actor, domain::Micros now) {
    const long long key = id;
    return change_users(db_, [&](soci::session& sql) {
        if (db_.dialect() == Dialect::Postgres) {
            Query lock(sql);
            lock.run(kLockOwners);
            lock.drain();
        }
        auto user = select_user(sql, "WHERE id = :p", key);
        if (!user) return Changed::NotFound;
        const auto was = user->role;
        const auto now_role = change.role.value_or(was);
        const bool was_active = user->is_active, now_active = change.active.value_or(was_active);
        if (was == domain::Role::Owner && was_active && !(now_role == domain::Role::Owner && now_active)) {
            long long others = 0;
            Query q(sql);
            q.into(others).use(key, "id");
            q.run(kCountOtherOwners);
            q.drain();
            if (others == 0) return Changed::LastOwner;
        }
        const std::string name(domain::role_name(now_role));
        const int staff = domain::is_staff_role(now_role) ? 1 : 0, is_active = now_active ? 1 : 0;
        Query update(sql);
        update.use(name, "role").use(staff, "staff").use(is_active, "active").use(key, "id");
        update.run(kChange);
        if (now_role != was) append_audit(sql, domain::audit_role(actor, *user, was, now_role), now);
        if (now_active != was_active) {
            append_audit(sql, domain::audit_activation(actor, *user, now_active), now);
            if (!now_active) end_sessions(sql, id, {.now = now, .reason = domain::EndReason::Deactivated});
        }
        return Changed::Done;
    });
}

bool SqlPeopleStore::reset_password(std::int64_t id, const std::string& hash, const domain::Actor& actor,
                                    domain::Micros now) {
    const long long key = id;
    return change_users(db_, [&](soci::session& sql) {
        auto user = select_user(sql, "WHERE id = :p", key);
        if (!user) return false;
        Query q(sql);
        q.use(hash, "hash").use(key, "id");
        q.run(kTemporaryPassword);
        end_sessions(sql, id, {.now = now, .reason = domain::EndReason::PasswordReset});
        append_audit(sql, domain::audit_password_reset(actor, *user), now);
        return true;
    });
}

}  // namespace sweetshop::storage
