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
    Validation,        ///< field errors (400)
    BadRequest,        ///< a single message (400), e.g. "Insufficient stock"
    Unauthenticated,   ///< bad credentials (401)
    PermissionDenied,  ///< 403
    NotFound,          ///< 404
    Conflict,          ///< 409, e.g. an idempotent request still in progress
    Unprocessable,     ///< 422, e.g. an idempotency key reused for another request
    Throttled,         ///< 429, with retry_after
    Unavailable,       ///< the database cannot be reached (503)
};

/// Field errors in declaration order: {"field": ["message", ...], ...}.
class FieldErrors {
  public:
    void add(std::string_view field, std::string message);
    bool has(std::string_view field) const;
    bool empty() const { return entries_.empty(); }
    const std::vector<std::pair<std::string, std::vector<std::string>>>& entries() const { return entries_; }
    /// Reorders the entries to follow `order`; fields not named keep their relative order at the end.
    void order(std::initializer_list<std::string_view> order);

  private:
    std::vector<std::pair<std::string, std::vector<std::string>>> entries_;
};

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

    ErrorCode code() const { return code_; }
    const std::string& detail() const { return detail_; }
    const FieldErrors& fields() const { return fields_; }
    std::chrono::seconds retry_after() const { return retry_after_; }

  private:
    ErrorCode code_;
    std::string detail_;
    FieldErrors fields_;
    std::chrono::seconds retry_after_{0};
};

}  // namespace sweetshop::domain
