#include "market/series_file.h"

#include <bit>
#include <cstring>

#include "core/error.h"

namespace ae::market {
namespace {

static_assert(std::endian::native == std::endian::little, "the bar store format is little-endian");

constexpr char kMagic[8] = {'A', 'E', 'B', 'A', 'R', 'S', '\0', '\1'};

struct Header {
  char magic[8];
  std::uint32_t field_count;
  std::int32_t start_index;
  std::uint64_t count;
  std::uint64_t reserved;
};
static_assert(sizeof(Header) == kSeriesHeaderSize);

}  // namespace

std::string encode_series(const BarSeries& series) {
  const std::size_t count = series.size();
  for (const auto& column : series.columns) {
    if (column.size() != count) throw core::InvalidInput("bar series columns differ in length");
  }
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.field_count = kFieldCount;
  header.start_index = series.start_index;
  header.count = count;
  std::string bytes(kSeriesHeaderSize + count * kFieldCount * sizeof(double), '\0');
  std::memcpy(bytes.data(), &header, sizeof header);
  char* out = bytes.data() + kSeriesHeaderSize;
  for (const auto& column : series.columns) {
    if (count > 0) std::memcpy(out, column.data(), count * sizeof(double));
    out += count * sizeof(double);
  }
  return bytes;
}

SeriesColumns decode_series(std::string_view bytes, std::string_view origin) {
  const std::string where(origin);
  if (bytes.size() < kSeriesHeaderSize) {
    throw core::IoError("bar file " + where + " is truncated (" + std::to_string(bytes.size()) +
                        " bytes, header needs 32)");
  }
  Header header{};
  std::memcpy(&header, bytes.data(), sizeof header);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0) {
    throw core::IoError("bar file " + where + " has a bad magic number");
  }
  if (header.field_count != kFieldCount) {
    throw core::IoError("bar file " + where + " has " + std::to_string(header.field_count) +
                        " fields, expected 7");
  }
  const std::size_t expected = kSeriesHeaderSize + header.count * kFieldCount * sizeof(double);
  if (bytes.size() != expected) {
    throw core::IoError("bar file " + where + " has " + std::to_string(bytes.size()) +
                        " bytes, expected " + std::to_string(expected));
  }
  SeriesColumns result;
  result.start_index = header.start_index;
  result.count = header.count;
  const auto* base = reinterpret_cast<const double*>(bytes.data() + kSeriesHeaderSize);
  for (int f = 0; f < kFieldCount; ++f) {
    result.columns[f] = std::span<const double>(base + f * header.count, header.count);
  }
  return result;
}

}  // namespace ae::market
