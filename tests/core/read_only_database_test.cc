// core::ReadOnlyDatabase: an absent file is nullopt and stays absent, rows come
// back as JSON keyed by column name, and nothing can be written through it.
#include "core/read_only_database.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/sqlite.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

TEST(ReadOnlyDatabase, AbsentFileIsNulloptAndIsNotCreated) {
  ae::test::TempDir dir;
  EXPECT_FALSE(ReadOnlyDatabase::open(dir.path() / "none.db"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ReadOnlyDatabase, RowsAreJsonByColumnAndWritesFail) {
  ae::test::TempDir dir;
  const auto path = dir.path() / "a.db";
  {
    Database db(path);
    db.execute(
        "CREATE TABLE t(i INTEGER, r REAL, s TEXT); INSERT INTO t VALUES(1, 2.5, 'x');"
        "INSERT INTO t VALUES(2, NULL, 'y')");
  }
  const auto db = ReadOnlyDatabase::open(path);
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->has_table("t"));
  EXPECT_FALSE(db->has_table("u"));
  const auto rows = db->rows("SELECT i, r, s FROM t WHERE i >= ? ORDER BY i", {std::int64_t{1}});
  EXPECT_EQ(rows, nlohmann::json::parse(R"([{"i":1,"r":2.5,"s":"x"},{"i":2,"r":null,"s":"y"}])"));
  EXPECT_THROW(db->rows("INSERT INTO t VALUES(3, 0, 'z')"), IoError);
  EXPECT_EQ(db->rows("SELECT COUNT(*) AS n FROM t")[0]["n"], 2);
}

}  // namespace
}  // namespace ae::core
