#pragma once
#include <memory>

#include "common/versioned_cache.hpp"
#include "domain/people.hpp"
#include "domain/sessions.hpp"
#include "domain/user.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

/// Which of a user's open sessions end_sessions() ends: the one with `session_id` or keyed `key` (when given), all
/// but the one keyed `keep` (when given).
struct SessionsToEnd {
    std::int64_t session_id = 0;
    std::string key = {};
    std::string keep = {};
    domain::Micros now = 0;
    domain::EndReason reason = domain::EndReason::Ended;
};
/// Ends sessions inside the caller's transaction (and moves the users' change counter when any ended: the caller's
/// write must be one that tells the other servers, as change_users does). Returns how many ended.
std::int64_t end_sessions(soci::session& sql, std::int64_t user_id, const SessionsToEnd& which);

/// SOCI adapter of accounts, login throttling and sessions (one class: a session's check reads the users' version
/// and cache, as the user's lookup does).
class SqlUserRepository final : public domain::UserRepository, public domain::SessionStore {
  public:
    explicit SqlUserRepository(Database& db, const domain::Clock& clock = domain::system_clock())
        : db_(db), clock_(clock) {}
    std::optional<domain::User> find_by_id(std::int64_t id) override;
    std::optional<domain::SessionHolder> find_with_session(std::int64_t id, const std::string& session_key) override;
    std::optional<domain::User> find_by_username(const std::string& username) override;
    std::optional<domain::User> insert(const domain::NewUser& user) override;
    void update_password_hash(std::int64_t id, const std::string& hash) override;
    bool set_role(const std::string& username, domain::Role role) override;
    bool set_password(const std::string& username, const std::string& hash) override;
    void change_password(std::int64_t id, const std::string& hash, const std::string& keep, domain::Micros now,
                         const domain::AuditEntry* audit) override;
    void set_email(std::int64_t id, const std::string& email) override;
    std::optional<domain::User> first_owner() override;
    Attempt begin_attempt(const std::string& username, domain::Micros now, domain::Micros since, int max) override;
    void logged_in(const std::string& username, domain::Micros now, domain::Micros before,
                   const domain::AuditEntry* audit) override;
    void forget_attempt(const std::string& key, domain::Micros now) override;

    void start(const domain::NewSession& session, domain::Micros forget_before) override;
    Check refresh(const std::string& key, std::int64_t user_id, const std::string& jti, const std::string& next_jti,
                  domain::Micros now, domain::Micros expires, domain::Micros grace) override;
    std::vector<domain::Session> list(std::int64_t user_id, domain::Micros now) override;
    std::int64_t end(std::int64_t user_id, std::int64_t session_id, const std::string& keep, domain::Micros now,
                     domain::EndReason reason) override;
    bool end_key(const std::string& key, std::int64_t user_id, domain::Micros now) override;

  private:
    Database& db_;
    const domain::Clock& clock_;
    /// Users by id, as of a data version: every authenticated request looks its user up (see docs/performance.md).
    common::VersionedCache<std::int64_t, std::optional<domain::User>> by_id_;
    /// The users of open sessions by key, as of the same version (ending sessions moves it): every authenticated
    /// request checks its token's session.
    common::VersionedCache<std::string, std::optional<std::int64_t>> sessions_;
    /// The users table's change counter (a trigger bumps it), read on the watcher connection.
    std::optional<std::uint64_t> users_version();
    std::unique_ptr<soci::statement> version_statement_;
    /// The user of an open session keyed `key`, cached as of `version` (std::nullopt: no caching).
    std::optional<std::int64_t> session_user(const std::string& key, std::optional<std::uint64_t> version);
    std::optional<domain::User> user_by_id(std::int64_t id, std::optional<std::uint64_t> version);
    long long version_ = 0;
};

/// SOCI adapter of the people (the owner's user management): the users with their last login and order count.
class SqlPeopleStore final : public domain::PeopleStore {
  public:
    explicit SqlPeopleStore(Database& db) : db_(db) {}
    std::int64_t count(const domain::PeopleFilter& filter) override;
    std::vector<domain::Person> list(const domain::PeopleFilter& filter, std::int64_t limit,
                                     std::int64_t offset) override;
    std::optional<domain::Person> find(std::int64_t id) override;
    Changed change(std::int64_t id, const domain::PersonChange& change, const domain::Actor& actor,
                   domain::Micros now) override;
    bool reset_password(std::int64_t id, const std::string& hash, const domain::Actor& actor,
                        domain::Micros now) override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
