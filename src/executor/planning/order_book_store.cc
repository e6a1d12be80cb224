#include "executor/planning/order_book_store.h"

#include <spdlog/spdlog.h>

#include <set>

#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/file_lock.h"
#include "executor/errors.h"

namespace ae::executor {

OrderBookStore::OrderBookStore(std::filesystem::path file)
    : path_(std::move(file)), lock_path_(path_.string() + ".lock") {}

bool OrderBookStore::exists() const { return std::filesystem::exists(path_); }

bool OrderBookStore::has_book(core::Date date) const {
  const core::FileLock lock(lock_path_, core::FileLock::Mode::kShared);
  if (!std::filesystem::exists(path_)) return false;
  const auto document = nlohmann::json::parse(core::read_file(path_), nullptr, false);
  if (document.is_discarded() || !document.is_object())
    throw PipelineHardFail("order book " + path_.string() + " is corrupt: not a JSON object");
  return document.contains("date") && document["date"] == core::format_date(date);
}

core::OrderBook OrderBookStore::load_unlocked(core::Date date) const {
  core::OrderBook empty;
  empty.date = date;
  if (!std::filesystem::exists(path_)) return empty;
  core::OrderBook book;
  try {
    const auto document =
        core::parse_contract(core::Contract::kOrderBook, core::read_file(path_), path_.string());
    book = document.get<core::OrderBook>();
  } catch (const core::InvalidInput& error) {
    throw PipelineHardFail("order book " + path_.string() + " is corrupt: " + error.what());
  }
  if (book.date != date) {
    spdlog::info("order book: discarding the book of {} (planning {})",
                 core::format_date(book.date), core::format_date(date));
    return empty;
  }
  return book;
}

void OrderBookStore::save_unlocked(const core::OrderBook& book) {
  const nlohmann::json document = book;
  core::validate_contract(core::Contract::kOrderBook, document, path_.string());
  core::write_file_atomically(path_, document.dump(2) + "\n");
}

core::OrderBook OrderBookStore::load(core::Date date) const {
  const core::FileLock lock(lock_path_, core::FileLock::Mode::kShared);
  return load_unlocked(date);
}

void OrderBookStore::save(const core::OrderBook& book) {
  const core::FileLock lock(lock_path_);
  save_unlocked(book);
}

core::OrderBook OrderBookStore::update(core::Date date,
                                       const std::function<void(core::OrderBook&)>& change) {
  const core::FileLock lock(lock_path_);
  auto book = load_unlocked(date);
  change(book);
  save_unlocked(book);
  return book;
}

std::optional<std::filesystem::file_time_type> OrderBookStore::stamp() const {
  std::error_code error;
  const auto time = std::filesystem::last_write_time(path_, error);
  if (error) return std::nullopt;
  return time;
}

bool OrderBookStore::save_if_unchanged(const core::OrderBook& book,
                                       std::filesystem::file_time_type expected) {
  const core::FileLock lock(lock_path_);
  if (stamp() != expected) return false;
  save_unlocked(book);
  return true;
}

void merge_plan_into_book(core::OrderBook& book, const core::OrderBook& plan) {
  std::set<std::string> executed;
  for (const auto& record : book.executed_today)
    if (record.contains("ticker")) executed.insert(record["ticker"].get<std::string>());
  book.approved_entries.clear();
  book.urgent_exits.clear();
  book.active_stops = plan.active_stops;
  for (const auto& e : plan.approved_entries)
    if (!executed.count(e.ticker)) book.approved_entries.push_back(e);
  for (const auto& x : plan.urgent_exits)
    if (!executed.count(x.ticker)) book.urgent_exits.push_back(x);
}

}  // namespace ae::executor
