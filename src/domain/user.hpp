#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

namespace sweetshop::domain {

struct AuditEntry;

/// What a user may do: a customer shops; staff also run the catalogue, stock, orders, refunds and the counter; the
/// owner also manages people and roles and sees costs and profit. `is_staff` (the original's flag, in tokens and
/// user objects) is true for staff and owners.
enum class Role { Customer, Staff, Owner };
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view text);
inline bool is_staff_role(Role role) {
    return role != Role::Customer;
}

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string password_hash;
    bool is_staff = false;
    bool is_active = true;
    Micros date_joined = 0;
    Role role = Role::Customer;  ///< is_staff == is_staff_role(role)
    /// A temporary password (an owner's reset): nothing but the account's own routes until it is changed.
    bool must_change_password = false;
    bool is_owner() const { return role == Role::Owner; }
};

struct NewUser {
    std::string username;
    std::string email;
    std::string password_hash;
    Role role = Role::Customer;
};

/// A user, and whether their session keyed so is open: what every authenticated request reads.
struct SessionHolder {
    User user;
    bool session_open = false;
};

/// Storage port for accounts and login throttling.
class UserRepository {
  public:
    virtual ~UserRepository() = default;
    virtual std::optional<User> find_by_id(std::int64_t id) = 0;
    /// The user and their session's state, both as of one version of the users (ending a session moves it).
    virtual std::optional<SessionHolder> find_with_session(std::int64_t id, const std::string& session_key) = 0;
    virtual std::optional<User> find_by_username(const std::string& username) = 0;
    /// Inserts a user; returns std::nullopt when the username is taken.
    virtual std::optional<User> insert(const NewUser& user) = 0;
    virtual void update_password_hash(std::int64_t id, const std::string& hash) = 0;
    /// Sets a user's role (and the staff flag with it); false when there is no such user.
    virtual bool set_role(const std::string& username, Role role) = 0;
    /// Sets a new password (and activates the account); false when there is no such user.
    virtual bool set_password(const std::string& username, const std::string& hash) = 0;
    /// A user's own new password (it is not temporary any more); in the same transaction ends their sessions but
    /// the one keyed `keep`.
    virtual void change_password(std::int64_t id, const std::string& hash, const std::string& keep, Micros now,
                                 const AuditEntry* audit) = 0;
    virtual void set_email(std::int64_t id, const std::string& email) = 0;
    /// The earliest-joined active owner, if any.
    virtual std::optional<User> first_owner() = 0;

    /// Failed logins for `username` at or after `since`: how many, and the time of the oldest.
    struct Failures {
        std::int64_t count = 0;
        Micros oldest = 0;
    };
    /// A login attempt, counted before the password is checked: in one atomic step (also across instances on one
    /// database), forgets failures older than `since` and, unless `max` failures of `username` remain, records this
    /// attempt as a failure at `now`. `admitted` false: throttled, `failures` says by what. So concurrent attempts
    /// can never pass the limit, and a username never has more than `max` rows.
    struct Attempt {
        bool admitted = false;
        Failures failures;
    };
    virtual Attempt begin_attempt(const std::string& username, Micros now, Micros since, int max) = 0;
    /// After a successful login: forgets the failures of `username` (the attempt itself with them) and everybody's
    /// failures older than `before`, and records `now` as the user's last login (and `audit`, when given, in the
    /// same transaction).
    virtual void logged_in(const std::string& username, Micros now, Micros before, const AuditEntry* audit) = 0;
    /// Forgets the one attempt of `key` begun at `now`.
    virtual void forget_attempt(const std::string& key, Micros now) = 0;
};

/// Hashing port (implemented in security/).
class PasswordHasher {
  public:
    virtual ~PasswordHasher() = default;
    virtual std::string hash(const std::string& password) const = 0;
    virtual bool verify(const std::string& hash, const std::string& password) const = 0;
    virtual bool needs_rehash(const std::string& hash) const = 0;
};

}  // namespace sweetshop::domain
