// The order in which a java.util.HashMap iterates over keys put into a new
// map one after another (default capacity 16, load factor 0.75, so 13 keys
// make a table of 32): by bucket, String.hashCode() of the key's UTF-16 code
// units spread as h ^ (h >>> 16) and masked by the table size - 1, and within
// a bucket in insertion order.
//
// AWS Step Functions builds some objects in such a map rather than in
// insertion order, as its recorded outputs show (the AWS-parity cases):
// the fields of a payload template taken from a path or an intrinsic ("x.$";
// they follow the template's literal fields) and the result of
// States.JsonMerge. Buckets of 8 or more colliding keys (Java turns them into
// trees) are not modelled.
#pragma once

#include <string>
#include <vector>

namespace ae::states {

// The positions of `keys` (given in insertion order) in HashMap iteration
// order.
std::vector<size_t> java_hash_map_order(const std::vector<std::string>& keys);

}  // namespace ae::states
