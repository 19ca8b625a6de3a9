#include "domain/sessions.hpp"

#include "domain/error.hpp"
#include "domain/names.hpp"

namespace sweetshop::domain {

namespace {
constexpr std::pair<EndReason, std::string_view> kEndReasons[] = {{EndReason::SignOut, "sign-out"},
                                                                  {EndReason::Ended, "ended"},
                                                                  {EndReason::PasswordChanged, "password-changed"},
                                                                  {EndReason::PasswordReset, "password-reset"},
                                                                  {EndReason::Deactivated, "deactivated"},
                                                                  {EndReason::Reused, "reused"}};

Micros micros(std::chrono::seconds s) {
    return std::chrono::duration_cast<std::chrono::microseconds>(s).count();
}

/// Keeps printable ASCII only (a User-Agent is ASCII; anything else is dropped), cut to kDeviceMaxBytes.
std::string device_text(std::string_view agent) {
    std::string out;
    for (char c : agent) {
        if (out.size() == kDeviceMaxBytes) break;
        if (c >= 0x20 && c < 0x7f) out.push_back(c);
    }
    return out;
}

[[noreturn]] void refuse() {
    throw Error::unauthenticated(kSessionEnded, "token_not_valid");
}
}  // namespace

std::string_view end_reason_name(EndReason reason) {
    return name_of(kEndReasons, reason);
}

Sessions::Sessions(SessionStore& store, SessionSettings settings, std::function<std::string(std::size_t)> random_hex,
                   const Clock& clock)
    : store_(store), settings_(settings), random_hex_(std::move(random_hex)), clock_(clock) {}

std::string Sessions::key_of(const std::string& jti) {
    return jti.size() > kSessionKeyHex ? jti.substr(0, kSessionKeyHex) : std::string();
}

std::string Sessions::next_jti(const std::string& key) const {
    return key + random_hex_(kSessionKeyHex / 2);
}

SessionStart Sessions::start(const User& user, SessionKind kind, std::string_view device) {
    const Micros now = clock_.now();
    SessionStart started;
    started.key = random_hex_(kSessionKeyHex / 2);
    started.refresh_jti = next_jti(started.key);
    started.access_jti = next_jti(started.key);
    // Sessions that ended, or ran out, more than a lifetime ago are forgotten as the user signs in again.
    store_.start(NewSession{user.id, started.key, kind, device_text(device), started.refresh_jti, now,
                            now + micros(settings_.lifetime)},
                 now - micros(settings_.lifetime));
    return started;
}

SessionRenewal Sessions::refresh(std::int64_t user_id, const std::string& jti, bool rotate) {
    const auto key = key_of(jti);
    if (key.empty()) refuse();
    const Micros now = clock_.now();
    SessionRenewal renewal;
    if (rotate) renewal.refresh_jti = next_jti(key);
    const auto check = store_.refresh(key, user_id, jti, renewal.refresh_jti, now, now + micros(settings_.lifetime),
                                      micros(settings_.rotation_grace));
    switch (check) {
        case SessionStore::Check::Current:
            break;
        case SessionStore::Check::Previous:
            renewal.refresh_jti.clear();  // the cookie the other request set stays
            break;
        case SessionStore::Check::Reused:
        case SessionStore::Check::Ended:
        case SessionStore::Check::Unknown:
            refuse();
    }
    renewal.access_jti = next_jti(key);
    return renewal;
}

std::vector<Session> Sessions::list(std::int64_t user_id) {
    return store_.list(user_id, clock_.now());
}

void Sessions::end(std::int64_t user_id, std::int64_t session_id) {
    if (session_id <= 0 || store_.end(user_id, session_id, {}, clock_.now(), EndReason::Ended) == 0)
        throw Error(ErrorCode::NotFound, kNotFound);
}

std::int64_t Sessions::end_others(std::int64_t user_id, const std::string& jti, EndReason reason) {
    return store_.end(user_id, 0, key_of(jti), clock_.now(), reason);
}

void Sessions::sign_out(std::int64_t user_id, const std::string& jti) {
    const auto key = key_of(jti);
    if (!key.empty()) store_.end_key(key, user_id, clock_.now());
}

}  // namespace sweetshop::domain
