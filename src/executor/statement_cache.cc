#include "executor/statement_cache.h"

namespace ae::executor {

StatementCache::Use StatementCache::use(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end())
    it = statements_.emplace(std::string(sql), database_.prepare(sql)).first;
  it->second.reset();
  return Use(it->second);
}

}  // namespace ae::executor
