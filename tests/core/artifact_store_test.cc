#include "core/artifact_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

TEST(ArtifactStore, PutGetExistsRemove) {
  test::TempDir dir;
  FileSystemStore store(dir.path());
  EXPECT_FALSE(store.exists("signals/2026-04-20/signals.json"));
  store.put("signals/2026-04-20/signals.json", R"({"date":"2026-04-20"})");
  EXPECT_TRUE(store.exists("signals/2026-04-20/signals.json"));
  EXPECT_EQ(store.get("signals/2026-04-20/signals.json"), R"({"date":"2026-04-20"})");
  store.put("signals/2026-04-20/signals.json", "v2");
  EXPECT_EQ(store.get("signals/2026-04-20/signals.json"), "v2");
  EXPECT_TRUE(store.remove("signals/2026-04-20/signals.json"));
  EXPECT_FALSE(store.remove("signals/2026-04-20/signals.json"));
  EXPECT_FALSE(store.exists("signals/2026-04-20/signals.json"));
}

TEST(ArtifactStore, NotFoundIsDistinctFromOtherErrors) {
  test::TempDir dir;
  FileSystemStore store(dir.path());
  EXPECT_THROW(store.get("predictor/predictions/2026-04-20.json"), NotFound);
  EXPECT_EQ(store.try_get("predictor/predictions/2026-04-20.json"), std::nullopt);
  store.put("health/executor.json", "{}");
  EXPECT_THROW(store.get("health"), NotFound);  // a prefix is not an object

  if (::geteuid() != 0) {  // root reads anything, so permission errors need a non-root user
    store.put("secret/x.json", "{}");
    ::chmod((dir.path() / "secret/x.json").c_str(), 0);
    EXPECT_THROW(store.get("secret/x.json"), IoError);
    EXPECT_THROW(store.try_get("secret/x.json"), IoError);
  }
  // A file where a directory is expected: the put cannot succeed and says so.
  store.put("blocker", "x");
  EXPECT_THROW(store.put("blocker/child.json", "{}"), IoError);
}

TEST(ArtifactStore, ListsByPrefixSortedSkippingTemporaries) {
  test::TempDir dir;
  FileSystemStore store(dir.path());
  store.put("signals/2026-04-21/signals.json", "b");
  store.put("signals/2026-04-20/signals.json", "a");
  store.put("signals/latest.json", "c");
  store.put("health/executor.json", "h");
  std::ofstream(dir.path() / "signals" / (std::string(kTempPrefix) + "latest.json.xyz"))
      << "partial";

  EXPECT_EQ(store.list("signals/"),
            (std::vector<std::string>{"signals/2026-04-20/signals.json",
                                      "signals/2026-04-21/signals.json", "signals/latest.json"}));
  EXPECT_EQ(store.list("signals/2026-04-2"),
            (std::vector<std::string>{"signals/2026-04-20/signals.json",
                                      "signals/2026-04-21/signals.json"}));
  EXPECT_EQ(store.list("health").size(), 1u);
  EXPECT_EQ(store.list("").size(), 4u);
  EXPECT_TRUE(store.list("nothing/here/").empty());
}

TEST(ArtifactStore, RejectsBadKeysWithAClearError) {
  test::TempDir dir;
  FileSystemStore store(dir.path());
  const std::vector<std::string> bad = {"",          "/etc/passwd", "a/../b",
                                        "../escape", "a/./b",       "a//b",
                                        "a/b/",      "a\\b",        std::string("a\0b", 3),
                                        "a\nb",      "a\x7f",       ".",
                                        "..",        ".ae-tmp.x",   std::string(2000, 'k')};
  for (const auto& key : bad) {
    EXPECT_THROW(store.put(key, "x"), InvalidInput) << key;
    EXPECT_THROW(store.get(key), InvalidInput) << key;
    EXPECT_THROW(validate_key(key), InvalidInput) << key;
  }
  try {
    validate_key("a/../b");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'a/../b'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find(".."), std::string::npos);
  }
  EXPECT_NO_THROW(validate_key("predictor/predictions/2026-04-20.json"));
  EXPECT_NO_THROW(validate_key("a..b/c.json"));
}

// A writer killed mid-put (SIGKILL, no chance to clean up) leaves the old object
// readable and whole; the next put succeeds.
TEST(ArtifactStore, KilledWriterLeavesTheOldObjectIntact) {
  test::TempDir dir;
  const std::string key = "predictor/predictions/latest.json";
  const std::string old_value(1 << 20, 'o');
  {
    FileSystemStore store(dir.path());
    store.put(key, old_value);
  }
  for (int round = 0; round < 5; ++round) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      FileSystemStore store(dir.path());
      const std::string huge(64 << 20, 'n');  // slow enough to be caught mid-write
      for (;;) store.put(key, huge);
    }
    ::usleep(20000 + round * 15000);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);

    FileSystemStore store(dir.path());
    const std::string seen = store.get(key);
    const bool is_old = seen == old_value;
    const bool is_new =
        seen.size() == (64u << 20) && seen.find_first_not_of('n') == std::string::npos;
    EXPECT_TRUE(is_old || is_new) << "torn object of " << seen.size() << " bytes";
    EXPECT_EQ(store.list("predictor/").size(), 1u);
    store.put(key, old_value);
  }
}

}  // namespace
}  // namespace ae::core
