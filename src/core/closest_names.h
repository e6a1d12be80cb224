// "Did you mean" hints for a name that is not known: a misspelt parameter,
// ticker or set. A known name whose last dotted segment equals the name's
// (a nested parameter given at the top level) is closest; else the known
// names at the smallest edit distance (Levenshtein, case-insensitive), when
// it is at most a third of the length of the name's last segment and at
// least 1 (2 for a segment of 6 characters or more).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ae::core {

// Up to `limit` of the closest names of `known`, in `known`'s order.
std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& known,
                                       std::size_t limit = 3);

// "; did you mean 'a'?" or "; did you mean 'a', 'b' or 'c'?"; empty when
// no known name is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& known);

}  // namespace ae::core
