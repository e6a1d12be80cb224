// Fuzzes the dashboard's request parsing (web/query.h, web/security.h): the
// input is a request target ("/api/tickers/AAPL?days=30&from=2026-01-02"),
// checked for traversal, its path decoded and its query split into
// parameters by cpp-httplib as the server does, then read by every parameter
// reader the routes use.
// Asserts: never crashes; a bad parameter is InvalidInput (the server's 400);
// what a reader returns is within its limits (an integer in [1, max], a range
// in order spanning at most kMaxRangeDays, a ticker of 1-12 of [A-Z0-9.-]);
// checked_name accepts exactly what is_valid_name does.
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.h"
#include "fuzz_check.h"
#include "web/query.h"
#include "web/security.h"

namespace {

using namespace ae::web;

// Runs `read`; an InvalidInput is the answer 400, anything else escapes.
void answer(const std::function<void()>& read) {
  try {
    read();
  } catch (const ae::core::InvalidInput&) {
  }
}

void read_text(const std::string& text) {
  answer([&] {
    const std::string ticker = checked_ticker(text);
    AE_FUZZ_CHECK(!ticker.empty() && ticker.size() <= 12);
    AE_FUZZ_CHECK(std::all_of(ticker.begin(), ticker.end(), [](unsigned char c) {
      return std::isupper(c) || std::isdigit(c) || c == '.' || c == '-';
    }));
  });
  bool named = true;
  try {
    checked_name(text);
  } catch (const ae::core::InvalidInput&) {
    named = false;
  }
  AE_FUZZ_CHECK(named == is_valid_name(text));
}

void read_params(const QueryParams& params) {
  for (const auto& limit : {std::pair<const char*, int>{"limit", kMaxRows}, {"days", 2520}}) {
    answer([&] {
      const int value = int_param(params, limit.first, 1, limit.second);
      AE_FUZZ_CHECK(value >= 1 && value <= limit.second);
    });
  }
  answer([&] { date_param(params, "date"); });
  answer([&] {
    const DateRange range = range_param(params);
    if (range.from && range.to) {
      AE_FUZZ_CHECK(*range.from <= *range.to);
      AE_FUZZ_CHECK(ae::core::days_between(*range.from, *range.to) <= kMaxRangeDays);
    }
    for (const auto& [name, value] : params) range.contains(value);
  });
  for (const auto& [name, value] : params) read_text(value);
  presented_token("", param(params, "token"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string target(reinterpret_cast<const char*>(data), size);
  if (is_traversal_attempt(target)) return 0;
  const size_t question = target.find('?');
  const std::string path = httplib::detail::decode_url(target.substr(0, question), false);
  read_text(path.substr(path.rfind('/') + 1));
  if (question == std::string::npos) return 0;
  httplib::Params parsed;
  httplib::detail::parse_query_text(target.substr(question + 1), parsed);
  read_params(QueryParams(parsed.begin(), parsed.end()));
  return 0;
}
