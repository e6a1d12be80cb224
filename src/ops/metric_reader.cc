#include "ops/metric_reader.h"

namespace ae::ops {

std::optional<MetricReader> MetricReader::open(const std::filesystem::path& ops_database) {
  auto database = core::ReadOnlyDatabase::open(ops_database);
  if (!database) return std::nullopt;
  return MetricReader(std::move(*database));
}

std::vector<MetricSample> MetricReader::samples(const std::string& name) const {
  std::vector<MetricSample> result;
  if (!database_.has_table("metric_data")) return result;
  for (const auto& row : database_.rows(
           "SELECT timestamp_us, value FROM metric_data WHERE name = ? ORDER BY timestamp_us",
           {name}))
    result.push_back({core::from_microseconds(row["timestamp_us"].get<std::int64_t>()),
                      row["value"].get<double>()});
  return result;
}

}  // namespace ae::ops
