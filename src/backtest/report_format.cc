#include "backtest/report_format.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace ae::backtest {

PrefixedWriter::PrefixedWriter(core::ArtifactStore& store, std::string prefix)
    : store_(store), prefix_(std::move(prefix)) {}

void PrefixedWriter::put(const std::string& name, const std::string& bytes) {
  store_.put(prefix_ + name, bytes);
  keys_.push_back(prefix_ + name);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double value) {
  if (!std::isfinite(value)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\n";
}

std::string md_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string md_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& cell : cells) out += " " + md_cell(cell) + " |";
  return out + "\n";
}

std::string md_header(const std::vector<std::string>& cells) {
  std::string out = md_row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) out += i == 0 ? "---|" : "---:|";
  return out + "\n";
}

std::string pct(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", fraction * 100.0);
  return buffer;
}

std::string ratio(double value) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return std::string(buffer) == "-0.00" ? "0.00" : buffer;
}

std::string dollars(double value) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::fabs(value));
  std::string digits = buffer;
  const auto dot = digits.find('.');
  std::string integer = digits.substr(0, dot);
  std::string grouped;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    grouped += integer[i];
    const std::size_t left = integer.size() - i - 1;
    if (left > 0 && left % 3 == 0) grouped += ',';
  }
  const bool negative = value < 0 && std::fabs(value) >= 0.005;
  return (negative ? "-$" : "$") + grouped + digits.substr(dot);
}

}  // namespace ae::backtest
