#pragma once
// The port that lets a change be acknowledged only once it is on disk. Storage commits a change and gives the
// committing thread a ticket; the transport holds the answer until the ticket is synced (docs/operations.md,
// "Durability"). Without one (PostgreSQL, whose COMMIT already waits for its WAL flush; or SQLite with
// SWEETSHOP_SQLITE_SYNC=normal) answers leave at once.
#include <cstdint>
#include <functional>

namespace sweetshop::domain {

class Durability {
  public:
    virtual ~Durability() = default;
    /// The ticket of the last change the calling thread committed since it last asked (0: none), and forgets it.
    virtual std::uint64_t take_ticket() = 0;
    /// Calls done(true) once every change up to `ticket` is on disk, or done(false) when syncing failed (then the
    /// change may be lost in a power cut and must not be acknowledged as kept). Calls it at once, on the calling
    /// thread, when the ticket is already synced; otherwise on the syncing thread.
    virtual void when_synced(std::uint64_t ticket, std::function<void(bool)> done) = 0;
};

}  // namespace sweetshop::domain
