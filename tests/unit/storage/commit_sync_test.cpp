// The CommitSyncer's ordering: a commit's waiter is answered only by a sync that started after the commit, one sync
// serves every commit made before it started, a failed sync answers false, and tickets belong to the thread (and
// the syncer) that committed.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/commit_sync.hpp"
#include "sync_gate.hpp"

using sweetshop::testing::SyncGate;

using sweetshop::storage::CommitSyncer;

TEST(CommitSyncer, AnswersAWaiterOnlyAfterTheSyncThatCoversItsCommit) {
    SyncGate gate;
    std::atomic<int> synced_writes{0};
    CommitSyncer syncer([&] {
        ++synced_writes;
        return true;
    });
    syncer.before_each_sync([&] { gate.pass(); });

    const auto first = syncer.committed();
    std::atomic<bool> answered{false};
    syncer.when_synced(first, [&](bool ok) {
        EXPECT_TRUE(ok);
        EXPECT_EQ(synced_writes.load(), 1);  // the sync ran before the answer
        answered = true;
    });
    gate.wait_entered(1);  // the sync for `first` has started, and is held
    EXPECT_FALSE(answered.load());

    // Commits made while that sync is held wait for the next one; all of them share it.
    std::vector<std::uint64_t> later;
    for (int i = 0; i < 5; ++i)
        later.push_back(syncer.committed());
    std::atomic<int> later_answered{0};
    for (auto t : later)
        syncer.when_synced(t, [&](bool ok) {
            EXPECT_TRUE(ok);
            EXPECT_EQ(synced_writes.load(), 2);
            ++later_answered;
        });
    gate.release();
    while (later_answered.load() < 5)
        std::this_thread::yield();
    EXPECT_TRUE(answered.load());
    EXPECT_EQ(syncer.syncs(), 2u);

    // A ticket already synced is answered at once, on the calling thread.
    bool at_once = false;
    syncer.when_synced(first, [&](bool ok) { at_once = ok; });
    EXPECT_TRUE(at_once);
}

TEST(CommitSyncer, AFailedSyncAnswersFalse) {
    CommitSyncer syncer([] { return false; });
    std::atomic<int> result{-1};
    syncer.when_synced(syncer.committed(), [&](bool ok) { result = ok ? 1 : 0; });
    while (result.load() < 0)
        std::this_thread::yield();
    EXPECT_EQ(result.load(), 0);
}

TEST(CommitSyncer, ATicketBelongsToItsThreadAndItsSyncer) {
    CommitSyncer one([] { return true; }), other([] { return true; });
    const auto ticket = one.committed();
    one.hand_to_this_thread(ticket);
    EXPECT_EQ(other.take_ticket(), 0u);
    std::uint64_t elsewhere = 99;
    std::thread([&] { elsewhere = one.take_ticket(); }).join();
    EXPECT_EQ(elsewhere, 0u);
    EXPECT_EQ(one.take_ticket(), ticket);
    EXPECT_EQ(one.take_ticket(), 0u);  // taken once
}

TEST(CommitSyncer, StoppingSyncsWhatIsPendingAndAnswersEveryWaiter) {
    std::atomic<int> syncs{0}, answered{0};
    {
        SyncGate gate;
        CommitSyncer syncer([&] {
            ++syncs;
            return true;
        });
        syncer.before_each_sync([&] { gate.pass(); });
        syncer.when_synced(syncer.committed(), [&](bool) { ++answered; });
        gate.wait_entered(1);
        syncer.when_synced(syncer.committed(), [&](bool) { ++answered; });
        gate.release();
    }  // the destructor
    EXPECT_EQ(answered.load(), 2);
    EXPECT_EQ(syncs.load(), 2);
}

// A commit whose sync failed is never answered as on disk, also when its answer asks after the sync ran (and after
// a later sync succeeded).
TEST(CommitSyncer, AFailedSyncStaysFailedForAnAnswerThatAsksLate) {
    std::atomic<bool> fail{true};
    std::atomic<int> attempts{0};
    CommitSyncer syncer([&] {
        ++attempts;
        return !fail.load();
    });
    const auto lost = syncer.committed();
    while (syncer.syncs() < 1)
        std::this_thread::yield();
    fail = false;
    const auto kept = syncer.committed();
    while (syncer.syncs() < 2)
        std::this_thread::yield();
    int lost_answer = -1, kept_answer = -1;
    syncer.when_synced(lost, [&](bool ok) { lost_answer = ok; });
    syncer.when_synced(kept, [&](bool ok) { kept_answer = ok; });
    EXPECT_EQ(lost_answer, 0);
    EXPECT_EQ(kept_answer, 1);
    EXPECT_EQ(attempts.load(), 2);
}
