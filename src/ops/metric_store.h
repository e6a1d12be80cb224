// The metric store: CloudWatch-shaped datapoints in SQLite (ops.db), and
// statistic queries over aligned periods.
//   - put_metric is durable when it returns (implements core::MetricSink);
//   - a series is (namespace, name, dimensions); dimensions match exactly, as
//     in CloudWatch (a datum with {Process=x} is not in the series {});
//   - periods are aligned to multiples of the period since the Unix epoch; a
//     query returns one point per period in [from, to) that has samples, in
//     time order; periods without samples are absent (missing data).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/metric_sink.h"
#include "core/sqlite.h"
#include "ops/statistics.h"

namespace ae::ops {

using Dimensions = std::map<std::string, std::string>;

struct MetricSeries {
  std::string name_space;
  std::string name;
  Dimensions dimensions;
  bool operator==(const MetricSeries&) const = default;
};

struct StatisticPoint {
  core::Timestamp period_start;
  double value = 0;
  std::size_t sample_count = 0;
};

struct MetricQuery {
  MetricSeries series;
  Statistic statistic;
  std::chrono::seconds period{60};
  core::Timestamp from;  // inclusive
  core::Timestamp to;    // exclusive
};

// "Process=executor-daemon" pairs -> canonical JSON text of the map.
std::string dimensions_key(const Dimensions& dimensions);
// "A=1,B=2" -> {A:1, B:2}; empty text -> {}. InvalidInput on a malformed pair.
Dimensions parse_dimensions(const std::string& text);

// The start of the period that contains `instant`.
core::Timestamp period_floor(core::Timestamp instant, std::chrono::seconds period);

class MetricStore final : public core::MetricSink {
 public:
  explicit MetricStore(core::Database& database) : database_(database) {}

  // Rejects empty namespace/name and non-finite values (InvalidInput).
  void put_metric(const core::MetricDatum& datum) override;

  // Every series with at least one datum, sorted.
  std::vector<MetricSeries> list_series() const;

  std::vector<StatisticPoint> query(const MetricQuery& query) const;

  // Deletes data older than `cutoff`; returns the number of rows removed.
  int prune_before(core::Timestamp cutoff);

 private:
  core::Database& database_;
};

}  // namespace ae::ops
