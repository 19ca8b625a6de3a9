#include "storage/user_repository.hpp"

#include <functional>

#include "storage/sql_query.hpp"

namespace sweetshop::storage {

using namespace sql;

namespace {
// Named SQL of the accounts aggregate.
constexpr const char* kSelectUser =
    "SELECT id, username, email, password_hash, is_staff, is_active, date_joined_us, role FROM users ";
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
    "UPDATE users SET password_hash = :hash, is_active = 1 WHERE username = :username";

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
    int staff = 0, active = 0;
    std::string role;
    Query q(sql);
    q.use(param, "p").into(id).into(u.username).into(u.email).into(u.password_hash).into(staff).into(active);
    q.into(joined).into(role);
    if (!q.run(kSelectUser + where)) return std::nullopt;
    u.id = id;
    u.role = domain::parse_role(role).value_or(domain::Role::Customer);
    u.is_staff = domain::is_staff_role(u.role);
    u.is_active = active != 0;
    u.date_joined = joined;
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

std::optional<domain::User> SqlUserRepository::find_by_id(std::int64_t id) {
    const auto version = users_version();  // read before the row, so a cached row is never older than its version
    if (version) {
        if (auto hit = by_id_.find(id, *version)) return *hit;
    }
    const long long key = id;
    auto user = db_.read([&](soci::session& sql) { return select_user(sql, "WHERE id = :p", key); });
    if (version) by_id_.store(id, *version, user);
    return user;
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

void SqlUserRepository::logged_in(const std::string& username, domain::Micros now, domain::Micros before) {
    const long long cutoff = before, at = now;
    change_users(db_, [&](soci::session& sql) {
        Query q(sql);
        q.use(username, "u").use(cutoff, "cutoff");
        q.run(kClearFailures);
        Query login(sql);
        login.use(at, "at").use(username, "u");
        login.run(kRecordLogin);
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

namespace {
constexpr const char* kSelectPerson =
    "SELECT u.id, u.username, u.email, u.is_staff, u.is_active, u.date_joined_us, u.role, u.last_login_us, "
    "(SELECT COUNT(*) FROM orders o WHERE o.customer_id = u.id) FROM users u";
constexpr const char* kLockOwners =
    "SELECT id FROM users WHERE role = 'owner' AND is_active = 1 ORDER BY id FOR UPDATE";
constexpr const char* kCountOtherOwners =
    "SELECT COUNT(*) FROM users WHERE role = 'owner' AND is_active = 1 AND id <> :id";
constexpr const char* kCurrent = "SELECT role, is_active FROM users WHERE id = :id";
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
    int staff = 0, active = 0;
    std::string role;
    soci::indicator last_ind = soci::i_null;
    Query q(sql);
    q.into(id).into(p.user.username).into(p.user.email).into(staff).into(active).into(joined).into(role);
    q.into(last, last_ind).into(orders);
    bind(q);
    for (bool row = q.run(kSelectPerson + tail); row; row = q.fetch()) {
        p.user.id = id;
        p.user.is_active = active != 0;
        p.user.date_joined = joined;
        p.user.role = domain::parse_role(role).value_or(domain::Role::Customer);
        p.user.is_staff = domain::is_staff_role(p.user.role);
        p.last_login = last_ind == soci::i_ok ? std::optional<domain::Micros>(last) : std::nullopt;
        p.orders = orders;
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

SqlPeopleStore::Changed SqlPeopleStore::change(std::int64_t id, const domain::PersonChange& change) {
    const long long key = id;
    return change_users(db_, [&](soci::session& sql) {
        if (db_.dialect() == Dialect::Postgres) {
            Query lock(sql);
            lock.run(kLockOwners);
            lock.drain();
        }
        std::string role;
        int active = 0;
        Query current(sql);
        current.into(role).into(active).use(key, "id");
        if (!current.run(kCurrent)) return Changed::NotFound;
        current.drain();
        const auto was = domain::parse_role(role).value_or(domain::Role::Customer);
        const auto now_role = change.role.value_or(was);
        const bool now_active = change.active.value_or(active != 0);
        if (was == domain::Role::Owner && active != 0 && !(now_role == domain::Role::Owner && now_active)) {
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
        return Changed::Done;
    });
}

}  // namespace sweetshop::storage
