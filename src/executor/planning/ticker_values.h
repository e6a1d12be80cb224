// Values by ticker in the planner's input (prices, ATR%, VWAP, sectors): a
// day's shared part under a book's own part. The books of a backtest day
// share the day's part (the candidates' values) instead of copying it, and
// each adds its holdings'; the live planner builds the same two parts for its
// one book. A ticker's own value wins over a shared one. Read by ticker
// (find), or in increasing ticker order by a Cursor that walks both parts
// once. The shared part is immutable; it must outlive every copy.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/ticker_order.h"
namespace ae::executor {

template <typename T>
class TickerValues {
 public:
  using Map = core::TickerMap<T>;

  TickerValues() = default;
  // `shared` becomes the shared part (shared by every copy).
  explicit TickerValues(Map shared) : shared_(std::make_shared<const Map>(std::move(shared))) {}

  // The ticker's value, or null.
  const T* find(const std::string& ticker) const {
    if (const auto it = own_.find(ticker); it != own_.end()) return &it->second;
    if (shared_)
      if (const auto it = shared_->find(ticker); it != shared_->end()) return &it->second;
    return nullptr;
  }
  bool contains(const std::string& ticker) const { return find(ticker) != nullptr; }
  // The ticker's value; std::out_of_range when it has none.
  const T& at(const std::string& ticker) const {
    if (const auto* value = find(ticker)) return *value;
    throw std::out_of_range("no value for " + ticker);
  }
  // Sets the ticker's own value; a value equal to the one the ticker has
  // already is not stored again.
  void set(const std::string& ticker, T value) {
    if (const T* now = find(ticker); now && *now == value) return;
    own_.insert_or_assign(ticker, std::move(value));
  }
  // The values set on this copy that differ from the shared part's.
  const Map& own() const { return own_; }
  // Whether both have the same shared part (or neither has one).
  bool shares_part_with(const TickerValues& other) const { return shared_ == other.shared_; }

  // find for tickers asked in increasing order, in one walk over both parts.
  class Cursor {
   public:
    explicit Cursor(const TickerValues& values)
        : own_(values.own_.begin()),
          own_end_(values.own_.end()),
          shared_(values.shared_ ? values.shared_->begin() : It{}),
          shared_end_(values.shared_ ? values.shared_->end() : It{}) {}

    const T* seek(const std::string& ticker) {
      while (own_ != own_end_ && own_->first < ticker) ++own_;
      if (own_ != own_end_ && own_->first == ticker) return &own_->second;
      while (shared_ != shared_end_ && shared_->first < ticker) ++shared_;
      if (shared_ != shared_end_ && shared_->first == ticker) return &shared_->second;
      return nullptr;
    }

   private:
    using It = typename Map::const_iterator;  // value-initialised: no shared part
    It own_, own_end_, shared_, shared_end_;
  };

 private:
  Map own_;
  std::shared_ptr<const Map> shared_;
};

}  // namespace ae::executor
