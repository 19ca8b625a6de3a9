#pragma once
// Work that may run on a thread that must never wait (an I/O thread): inside a NoBlocking scope, whatever would
// wait (leasing a database connection, queueing a write, taking a lock someone holds) throws WouldBlock instead, and
// the caller runs the work again where waiting is allowed. What runs this way must have no side effect before the
// point where it could block (reads that a cache answers).
namespace sweetshop::common {

/// Thrown inside a NoBlocking scope by work that would have to wait. Deliberately not a std::exception, so that
/// handlers of std::exception let it through.
struct WouldBlock {};

namespace detail {
inline thread_local int no_blocking_depth = 0;
}

/// While alive, this thread must not block (see above).
class NoBlocking {
  public:
    NoBlocking() { ++detail::no_blocking_depth; }
    ~NoBlocking() { --detail::no_blocking_depth; }
    NoBlocking(const NoBlocking&) = delete;
    NoBlocking& operator=(const NoBlocking&) = delete;
};

/// Whether this thread is inside a NoBlocking scope.
inline bool must_not_block() {
    return detail::no_blocking_depth > 0;
}

/// Called before anything that may wait: throws WouldBlock inside a NoBlocking scope.
inline void may_block() {
    if (must_not_block()) throw WouldBlock{};
}

}  // namespace sweetshop::common
