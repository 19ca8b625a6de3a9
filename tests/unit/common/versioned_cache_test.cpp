#include <gtest/gtest.h>

#include <string>

#include "common/versioned_cache.hpp"

using sweetshop::common::VersionedCache;

TEST(VersionedCache, HitsOnlyAtTheVersionItWasStoredUnder) {
    VersionedCache<std::string, int> cache;
    EXPECT_FALSE(cache.find("a", 1));
    cache.store("a", 1, 10);
    EXPECT_EQ(cache.find("a", 1), 10);
    EXPECT_FALSE(cache.find("a", 2));  // the data changed since
    EXPECT_FALSE(cache.find("b", 1));
}

TEST(VersionedCache, StoringUnderAnotherVersionDropsTheOldEntries) {
    VersionedCache<std::string, int> cache;
    cache.store("a", 1, 10);
    cache.store("b", 2, 20);
    EXPECT_FALSE(cache.find("a", 1));
    EXPECT_FALSE(cache.find("a", 2));
    EXPECT_EQ(cache.find("b", 2), 20);
}

TEST(VersionedCache, AFullCacheStartsOver) {
    VersionedCache<int, int> cache(3);
    for (int i = 0; i < 3; ++i)
        cache.store(i, 1, i);
    EXPECT_EQ(cache.find(2, 1), 2);
    cache.store(3, 1, 3);
    EXPECT_FALSE(cache.find(0, 1));
    EXPECT_EQ(cache.find(3, 1), 3);
}
