// A small strict CSV reader for the importers that streams its input: the
// header when it opens, then one row per next(), so memory holds one row
// whatever the size of the file. Comma-separated, optional double-quoted
// fields ("" inside quotes is a quote), CRLF tolerated, blank lines skipped,
// a leading UTF-8 byte-order mark ignored. Every row remembers its 1-based
// line number so errors can name file, line and field.
// Limits: a file of at most kMaxCsvBytes (a regular file's size is checked
// before anything is read; input of unknown size, e.g. a pipe, is cut off at
// the limit as it is read), rows of at most kMaxCsvLineBytes, no NUL byte (a
// binary file) and UTF-8 text only (the fields end up in JSON files):
// InvalidInput naming the file and the line otherwise.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ae::market {

inline constexpr std::size_t kMaxCsvBytes = std::size_t{512} << 20;  // 512 MiB
inline constexpr std::size_t kMaxCsvLineBytes = 64 << 10;            // 64 KiB

struct CsvRow {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  // Opens `path` and reads its header. Throws core::NotFound if missing,
  // InvalidInput for a file over the limit or without a header.
  explicit CsvReader(const std::string& path);
  // Reads `input` (named `origin` in errors) with a byte limit of `max_bytes`.
  CsvReader(std::unique_ptr<std::istream> input, std::string origin,
            std::size_t max_bytes = kMaxCsvBytes);

  const std::string& file() const { return file_; }
  const std::vector<std::string>& header() const { return header_; }  // trimmed, as written

  // The next row (its field count checked against the header); false at the
  // end. Throws InvalidInput on an unterminated quote or a wrong field count.
  bool next(CsvRow& row);

  // Column of a header name (case-insensitive, spaces and '_' ignored).
  std::optional<std::size_t> column(std::string_view name) const;
  // As column(); throws InvalidInput "FILE: missing column 'NAME'".
  std::size_t require_column(std::string_view name) const;
  // "FILE:LINE: field NAME: " - the prefix of every row error.
  std::string where(const CsvRow& row, std::string_view field) const;

 private:
  // The next non-blank record's fields; false at the end of the input.
  bool read_record(CsvRow& row);
  // The next byte / the one after it, not taken (the byte-order mark check's
  // bytes first); take() reads one from the input, counted against the limit.
  int get();
  int peek();
  int take();
  [[noreturn]] void fail(std::size_t line, const std::string& what) const;

  std::unique_ptr<std::istream> input_;
  std::string file_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::string pending_;  // the first bytes, read to look for a byte-order mark
  std::size_t pending_read_ = 0;
  std::size_t line_ = 1;
  std::vector<std::string> header_;
};

// Strict number parse of a field; throws InvalidInput with reader.where(...).
double parse_number(const CsvReader& reader, const CsvRow& row, std::size_t column,
                    std::string_view field);

}  // namespace ae::market
