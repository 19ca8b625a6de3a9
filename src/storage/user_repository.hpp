#pragma once
#include <memory>

#include "common/versioned_cache.hpp"
#include "domain/people.hpp"
#include "domain/user.hpp"
#include "storage/database.hpp"

namespace sweetshop::storage {

class SqlUserRepository final : public domain::UserRepository {
  public:
    explicit SqlUserRepository(Database& db, const domain::Clock& clock = domain::system_clock())
        : db_(db), clock_(clock) {}
    std::optional<domain::User> find_by_id(std::int64_t id) override;
    std::optional<domain::User> find_by_username(const std::string& username) override;
    std::optional<domain::User> insert(const domain::NewUser& user) override;
    void update_password_hash(std::int64_t id, const std::string& hash) override;
    bool set_role(const std::string& username, domain::Role role) override;
    bool set_password(const std::string& username, const std::string& hash) override;
    std::optional<domain::User> first_owner() override;
    Attempt begin_attempt(const std::string& username, domain::Micros now, domain::Micros since, int max) override;
    void logged_in(const std::string& username, domain::Micros now, domain::Micros before) override;
    void forget_attempt(const std::string& key, domain::Micros now) override;

  private:
    Database& db_;
    const domain::Clock& clock_;
    /// Users by id, as of a data version: every authenticated request looks its user up (see docs/performance.md).
    common::VersionedCache<std::int64_t, std::optional<domain::User>> by_id_;
    /// The users table's change counter (a trigger bumps it), read on the watcher connection.
    std::optional<std::uint64_t> users_version();
    std::unique_ptr<soci::statement> version_statement_;
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
    Changed change(std::int64_t id, const domain::PersonChange& change) override;

  private:
    Database& db_;
};

}  // namespace sweetshop::storage
