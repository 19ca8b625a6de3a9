#pragma once
// People (the owner's): the users with their role, whether they may sign in, when they joined and last signed in,
// and how many orders they placed; changing a role or deactivating, never leaving the shop without an active owner.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
    /// both succeed): refuses (LastOwner) a change that would leave no active owner.
    virtual Changed change(std::int64_t id, const PersonChange& change) = 0;
};

class People {
  public:
    explicit People(PeopleStore& store) : store_(store) {}
    Page<Person> list(const PeopleListing& listing);
    /// Throws Error(NotFound) for no such user.
    Person get(std::int64_t id);
    /// Throws Error(NotFound), or Error(Conflict, kLastOwner); returns the person as changed.
    Person change(std::int64_t id, const PersonChange& change);

  private:
    PeopleStore& store_;
};

}  // namespace sweetshop::domain
