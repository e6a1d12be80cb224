// Text helpers the backtest reports share: CSV fields and numbers, markdown
// table cells, and the figures printed as percentages, ratios or dollars.
// Internal to the reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/artifact_store.h"

namespace ae::backtest {

// Puts objects under one key prefix and remembers their keys in order.
class PrefixedWriter {
 public:
  PrefixedWriter(core::ArtifactStore& store, std::string prefix);
  void put(const std::string& name, const std::string& bytes);
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  core::ArtifactStore& store_;
  std::string prefix_;
  std::vector<std::string> keys_;
};

// A CSV field: quoted (with doubled quotes) when it holds a comma, quote or
// line break.
std::string csv_field(std::string_view text);
// Up to 10 significant digits; empty for a non-finite value.
std::string csv_number(double value);
std::string csv_line(const std::vector<std::string>& fields);

// A markdown table cell: '|' escaped, line breaks flattened.
std::string md_cell(std::string_view text);
std::string md_row(const std::vector<std::string>& cells);
// "| a | b |\n|---|---|\n"
std::string md_header(const std::vector<std::string>& cells);

std::string pct(double fraction);   // 0.0523 -> "5.23%"
std::string ratio(double value);    // 1.2345 -> "1.23"
std::string dollars(double value);  // -1234.5 -> "-$1,234.50"

}  // namespace ae::backtest
