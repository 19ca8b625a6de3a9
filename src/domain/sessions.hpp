#pragma once
// Sessions: every sign-in begins one, kept in the database so that every server sees it end. Each token of a session
// has a jti that begins with the session's key, so a token of an ended session is refused everywhere at once. The
// original's login gives its refresh token in the answer and never rotates it; the web app's sign-in keeps it in a
// cookie and rotates it at each refresh, and the reuse of a token already rotated ends the whole session.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/user.hpp"

namespace sweetshop::domain {

enum class SessionKind { Token, Cookie };

/// Hex digits of a session's key, the first part of each of its tokens' jti (32 hex digits in all).
inline constexpr std::size_t kSessionKeyHex = 16;
inline constexpr std::size_t kDeviceMaxBytes = 200;

struct SessionSettings {
    std::chrono::seconds lifetime{7 * 24 * 3600};  ///< a refresh token's (JWT_REFRESH_DAYS); rotation renews it
    /// How long the refresh token before a rotation is still taken (no new rotation, no reuse alarm): two tabs that
    /// refresh at the same moment with the same cookie are not a theft.
    std::chrono::seconds rotation_grace{10};
};

struct NewSession {
    std::int64_t user_id = 0;
    std::string key;
    SessionKind kind = SessionKind::Token;
    std::string device;
    std::string refresh_jti;
    Micros now = 0;
    Micros expires = 0;
};

/// A session as its user sees it.
struct Session {
    std::int64_t id = 0;
    SessionKind kind = SessionKind::Token;
    std::string device;
    Micros created = 0;
    Micros last_used = 0;
    Micros expires = 0;
    std::string key;  ///< not shown: compared with the caller's to mark the current session
};

/// Why sessions end (stored, for whoever reads the table).
enum class EndReason { SignOut, Ended, PasswordChanged, PasswordReset, Deactivated, Reused };
std::string_view end_reason_name(EndReason reason);

/// Storage port of sessions. Ending sessions moves the users' change counter, so caches of them miss everywhere.
class SessionStore {
  public:
    virtual ~SessionStore() = default;
    /// Stores a new session and forgets the user's sessions that ended or expired before `forget_before`.
    virtual void start(const NewSession& session, Micros forget_before) = 0;
    enum class Check { Current, Previous, Reused, Ended, Unknown };
    /// One refresh, in one transaction: compares `jti` with the session's refresh token. Current: `next_jti`, when
    /// not empty, becomes the session's refresh token (the presented one its previous, until `grace_until` passes
    /// the rotation) and `expires` its end. Previous: taken, nothing changes. Reused (an older token, or a previous
    /// one after its grace): the session ends. Records `now` as the session's last use unless refused.
    virtual Check refresh(const std::string& key, std::int64_t user_id, const std::string& jti,
                          const std::string& next_jti, Micros now, Micros expires, Micros grace) = 0;
    /// The user's open sessions, newest first (at most 100).
    virtual std::vector<Session> list(std::int64_t user_id, Micros now) = 0;
    /// Ends the user's open sessions: the one with `session_id`, or all when it is 0, except the one keyed `keep`.
    /// Returns how many ended.
    virtual std::int64_t end(std::int64_t user_id, std::int64_t session_id, const std::string& keep, Micros now,
                             EndReason reason) = 0;
    /// Ends the session keyed `key` (a sign-out); false when it had ended already or is not the user's.
    virtual bool end_key(const std::string& key, std::int64_t user_id, Micros now) = 0;
};

/// What a new session's tokens carry: the jti of its refresh token and of its first access token.
struct SessionStart {
    std::string key;
    std::string refresh_jti;
    std::string access_jti;
};

/// A refresh: the access token's jti, and the refresh token's when it rotated (empty otherwise).
struct SessionRenewal {
    std::string access_jti;
    std::string refresh_jti;
};

/// Session rules over the store. `random_hex(n)` gives n random bytes as 2n hex digits.
class Sessions {
  public:
    Sessions(SessionStore& store, SessionSettings settings, std::function<std::string(std::size_t)> random_hex,
             const Clock& clock = system_clock());

    /// Begins a session for `user` on `device` (the User-Agent, cut to kDeviceMaxBytes of printable ASCII).
    SessionStart start(const User& user, SessionKind kind, std::string_view device);
    /// A refresh with a verified refresh token's jti: rotates it when `rotate`. Throws Unauthenticated
    /// (kSessionEnded, code token_not_valid) for an unknown, ended or reused session.
    SessionRenewal refresh(std::int64_t user_id, const std::string& jti, bool rotate);
    /// The user's open sessions, newest first.
    std::vector<Session> list(std::int64_t user_id);
    /// Ends one of the user's sessions; throws NotFound when it is not an open session of theirs.
    void end(std::int64_t user_id, std::int64_t session_id);
    /// Ends every session of the user but the one of `jti` (empty: all); returns how many.
    std::int64_t end_others(std::int64_t user_id, const std::string& jti, EndReason reason = EndReason::Ended);
    /// Ends the session of a refresh token (a sign-out); an ended one is fine.
    void sign_out(std::int64_t user_id, const std::string& jti);

    /// The session key of a token's jti (empty when the jti is too short to have one).
    static std::string key_of(const std::string& jti);
    std::chrono::seconds lifetime() const { return settings_.lifetime; }

  private:
    std::string next_jti(const std::string& key) const;

    SessionStore& store_;
    SessionSettings settings_;
    std::function<std::string(std::size_t)> random_hex_;
    const Clock& clock_;
};

/// A refresh token, or an access token, of a session that ended (SimpleJWT's word for a refused refresh token).
inline constexpr const char* kSessionEnded = "Token is blacklisted";

}  // namespace sweetshop::domain
