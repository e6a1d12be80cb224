// The order book on disk: one JSON file (core::Home::order_book()),
// validated against the order_book contract on every read and write, written
// atomically (temp + rename) while holding an exclusive flock on FILE.lock
// beside it (readers take a shared lock).
// Date scoped: loading for date D discards a book dated otherwise and returns
// an empty book for D. A corrupt or schema-violating file is a
// PipelineHardFail naming the file (the reference silently started over,
// which can re-place orders). update() is a locked read-modify-write.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>

#include "core/contracts/order_book.h"

namespace ae::executor {

class OrderBookStore {
 public:
  explicit OrderBookStore(std::filesystem::path file);

  const std::filesystem::path& path() const { return path_; }
  bool exists() const;
  // True when the file holds a book dated `date` (the planner ran today);
  // PipelineHardFail when the file is not a JSON object.
  bool has_book(core::Date date) const;
  // The book for `date` (empty if the file is absent or of another date).
  core::OrderBook load(core::Date date) const;
  void save(const core::OrderBook& book);
  // Locked load-modify-save; returns the saved book.
  core::OrderBook update(core::Date date, const std::function<void(core::OrderBook&)>& change);
  // The file's modification time (nullopt when absent), to notice a rewrite.
  std::optional<std::filesystem::file_time_type> stamp() const;
  // Saves `book` only if the file still has modification time `expected`
  // (checked under the lock); false, and nothing written, otherwise.
  bool save_if_unchanged(const core::OrderBook& book, std::filesystem::file_time_type expected);

 private:
  core::OrderBook load_unlocked(core::Date date) const;
  void save_unlocked(const core::OrderBook& book);

  std::filesystem::path path_;
  std::filesystem::path lock_path_;
};

// Replaces the pending parts of `book` with `plan` (entries, urgent exits,
// stops) but keeps executed_today, and drops planned entries and exits for
// tickers already executed today (reset_pending + merge_executed).
void merge_plan_into_book(core::OrderBook& book, const core::OrderBook& plan);

}  // namespace ae::executor
