#include "domain/accounts.hpp"

#include <algorithm>

#include "domain/audit.hpp"
#include "domain/names.hpp"
#include "domain/sessions.hpp"
#include "domain/text.hpp"

namespace sweetshop::domain {

namespace {
constexpr const char* kBadCredentials = "No active account found with the given credentials";
constexpr const char* kUserNotFound = "User not found";

bool is_username_char(char32_t c) {
    return is_alnum(c) || c == '_' || c == '@' || c == '.' || c == '+' || c == '-';
}

bool is_email_local_char(char c) {
    static constexpr std::string_view kAllowed = "!#$%&'*+/=?^_`{|}~-";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kAllowed.find(c) != std::string_view::npos;
}

bool valid_email_local(std::string_view local) {
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
    for (std::size_t i = 0; i < local.size(); ++i) {
        if (local[i] == '.') {
            if (local[i + 1] == '.') return false;
        } else if (!is_email_local_char(local[i])) {
            return false;
        }
    }
    return true;
}

bool valid_email_domain(std::string_view domain) {
    if (domain.empty() || domain.size() > 253) return false;
    std::size_t labels = 0;
    std::string_view last;
    std::size_t start = 0;
    while (start <= domain.size()) {
        auto dot = domain.find('.', start);
        auto label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (char c : label) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) return false;
        }
        ++labels;
        last = label;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    // A top-level label of letters, as Django requires (no bare "localhost"-style domains).
    return labels >= 2 && last.size() >= 2 &&
           std::all_of(last.begin(), last.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
}
}  // namespace

std::vector<std::string> validate_username(const std::string& username) {
    std::vector<std::string> out;
    if (char_count(username) > kUsernameMaxChars)
        out.emplace_back("Ensure this field has no more than " + std::to_string(kUsernameMaxChars) + " characters.");
    auto decoded = decode_utf8(username);
    if (!decoded || !std::all_of(decoded->begin(), decoded->end(), is_username_char))
        out.emplace_back(
            "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.");
    return out;
}

std::vector<std::string> validate_password(const std::string& password) {
    std::vector<std::string> out;
    const auto n = char_count(password);
    if (n < kPasswordMinChars)
        out.emplace_back("Ensure this field has at least " + std::to_string(kPasswordMinChars) + " characters.");
    if (n > kPasswordMaxChars)
        out.emplace_back("Ensure this field has no more than " + std::to_string(kPasswordMaxChars) + " characters.");
    return out;
}

std::vector<std::string> validate_email(const std::string& email, std::string& normalised) {
    std::vector<std::string> out;
    normalised = email;
    if (email.empty()) return out;
    if (char_count(email) > kEmailMaxChars)
        out.emplace_back("Ensure this field has no more than " + std::to_string(kEmailMaxChars) + " characters.");
    const auto at = email.rfind('@');
    if (at == std::string::npos || !valid_email_local(std::string_view(email).substr(0, at)) ||
        !valid_email_domain(std::string_view(email).substr(at + 1))) {
        out.emplace_back("Enter a valid email address.");
    } else {
        normalised = email.substr(0, at + 1) + to_lower_ascii(email.substr(at + 1));
    }
    return out;
}

AccountService::AccountService(UserRepository& users, const PasswordHasher& hasher, ThrottleSettings throttle,
                               const Clock& clock)
    : users_(users),
      hasher_(hasher),
      throttle_(throttle),
      clock_(clock),
      dummy_hash_(hasher.hash("sweetshop-timing-equaliser")) {}

std::optional<std::string> normalise_username(std::string_view username) {
    // NFKC may join a letter and its combining marks; anything longer could not become a valid name.
    if (username.size() > kUsernameMaxChars * 16) return std::nullopt;
    auto normal = nfkc(username);
    if (char_count(normal) > kUsernameMaxChars) return std::nullopt;
    return normal;
}

User AccountService::register_user(const Registration& input, FieldErrors errors) {
    std::string email;
    const auto username = input.username ? std::optional(nfkc(*input.username)) : std::nullopt;
    if (username) {
        for (auto& m : validate_username(*username))
            errors.add("username", std::move(m));
        if (!errors.has("username") && users_.find_by_username(*username))
            errors.add("username", "A user with that username already exists.");
    }
    if (input.email)
        for (auto& m : validate_email(*input.email, email))
            errors.add("email", std::move(m));
    if (input.password)
        for (auto& m : validate_password(*input.password))
            errors.add("password", std::move(m));
    errors.order({"username", "email", "password"});
    if (!errors.empty()) throw Error(std::move(errors));

    auto created = users_.insert(NewUser{*username, email, hasher_.hash(*input.password), Role::Customer});
    if (!created) {  // lost a race with another registration of the same name
        FieldErrors taken;
        taken.add("username", "A user with that username already exists.");
        throw Error(std::move(taken));
    }
    return *created;
}

User AccountService::login(const std::string& given_username, const std::string& password, const std::string& address) {
    const Micros now = clock_.now();
    const Micros window = std::chrono::duration_cast<std::chrono::microseconds>(throttle_.window).count();
    // No account can have a longer name, so nothing is hashed or stored for one (a stranger's 900 KiB "username").
    const auto normal = normalise_username(given_username);
    if (!normal) throw Error(ErrorCode::Unauthenticated, kBadCredentials);
    const std::string& username = *normal;
    // The client's address is counted under a key no username can have (a space is not allowed in one), so trying
    // many usernames from one address is slowed too. A success forgets this attempt only: logging in to one's own
    // account between guesses does not reset the address's count.
    const std::string address_key = address.empty() ? std::string() : "address " + address;
    if (!address_key.empty()) {
        const auto by_address =
            users_.begin_attempt(address_key, now, now - window, throttle_.max_failures_per_address);
        if (!by_address.admitted)
            throw Error::throttled("Too many failed login attempts. Try again later.",
                                   retry_after(by_address.failures.oldest + window - now));
    }
    const auto attempt = users_.begin_attempt(username, now, now - window, throttle_.max_failures);
    if (!attempt.admitted) {
        if (!address_key.empty()) users_.forget_attempt(address_key, now);  // counted once, under the username
        throw Error::throttled("Too many failed login attempts. Try again later.",
                               retry_after(attempt.failures.oldest + window - now));
    }

    auto user = users_.find_by_username(username);
    const bool password_ok = hasher_.verify(user ? user->password_hash : dummy_hash_, password);
    if (!user || !password_ok || !user->is_active)
        throw Error(ErrorCode::Unauthenticated, kBadCredentials);  // the attempt stays recorded as a failure
    const auto sign_in = audit_sign_in(*user);
    users_.logged_in(username, now, now - window, user->is_staff ? &sign_in : nullptr);
    if (!address_key.empty()) users_.forget_attempt(address_key, now);
    if (hasher_.needs_rehash(user->password_hash)) {
        user->password_hash = hasher_.hash(password);
        users_.update_password_hash(user->id, user->password_hash);
    }
    return *user;
}

User AccountService::user_for_access(std::int64_t id, const std::string& jti) {
    const auto key = Sessions::key_of(jti);
    auto found = users_.find_with_session(id, key);
    if (!found) throw Error::unauthenticated(kUserNotFound, "user_not_found");
    if (!found->user.is_active) throw Error::unauthenticated("User is inactive", "user_inactive");
    if (!found->session_open) throw Error::access_token_refused(kSessionEnded);
    return found->user;
}

User AccountService::user_for_refresh(std::int64_t id) {
    auto user = users_.find_by_id(id);
    if (!user) throw Error::unauthenticated(kUserNotFound, "user_not_found");
    if (!user->is_active) throw Error::unauthenticated("No active account found for the given token.");
    return *user;
}

void AccountService::change_password(const User& user, const std::optional<std::string>& current,
                                     const std::optional<std::string>& next, const std::string& keep,
                                     FieldErrors errors) {
    if (next)
        for (auto& m : validate_password(*next))
            errors.add("new_password", std::move(m));
    if (current && next && *current == *next && !errors.has("new_password"))
        errors.add("new_password", "The new password must differ from the current one.");
    if (!errors.empty() || !current || !next) {
        errors.order({"current_password", "new_password"});
        throw Error(std::move(errors));
    }
    const Micros now = clock_.now();
    const Micros window = std::chrono::duration_cast<std::chrono::microseconds>(throttle_.window).count();
    const auto attempt = users_.begin_attempt(user.username, now, now - window, throttle_.max_failures);
    if (!attempt.admitted)
        throw Error::throttled("Too many failed login attempts. Try again later.",
                               retry_after(attempt.failures.oldest + window - now));
    if (!hasher_.verify(user.password_hash, *current)) {
        errors.add("current_password", "Your current password is incorrect.");
        errors.order({"current_password", "new_password"});
        throw Error(std::move(errors));  // the attempt stays recorded as a failure
    }
    users_.forget_attempt(user.username, now);
    const auto changed = audit_password_changed(user);
    users_.change_password(user.id, hasher_.hash(*next), keep, now, user.is_staff ? &changed : nullptr);
}

User AccountService::change_email(const User& user, const std::string& email) {
    std::string normalised;
    auto problems = validate_email(email, normalised);
    if (!problems.empty()) {
        FieldErrors errors;
        for (auto& m : problems)
            errors.add("email", std::move(m));
        throw Error(std::move(errors));
    }
    users_.set_email(user.id, normalised);
    auto stored = users_.find_by_id(user.id);
    if (!stored) throw Error::unauthenticated(kUserNotFound, "user_not_found");
    return *stored;
}

bool AccountService::create_admin(const std::string& given_username, const std::string& password) {
    const auto username = nfkc(given_username);
    auto problems = validate_username(username);
    if (username.empty()) problems.emplace_back("This field may not be blank.");
    if (!problems.empty()) throw Error(ErrorCode::BadRequest, "username: " + problems.front());
    auto pw_problems = validate_password(password);
    if (!pw_problems.empty()) throw Error(ErrorCode::BadRequest, "password: " + pw_problems.front());

    const auto hash = hasher_.hash(password);
    if (users_.insert(NewUser{username, "", hash, Role::Owner})) return true;
    users_.set_password(username, hash);
    users_.set_role(username, Role::Owner);
    return false;
}

namespace {
constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::Customer, "customer"}, {Role::Staff, "staff"}, {Role::Owner, "owner"}};
}

std::string_view role_name(Role role) {
    return name_of(kRoles, role);
}

std::optional<Role> parse_role(std::string_view text) {
    return parse_name(kRoles, text);
}

}  // namespace sweetshop::domain
