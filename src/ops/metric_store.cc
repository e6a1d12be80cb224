#include "ops/metric_store.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ae::ops {

std::string dimensions_key(const Dimensions& dimensions) {
  return nlohmann::json(dimensions).dump();
}

Dimensions parse_dimensions(const std::string& text) {
  Dimensions result;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const auto pair = text.substr(start, end - start);
    const auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0)
      throw core::InvalidInput(
          fmt::format("dimension '{}' is not NAME=VALUE (in '{}')", pair, text));
    result[pair.substr(0, equals)] = pair.substr(equals + 1);
    start = end + 1;
  }
  return result;
}

core::Timestamp period_floor(core::Timestamp instant, std::chrono::seconds period) {
  const auto period_us = std::chrono::duration_cast<std::chrono::microseconds>(period).count();
  auto us = core::to_microseconds(instant);
  auto floor = us - ((us % period_us) + period_us) % period_us;
  return core::from_microseconds(floor);
}

void MetricStore::put_metric(const core::MetricDatum& datum) {
  if (datum.name_space.empty() || datum.name.empty())
    throw core::InvalidInput("metric datum needs a namespace and a name");
  if (!std::isfinite(datum.value))
    throw core::InvalidInput(
        fmt::format("metric {}/{} value is not finite", datum.name_space, datum.name));
  auto insert = database_.prepare(
      "INSERT INTO metric_data(namespace, name, dimensions, value, unit, timestamp_us) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, datum.name_space)
      .bind(2, datum.name)
      .bind(3, dimensions_key(datum.dimensions))
      .bind(4, datum.value)
      .bind(5, datum.unit)
      .bind(6, core::to_microseconds(datum.timestamp));
  insert.run();
}

std::vector<MetricSeries> MetricStore::list_series() const {
  auto select = database_.prepare(
      "SELECT DISTINCT namespace, name, dimensions FROM metric_data "
      "ORDER BY namespace, name, dimensions");
  std::vector<MetricSeries> result;
  while (select.step()) {
    result.push_back({select.column_text(0), select.column_text(1),
                      nlohmann::json::parse(select.column_text(2)).get<Dimensions>()});
  }
  return result;
}

std::vector<StatisticPoint> MetricStore::query(const MetricQuery& query) const {
  if (query.period.count() <= 0)
    throw core::InvalidInput(
        fmt::format("metric period must be positive, got {}s", query.period.count()));
  auto select = database_.prepare(
      "SELECT value, timestamp_us FROM metric_data WHERE namespace = ? AND name = ? AND "
      "dimensions = ? AND timestamp_us >= ? AND timestamp_us < ? ORDER BY timestamp_us");
  select.bind(1, query.series.name_space)
      .bind(2, query.series.name)
      .bind(3, dimensions_key(query.series.dimensions))
      .bind(4, core::to_microseconds(query.from))
      .bind(5, core::to_microseconds(query.to));
  std::vector<StatisticPoint> result;
  std::vector<double> samples;
  std::optional<core::Timestamp> current;
  auto flush = [&] {
    if (!current) return;
    const auto count = samples.size();
    result.push_back({*current, compute_statistic(query.statistic, samples), count});
    samples.clear();
  };
  while (select.step()) {
    const auto start = period_floor(core::from_microseconds(select.column_int(1)), query.period);
    if (current != start) {
      flush();
      current = start;
    }
    samples.push_back(select.column_double(0));
  }
  flush();
  return result;
}

int MetricStore::prune_before(core::Timestamp cutoff) {
  auto remove = database_.prepare("DELETE FROM metric_data WHERE timestamp_us < ?");
  remove.bind(1, core::to_microseconds(cutoff));
  remove.run();
  return database_.changes();
}

}  // namespace ae::ops
