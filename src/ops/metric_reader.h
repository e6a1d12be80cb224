// Read-only queries on the metric datapoints of ops.db (metric_data) for
// readers that never write (the dashboard). The database is opened read-only
// and never created: open() returns nullopt when the file does not exist, and
// a database without the metric table reads as no datapoints.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/read_only_database.h"

namespace ae::ops {

struct MetricSample {
  core::Timestamp timestamp;
  double value = 0;
};

class MetricReader {
 public:
  static std::optional<MetricReader> open(const std::filesystem::path& ops_database);

  // Every datapoint of the metrics named `name` (any namespace, any
  // dimensions), oldest first.
  std::vector<MetricSample> samples(const std::string& name) const;

 private:
  explicit MetricReader(core::ReadOnlyDatabase database) : database_(std::move(database)) {}

  core::ReadOnlyDatabase database_;
};

}  // namespace ae::ops
