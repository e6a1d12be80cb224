// Prepared statements kept for the life of one SQLite connection, by SQL
// text, so the executor's hot paths (the daemon writes every minute) do not
// re-compile their SQL. use() hands out the statement freshly reset; the
// returned Use resets it again when it goes out of scope, so no read stays
// open (holding a snapshot) between uses. Declare the cache after the
// Database it serves so its statements are finalized first.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/sqlite.h"

namespace ae::executor {

class StatementCache {
 public:
  explicit StatementCache(core::Database& database) : database_(database) {}

  class Use {
   public:
    explicit Use(core::Statement& statement) : statement_(statement) {}
    ~Use() { statement_.reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    core::Statement* operator->() { return &statement_; }
    core::Statement& operator*() { return statement_; }

   private:
    core::Statement& statement_;
  };

  Use use(std::string_view sql);

 private:
  core::Database& database_;
  std::map<std::string, core::Statement, std::less<>> statements_;
};

}  // namespace ae::executor
