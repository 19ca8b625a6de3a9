#pragma once
// People (the owner's): the users with their role, whether they may sign in, when they joined and last signed in,
// and how many orders they placed; changing a role or deactivating, never leaving the shop without an active owner.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <functional>

#include "domain/catalogue.hpp"
#include "domain/paging.hpp"
#include "domain/user.hpp"

namespace sweetshop::domain {

struct Person {
    User user;
    std::optional<Micros> last_login;
    std::int64_t orders = 0;  ///< placed as the customer
};

struct PeopleFilter {
    std::optional<std::string> search;  ///< a part of the username or the email, any case
    std::optional<Role> role;
    std::optional<bool> active;
};

struct PeopleListing {
    PeopleFilter filter;
    std::int64_t page = 1;
    std::int64_t page_size = kDefaultPageSize;
};

struct PersonChange {
    std::optional<Role> role;
    std::optional<bool> active;
};

inline constexpr const char* kLastOwner =
    "The shop needs an active owner: make someone else the owner before demoting or deactivating this one.";

class PeopleStore {
  public:
    virtual ~PeopleStore() = default;
    virtual std::int64_t count(const PeopleFilter& filter) = 0;
    /// By username (byte order).
    virtual std::vector<Person> list(const PeopleFilter& filter, std::int64_t limit, std::int64_t offset) = 0;
    virtual std::optional<Person> find(std::int64_t id) = 0;
    enum class Changed { Done, NotFound, LastOwner };
    /// In one transaction that first locks the active owners (so two owners demoting each other at once cannot
    /// both succeed): refuses (LastOwner) a change that would leave no active owner. A deactivation ends the
    /// user's sessions; each change is in the audit log, as `actor`'s.
    virtual Changed change(std::int64_t id, const PersonChange& change, const Actor& actor, Micros now) = 0;
    /// Sets a temporary password (to be changed at the next sign-in) and ends the user's sessions, with its audit
    /// entry; false when there is no such user.
    virtual bool reset_password(std::int64_t id, const std::string& hash, const Actor& actor, Micros now) = 0;
};

/// A temporary password: 12 random lower-case hex digits in three groups of four ("3f9a-07bc-d2e1").
std::string temporary_password(const std::function<std::string(std::size_t)>& random_hex);

class People {
  public:
    People(PeopleStore& store, const PasswordHasher& hasher, std::function<std::string(std::size_t)> random_hex,
           const Clock& clock = system_clock())
        : store_(store), hasher_(hasher), random_hex_(std::move(random_hex)), clock_(clock) {}
    Page<Person> list(const PeopleListing& listing);
    /// Throws Error(NotFound) for no such user.
    Person get(std::int64_t id);
    /// Throws Error(NotFound), or Error(Conflict, kLastOwner); returns the person as changed.
    Person change(std::int64_t id, const PersonChange& change, const Actor& actor);
    /// Gives the user a temporary password and returns it (shown once, to the owner); throws Error(NotFound).
    std::string reset_password(std::int64_t id, const Actor& actor);

  private:
    PeopleStore& store_;
    const PasswordHasher& hasher_;
    std::function<std::string(std::size_t)> random_hex_;
    const Clock& clock_;
};

}  // namespace sweetshop::domain
