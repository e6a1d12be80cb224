// Where stages emit metrics, without knowing how they are stored or alarmed
// on. The ops layer implements it over SQLite (and evaluates alarms on what
// lands there); tests may use RecordingMetricSink. Names follow CloudWatch:
// a namespace ("AlphaEngine/Predictor"), a metric name
// ("unscored_buy_candidates_count"), optional dimensions, a value, a unit
// ("Count", "Seconds", "None", ...), and the instant it describes.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/date.h"

namespace ae::core {

struct MetricDatum {
  std::string name_space;  // "namespace" is a keyword
  std::string name;
  std::map<std::string, std::string> dimensions;
  double value = 0;
  std::string unit = "None";
  Timestamp timestamp;

  bool operator==(const MetricDatum&) const = default;
};

class MetricSink {
 public:
  virtual ~MetricSink() = default;
  // Durable once it returns; throws IoError if the datum cannot be recorded.
  virtual void put_metric(const MetricDatum& datum) = 0;
};

// Drops every datum (a backtest's or a sweep's run that reports nowhere).
class NullMetricSink final : public MetricSink {
 public:
  void put_metric(const MetricDatum&) override {}
};

// Keeps every datum in memory, in order (for tests and dry runs).
class RecordingMetricSink final : public MetricSink {
 public:
  void put_metric(const MetricDatum& datum) override {
    std::lock_guard lock(mutex_);
    data_.push_back(datum);
  }
  std::vector<MetricDatum> data() const {
    std::lock_guard lock(mutex_);
    return data_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<MetricDatum> data_;
};

}  // namespace ae::core
