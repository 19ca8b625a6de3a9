#pragma once
// A cache whose entries are valid for one version of the data only: the version is a number that changes whenever
// the data may have changed (Database::data_version). A lookup with another version misses, and storing under a
// newer version drops every older entry, so a stale entry can never be served.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace sweetshop::common {

template <class Key, class Value>
class VersionedCache {
  public:
    explicit VersionedCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

    std::optional<Value> find(const Key& key, std::uint64_t version) const {
        std::lock_guard lock(mutex_);
        if (version != version_) return std::nullopt;
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        return it->second;
    }

    /// Stores `value`, read at `version` or later. Entries of other versions are dropped; a full cache starts
    /// over (the working set of a catalogue is small, so a plain reset beats LRU bookkeeping here).
    void store(const Key& key, std::uint64_t version, Value value) {
        std::lock_guard lock(mutex_);
        if (version != version_) {
            entries_.clear();
            version_ = version;
        }
        if (entries_.size() >= max_entries_) entries_.clear();
        entries_.insert_or_assign(key, std::move(value));
    }

  private:
    mutable std::mutex mutex_;
    std::unordered_map<Key, Value> entries_;
    std::uint64_t version_ = 0;
    std::size_t max_entries_;
};

}  // namespace sweetshop::common
