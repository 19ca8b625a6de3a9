#pragma once
// The one error taxonomy of the shop. The domain and storage throw `Error`; http/errors.cpp alone maps codes to
// HTTP statuses and the contract's two JSON error shapes.
#include <chrono>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sweetshop::domain {

enum class ErrorCode {
    Validation,            ///< field errors (400)
    BadRequest,            ///< a single message (400), e.g. "Insufficient stock", a JSON parse error
    Unauthenticated,       ///< bad credentials or token (401), with the contract's `code` and `messages` when set
    PermissionDenied,      ///< 403
    NotFound,              ///< 404
    MethodNotAllowed,      ///< 405, with the allowed methods
    Conflict,              ///< 409, e.g. an idempotent request still in progress
    PayloadTooLarge,       ///< 413
    UnsupportedMediaType,  ///< 415
    Unprocessable,         ///< 422, e.g. an idempotency key reused for another request
    Throttled,             ///< 429, with retry_after
    Unavailable,           ///< the database cannot be reached (503)
};

/// One entry of SimpleJWT's `messages` list in a token error.
struct TokenMessage {
    std::string token_class;
    std::string token_type;
    std::string message;
};

class FieldErrors;

/// One field's errors (see FieldErrors).
struct FieldErrorEntry {
    std::vector<std::string> messages;
    std::vector<FieldErrors> items;   ///< per element of a list ({} for a good one)
    std::vector<FieldErrors> object;  ///< a nested object's errors (one element)
};

/// Field errors in declaration order: {"field": ["message", ...], ...}; a field may instead hold one error object
/// per element of a list ({"lines": [{}, {"amount": [...]}]}) or a nested object's errors ({"payment": {...}}).
class FieldErrors {
  public:
    using Entry = FieldErrorEntry;

    FieldErrors();
    ~FieldErrors();
    FieldErrors(const FieldErrors& other);
    FieldErrors(FieldErrors&& other) noexcept;
    FieldErrors& operator=(const FieldErrors& other);
    FieldErrors& operator=(FieldErrors&& other) noexcept;

    void add(std::string_view field, std::string message);
    void add_items(std::string_view field, std::vector<FieldErrors> items);
    void add_object(std::string_view field, FieldErrors errors);
    bool has(std::string_view field) const;
    bool empty() const;
    const std::vector<std::pair<std::string, Entry>>& entries() const;
    /// The messages of `field` (empty when it has none).
    std::vector<std::string> messages(std::string_view field) const;
    /// Reorders the entries to follow `order`; fields not named keep their relative order at the end.
    void order(std::initializer_list<std::string_view> order);

  private:
    Entry& entry(std::string_view field);
    std::vector<std::pair<std::string, Entry>> entries_;
};

/// DRF's answer for anything that does not exist (or, as for another customer's order, is not revealed).
inline constexpr const char* kNotFound = "Not found.";

class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, std::string detail) : std::runtime_error(detail), code_(code), detail_(std::move(detail)) {}
    explicit Error(FieldErrors fields)
        : std::runtime_error("validation failed"), code_(ErrorCode::Validation), fields_(std::move(fields)) {}

    static Error throttled(std::string detail, std::chrono::seconds retry_after) {
        Error e(ErrorCode::Throttled, std::move(detail));
        e.retry_after_ = retry_after;
        return e;
    }
    /// A 401: `reason` is the contract's `code` ("token_not_valid", ...; empty: none), `messages` SimpleJWT's list,
    /// `realm` the WWW-Authenticate realm.
    static Error unauthenticated(std::string detail, std::string reason = {}, std::vector<TokenMessage> messages = {},
                                 std::string realm = "api") {
        Error e(ErrorCode::Unauthenticated, std::move(detail));
        e.reason_ = std::move(reason);
        e.token_messages_ = std::move(messages);
        e.realm_ = std::move(realm);
        return e;
    }
    /// The contract's 401 for a refused access token, SimpleJWT's `message` saying why.
    static Error access_token_refused(std::string message) {
        return unauthenticated("Given token not valid for any token type", "token_not_valid",
                               {{"AccessToken", "access", std::move(message)}});
    }
    /// Any error with a machine-readable `code` beside its detail.
    static Error coded(ErrorCode code, std::string detail, std::string reason) {
        Error e(code, std::move(detail));
        e.reason_ = std::move(reason);
        return e;
    }
    static Error method_not_allowed(const std::string& method, std::vector<std::string> allowed) {
        Error e(ErrorCode::MethodNotAllowed, "Method \"" + method + "\" not allowed.");
        e.allowed_ = std::move(allowed);
        return e;
    }

    ErrorCode code() const { return code_; }
    const std::string& detail() const { return detail_; }
    const FieldErrors& fields() const { return fields_; }
    std::chrono::seconds retry_after() const { return retry_after_; }
    const std::string& reason() const { return reason_; }
    const std::vector<TokenMessage>& token_messages() const { return token_messages_; }
    const std::string& realm() const { return realm_; }
    const std::vector<std::string>& allowed() const { return allowed_; }

  private:
    ErrorCode code_;
    std::string detail_;
    FieldErrors fields_;
    std::chrono::seconds retry_after_{0};
    std::string reason_;
    std::vector<TokenMessage> token_messages_;
    std::string realm_ = "api";
    std::vector<std::string> allowed_;
};

}  // namespace sweetshop::domain
