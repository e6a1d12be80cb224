#include "market/import/csv_reader.h"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/text.h"

namespace ae::market {
namespace {

std::string trim(std::string_view text) {
  std::size_t a = 0, b = text.size();
  while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  return std::string(text.substr(a, b - a));
}

std::string header_key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == ' ' || c == '_') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

// "N MiB" (rounded down) from 1 MiB on, else "N bytes".
std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
  const std::string key = header_key(name);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_key(header_[i]) == key) return i;
  }
  return std::nullopt;
}

std::size_t CsvReader::require_column(std::string_view name) const {
  if (auto c = column(name)) return *c;
  throw core::InvalidInput(file_ + ": missing column '" + std::string(name) + "'");
}

std::string CsvReader::where(const CsvRow& row, std::string_view field) const {
  return file_ + ":" + std::to_string(row.line) + ": field " + std::string(field) + ": ";
}

namespace {

std::unique_ptr<std::istream> open_checked(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) throw core::NotFound("no such file '" + path + "'");
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxCsvBytes)
      throw core::InvalidInput(path + ": " + size_text(size) +
                               " is larger than the importer's limit of " +
                               size_text(kMaxCsvBytes));
  }
  auto input = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*input) throw core::IoError("cannot open '" + path + "': " + std::strerror(errno));
  return input;
}

}  // namespace

CsvReader::CsvReader(const std::string& path) : CsvReader(open_checked(path), path) {}

CsvReader::CsvReader(std::unique_ptr<std::istream> input, std::string origin, std::size_t max_bytes)
    : input_(std::move(input)), file_(std::move(origin)), max_bytes_(max_bytes) {
  // A UTF-8 byte-order mark is dropped; other first bytes are read again.
  for (int i = 0; i < 3; ++i) {
    const int c = take();
    if (c == std::char_traits<char>::eof()) break;
    pending_ += static_cast<char>(c);
  }
  if (pending_ == "\xEF\xBB\xBF") pending_.clear();
  CsvRow row;
  if (!read_record(row)) throw core::InvalidInput(file_ + ": empty file (no header)");
  header_ = std::move(row.fields);
}

void CsvReader::fail(std::size_t line, const std::string& what) const {
  throw core::InvalidInput(file_ + ":" + std::to_string(line) + ": " + what);
}

int CsvReader::peek() {
  if (pending_read_ < pending_.size()) return static_cast<unsigned char>(pending_[pending_read_]);
  return input_->rdbuf()->sgetc();
}

int CsvReader::get() {
  if (pending_read_ < pending_.size()) return static_cast<unsigned char>(pending_[pending_read_++]);
  return take();
}

int CsvReader::take() {
  const int c = input_->rdbuf()->sbumpc();
  if (c == std::char_traits<char>::eof()) return c;
  if (++bytes_ > max_bytes_)
    fail(line_, "the input goes on past the importer's limit of " + size_text(max_bytes_));
  return c;
}

bool CsvReader::read_record(CsvRow& row) {
  constexpr int kEnd = std::char_traits<char>::eof();
  for (;;) {
    row.line = line_;
    row.fields.clear();
    std::string field;
    bool quoted_field = false;
    bool in_quotes = false;
    std::size_t row_bytes = 0;
    int c = get();
    if (c == kEnd) return false;
    for (; c != kEnd; c = get()) {
      if (c == '\0') fail(line_, "a NUL byte (not a text CSV file)");
      if (++row_bytes > kMaxCsvLineBytes)
        fail(row.line, "a row longer than " + std::to_string(kMaxCsvLineBytes) + " bytes");
      if (in_quotes) {
        if (c != '"') {
          if (c == '\n') ++line_;
          field += static_cast<char>(c);
        } else if (peek() == '"') {
          field += '"';
          get();
          ++row_bytes;
        } else {
          in_quotes = false;
        }
      } else if (c == '"') {
        in_quotes = true;
        quoted_field = true;
      } else if (c == ',') {
        row.fields.push_back(quoted_field ? field : trim(field));
        field.clear();
        quoted_field = false;
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r') {
        field += static_cast<char>(c);
      }
    }
    if (in_quotes) fail(row.line, "unterminated quote");
    row.fields.push_back(quoted_field ? field : trim(field));
    for (const auto& text : row.fields)
      if (!core::is_valid_utf8(text)) fail(row.line, "a field that is not UTF-8 text");
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) return true;
  }
}

bool CsvReader::next(CsvRow& row) {
  if (!read_record(row)) return false;
  if (row.fields.size() != header_.size())
    fail(row.line, "expected " + std::to_string(header_.size()) + " fields, found " +
                       std::to_string(row.fields.size()));
  return true;
}

double parse_number(const CsvReader& reader, const CsvRow& row, std::size_t column,
                    std::string_view field) {
  const std::string& text = row.fields[column];
  double value = 0;
  const auto* begin = text.data();
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(begin, end, value);
  if (text.empty() || error != std::errc() || ptr != end) {
    throw core::InvalidInput(reader.where(row, field) + "'" + text + "' is not a number");
  }
  if (!std::isfinite(value)) {
    throw core::InvalidInput(reader.where(row, field) + "'" + text + "' is not a finite number");
  }
  return value;
}

}  // namespace ae::market
