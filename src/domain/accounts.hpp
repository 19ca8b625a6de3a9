#pragma once
// Account rules: registration, login with throttling, administration. Plain C++ over the storage and hashing ports.
#include <chrono>
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "domain/user.hpp"

namespace sweetshop::domain {

/// Django's username max_length.
inline constexpr std::size_t kUsernameMaxChars = 150;
inline constexpr std::size_t kPasswordMinChars = 8;
inline constexpr std::size_t kPasswordMaxChars = 128;
/// Django's EmailField max_length.
inline constexpr std::size_t kEmailMaxChars = 254;

struct ThrottleSettings {
    int max_failures = 10;                 ///< failed logins allowed per username within the window
    std::chrono::seconds window{15 * 60};  ///< how long a failure counts
    int max_failures_per_address = 50;     ///< failed logins allowed per client address within the window
};

/// Registration input after the http layer's shape checks; a field that already failed there is std::nullopt and
/// is not validated again. Strings are trimmed.
struct Registration {
    std::optional<std::string> username;
    std::optional<std::string> email;  ///< absent means ""
    std::optional<std::string> password;
};

/// A login's username as stored: NFKC; std::nullopt when it is longer than any account's can be.
std::optional<std::string> normalise_username(std::string_view username);

// Field rules with the contract's messages; each returns the messages for one field (empty when valid).
std::vector<std::string> validate_username(const std::string& username);
std::vector<std::string> validate_password(const std::string& password);
/// Validates an email and returns it normalised (domain lower-cased) through `normalised`.
std::vector<std::string> validate_email(const std::string& email, std::string& normalised);

class AccountService {
  public:
    AccountService(UserRepository& users, const PasswordHasher& hasher, ThrottleSettings throttle,
                   const Clock& clock = system_clock());

    /// Validates every field (all errors at once, in declaration order) and creates a non-staff user.
    /// `errors` holds what the http layer found already; throws Error(FieldErrors) when anything is invalid.
    User register_user(const Registration& input, FieldErrors errors);

    /// Checks credentials. Unknown user, wrong password and inactive account all throw the same
    /// Unauthenticated error after the same hashing work; too many recent failures throw Throttled.
    User login(const std::string& username, const std::string& password, const std::string& address = "");

    /// The user a valid access token (`id`, `jti`) names, as stored now; throws Unauthenticated ("User not found",
    /// "User is inactive", with the contract's codes; kSessionEnded when the token's session has ended) otherwise.
    User user_for_access(std::int64_t id, const std::string& jti);
    /// The user a valid refresh token names; throws Unauthenticated ("User not found", or "No active account found
    /// for the given token." for an inactive one, as SimpleJWT's refresh view says).
    User user_for_refresh(std::int64_t id);

    /// A user's own new password: `current` must be theirs (a wrong one counts as a failed login of theirs, and is
    /// throttled like one), `next` follow the password rules and differ from it. Ends the user's other sessions
    /// (all but the one keyed `keep`) and clears a temporary password's mark. Throws Error(FieldErrors) with
    /// `current_password` and `new_password` messages, or Throttled.
    void change_password(const User& user, const std::optional<std::string>& current,
                         const std::optional<std::string>& next, const std::string& keep, FieldErrors errors);
    /// A user's own new email (validated and normalised like a registration's); returns the user as stored now.
    User change_email(const User& user, const std::string& email);

    /// Creates an admin, or makes an existing user an admin with the given password. Returns true when created.
    bool create_admin(const std::string& username, const std::string& password);

  private:
    UserRepository& users_;
    const PasswordHasher& hasher_;
    ThrottleSettings throttle_;
    const Clock& clock_;
    std::string dummy_hash_;  ///< verified against for unknown users, so that every failure costs the same
};

}  // namespace sweetshop::domain
