// The on-disk form of one symbol's bars (one file per symbol, Qlib-like):
//   32-byte header: magic "AEBARS\0\1", u32 field count (7), i32 start index
//   on the TradingCalendar, u64 row count, u64 reserved (0);
//   then 7 contiguous little-endian float64 arrays of `count` values each, in
//   Field order (open, high, low, close, volume, vwap, factor).
// decode validates the header and the exact size and names the file on error;
// the returned spans point into the caller's bytes (normally a MappedFile).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "market/bar.h"

namespace ae::market {

inline constexpr std::size_t kSeriesHeaderSize = 32;

struct SeriesColumns {
  std::int32_t start_index = 0;
  std::size_t count = 0;
  std::array<std::span<const double>, kFieldCount> columns;
};

std::string encode_series(const BarSeries& series);
// `origin` names the file in error messages. Throws core::IoError if corrupt.
SeriesColumns decode_series(std::string_view bytes, std::string_view origin);

}  // namespace ae::market
