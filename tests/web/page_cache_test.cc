// HomeChanges sees every change under a home (files written and renamed into
// place, directories made later and files inside them, removals), and
// PageCache serves a page again only while nothing changed and it is young.
#include "web/page_cache.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "core/atomic_file.h"
#include "core/sqlite.h"
#include "support/test_support.h"

namespace ae::web {
namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  core::write_file_atomically(path, text);
}

TEST(HomeChanges, TheGenerationHoldsUntilSomethingUnderTheHomeChanges) {
  test::TempDir home;
  write(home.path() / "store/predictor/predictions/2026-04-20.json", "{}");
  HomeChanges changes(home.path());
  ASSERT_TRUE(changes.watching());
  const auto first = changes.generation();
  EXPECT_EQ(changes.generation(), first);

  write(home.path() / "store/predictor/predictions/2026-04-21.json", "{}");
  const auto after_new_file = changes.generation();
  EXPECT_NE(after_new_file, first);
  EXPECT_EQ(changes.generation(), after_new_file);

  std::ofstream(home.path() / "store/predictor/predictions/2026-04-20.json", std::ios::app) << " ";
  const auto after_append = changes.generation();
  EXPECT_NE(after_append, after_new_file);

  std::filesystem::remove(home.path() / "store/predictor/predictions/2026-04-21.json");
  EXPECT_NE(changes.generation(), after_append);
}

TEST(HomeChanges, ADirectoryMadeLaterIsWatchedToo) {
  test::TempDir home;
  HomeChanges changes(home.path());
  std::filesystem::create_directories(home.path() / "store/order_books/2026-04-20");
  const auto after_mkdir = changes.generation();
  EXPECT_EQ(changes.generation(), after_mkdir);
  std::ofstream(home.path() / "store/order_books/2026-04-20/summary.json") << "{}";
  EXPECT_NE(changes.generation(), after_mkdir);
}

TEST(HomeChanges, ReadingADatabaseIsNotAChangeButWritingItIs) {
  test::TempDir home;
  const auto path = home.path() / "state/ops.db";
  std::filesystem::create_directories(path.parent_path());
  core::Database(path).execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES(1);");
  HomeChanges changes(home.path());
  const auto before = changes.generation();
  for (int i = 0; i < 3; ++i) {
    core::Database reader(path, core::kReadOnly);
    auto count = reader.prepare("SELECT COUNT(*) FROM t");
    ASSERT_TRUE(count.step());
  }
  EXPECT_EQ(changes.generation(), before);
  core::Database(path).execute("INSERT INTO t VALUES(2);");
  EXPECT_NE(changes.generation(), before);
}

TEST(HomeChanges, AHomeThatCannotBeWatchedNeverRepeatsAGeneration) {
  test::TempDir parent;
  HomeChanges changes(parent.path() / "not-yet");
  EXPECT_FALSE(changes.watching());
  EXPECT_NE(changes.generation(), changes.generation());
}

TEST(PageCache, APageIsMadeAgainOnlyAfterTheHomeChangesOrItAges) {
  test::TempDir home;
  HomeChanges changes(home.path());
  PageCache pages(changes, std::chrono::hours(1), 8);
  int made = 0;
  const auto make = [&] { return "page " + std::to_string(++made); };
  EXPECT_EQ(pages.get_or_make("/api/overview", make), "page 1");
  EXPECT_EQ(pages.get_or_make("/api/overview", make), "page 1");
  EXPECT_EQ(pages.get_or_make("/api/overview?x=1", make), "page 2");  // its own target
  write(home.path() / "state/ledger.db-wal", "x");
  EXPECT_EQ(pages.get_or_make("/api/overview", make), "page 3");
  EXPECT_EQ(pages.get_or_make("/api/overview", make), "page 3");

  PageCache young(changes, std::chrono::milliseconds(20), 8);
  EXPECT_EQ(young.get_or_make("/api/health", make), "page 4");
  std::this_thread::sleep_for(std::chrono::milliseconds(40));
  EXPECT_EQ(young.get_or_make("/api/health", make), "page 5");
}

TEST(PageCache, AFailedPageIsNotRemembered) {
  test::TempDir home;
  HomeChanges changes(home.path());
  PageCache pages(changes, std::chrono::hours(1), 8);
  EXPECT_THROW(
      pages.get_or_make("/api/model", []() -> std::string { throw std::runtime_error("x"); }),
      std::runtime_error);
  EXPECT_EQ(pages.get_or_make("/api/model", [] { return std::string("ok"); }), "ok");
}

}  // namespace
}  // namespace ae::web
