#include "storage/user_repository.hpp"

namespace sweetshop::storage {

namespace {
// Named SQL of the accounts aggregate.
constexpr const char* kSelectUser =
    "SELECT id, username, email, password_hash, is_staff, is_active, date_joined_us FROM users ";
constexpr const char* kInsertUser =
    "INSERT INTO users (username, email, password_hash, is_staff, is_active, date_joined_us) "
    "VALUES (:username, :email, :hash, :staff, 1, :joined) ON CONFLICT (username) DO NOTHING RETURNING id";
// Login throttling (login_failures: one row per failed or running attempt).
constexpr const char* kLockLoginAttempts = "SELECT pg_advisory_xact_lock(hashtextextended(:u, 0))";
constexpr const char* kForgetOldFailures = "DELETE FROM login_failures WHERE at_us < :since";
constexpr const char* kCountFailures = "SELECT COUNT(*), MIN(at_us) FROM login_failures WHERE username = :u";
constexpr const char* kInsertFailure = "INSERT INTO login_failures (username, at_us) VALUES (:u, :at)";

template <class Param>
std::optional<domain::User> select_user(soci::session& sql, const std::string& where, const Param& param) {
    domain::User u;
    long long id = 0, joined = 0;
    int staff = 0, active = 0;
    sql << kSelectUser + where, soci::use(param, "p"), soci::into(id), soci::into(u.username), soci::into(u.email),
        soci::into(u.password_hash), soci::into(staff), soci::into(active), soci::into(joined);
    if (!sql.got_data()) return std::nullopt;
    u.id = id;
    u.is_staff = staff != 0;
    u.is_active = active != 0;
    u.date_joined = joined;
    return u;
}
}  // namespace

std::optional<std::uint64_t> SqlUserRepository::users_version() {
    return db_.watch([&](soci::session& sql) {
        if (!version_statement_)
            version_statement_ = std::make_unique<soci::statement>(
                (sql.prepare << "SELECT value FROM change_counters WHERE name = 'users'", soci::into(version_)));
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
    return db_.write([&](soci::session& sql) -> std::optional<domain::User> {
        const int staff = user.is_staff ? 1 : 0;
        const long long joined = clock_.now();
        long long id = 0;
        sql << kInsertUser, soci::use(user.username, "username"), soci::use(user.email, "email"),
            soci::use(user.password_hash, "hash"), soci::use(staff, "staff"), soci::use(joined, "joined"),
            soci::into(id);
        if (!sql.got_data()) return std::nullopt;
        return domain::User{id, user.username, user.email, user.password_hash, user.is_staff, true, joined};
    });
}

void SqlUserRepository::update_password_hash(std::int64_t id, const std::string& hash) {
    const long long key = id;
    db_.write([&](soci::session& sql) {
        sql << "UPDATE users SET password_hash = :hash WHERE id = :id", soci::use(hash, "hash"), soci::use(key, "id");
    });
}

bool SqlUserRepository::set_staff(const std::string& username, bool is_staff) {
    const int staff = is_staff ? 1 : 0;
    return db_.write([&](soci::session& sql) {
        soci::statement st = (sql.prepare << "UPDATE users SET is_staff = :staff WHERE username = :username",
                              soci::use(staff, "staff"), soci::use(username, "username"));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

bool SqlUserRepository::set_password(const std::string& username, const std::string& hash) {
    return db_.write([&](soci::session& sql) {
        soci::statement st =
            (sql.prepare << "UPDATE users SET password_hash = :hash, is_active = 1 WHERE username = :username",
             soci::use(hash, "hash"), soci::use(username, "username"));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

std::optional<domain::User> SqlUserRepository::first_staff() {
    const long long staff = 1;
    return db_.read([&](soci::session& sql) {
        return select_user(sql, "WHERE is_staff = :p AND is_active = 1 ORDER BY id LIMIT 1", staff);
    });
}

SqlUserRepository::Attempt SqlUserRepository::begin_attempt(const std::string& username, domain::Micros now,
                                                            domain::Micros since, int max) {
    const long long at = now, from = since;
    return db_.write([&](soci::session& sql) {
        // SQLite: the writer's BEGIN IMMEDIATE already serialises every write. PostgreSQL: a lock per username for
        // the rest of the transaction, so that two instances cannot both count 9 and both admit.
        if (db_.dialect() == Dialect::Postgres) sql << kLockLoginAttempts, soci::use(username, "u");
        sql << kForgetOldFailures, soci::use(from, "since");
        long long count = 0, oldest = 0;
        soci::indicator ind = soci::i_null;
        sql << kCountFailures, soci::use(username, "u"), soci::into(count), soci::into(oldest, ind);
        Attempt attempt;
        attempt.failures = Failures{count, ind == soci::i_ok ? oldest : 0};
        if (count >= max) return attempt;
        sql << kInsertFailure, soci::use(username, "u"), soci::use(at, "at");
        attempt.admitted = true;
        return attempt;
    });
}

void SqlUserRepository::clear_failures(const std::string& username, domain::Micros before) {
    const long long cutoff = before;
    db_.write([&](soci::session& sql) {
        sql << "DELETE FROM login_failures WHERE username = :u OR at_us < :cutoff", soci::use(username, "u"),
            soci::use(cutoff, "cutoff");
    });
}

}  // namespace sweetshop::storage
