#include "market/import/data_folder.h"

#include <algorithm>

#include "core/error.h"

namespace ae::market {
namespace {

constexpr const char* kUniverseFileName = "universe.csv";
constexpr const char* kTickerFolders[] = {"stocks", "macro", "stocks_short_history"};

// The folder's *.csv files, sorted.
std::vector<std::filesystem::path> csv_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> out;
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

ImportRequest folder_request(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw core::InvalidInput("data import: " + folder.string() + " is not a folder");
  }
  const auto universe = folder / kUniverseFileName;
  if (!std::filesystem::is_regular_file(universe, error)) {
    throw core::InvalidInput("data import: " + folder.string() + " has no " + kUniverseFileName +
                             " (a data folder holds universe.csv, stocks/, macro/ and optionally "
                             "stocks_short_history/)");
  }
  ImportRequest request;
  request.universe_files.push_back(universe.string());
  for (const char* name : kTickerFolders) {
    for (const auto& path : csv_files(folder / name)) {
      auto& list =
          path.filename() == kUniverseFileName ? request.universe_files : request.per_ticker_files;
      list.push_back(path.string());
    }
  }
  if (request.per_ticker_files.empty()) {
    throw core::InvalidInput("data import: " + folder.string() +
                             " has no per-ticker CSV in stocks/, macro/ or stocks_short_history/");
  }
  return request;
}

}  // namespace ae::market
