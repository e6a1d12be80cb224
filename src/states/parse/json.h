// The engine's JSON value. Objects keep their members in insertion order, as
// AWS Step Functions does (Jackson's LinkedHashMap): a parsed document keeps
// the order of its text, a payload template the order of its fields, and
// wildcards, recursive descent and serialisation (outputs, history,
// States.JsonToString) follow that order. Member lookup is linear, which is
// fast for the small objects states pass around.
//
// Layers outside the engine use nlohmann::json (sorted members); where a value
// crosses such a boundary it is converted explicitly (Json(value),
// nlohmann::json(value)) in one place at that boundary.
//
// An object's members are a std::vector of (const key, value) pairs, which a
// growing vector copies, deeply, instead of moving (the const key's copy may
// throw). Code that adds a member to an object that may hold large values
// first calls reserve_members, which moves them into larger storage.
//
// Json's operator== compares objects member by member in order; two JSON
// values are equal when they hold the same members whatever their order, which
// is json_equal.
#pragma once

#include <nlohmann/json.hpp>

namespace ae::states {

using Json = nlohmann::ordered_json;

// JSON value equality: objects with the same members in any order, arrays
// element by element, numbers by value (1 == 1.0). What ASL's comparisons of
// whole values mean (JSONPath filters' == and !=, States.ArrayContains,
// States.ArrayUnique).
bool json_equal(const Json& left, const Json& right);

// Room in `object` (an object) for `extra` more members, its values moved,
// not copied, when the storage must grow (to at least twice its size).
void reserve_members(Json& object, size_t extra);

}  // namespace ae::states
