// `ae data import DIR`: the import request for a data folder laid out as the
// shared collection (../shared/data/real-us-equities):
//   universe.csv                the universe (required)
//   stocks/*.csv                per-ticker files (Yahoo's daily format);
//   macro/*.csv                 a universe.csv inside one of these folders is
//   stocks_short_history/*.csv  a universe file merged with the main one
// Each of the three folders is optional and read in file-name order; other
// files and folders are ignored. Throws InvalidInput when the path is not a
// folder, has no universe.csv, or holds no per-ticker CSV.
#pragma once

#include <filesystem>

#include "market/import/importer.h"

namespace ae::market {

ImportRequest folder_request(const std::filesystem::path& folder);

}  // namespace ae::market
