#include "core/contracts/predictions.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <limits>
#include <type_traits>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/contracts/json_fields.h"
#include "core/error.h"

namespace ae::core {

using namespace json_fields;

namespace {

using simdjson::dom::element;

[[noreturn]] void invalid(std::string_view what) {
  throw InvalidInput(fmt::format("predictions: {}", what));
}

// The fields of one JSON object of the document, read by type (double,
// int, bool, std::string or std::string_view; an integer reads as a double
// too). `name` and `row` say which object in errors ("predictions" objects
// by their row).
class Fields {
 public:
  Fields(element value, std::string_view name, std::optional<std::size_t> row = std::nullopt)
      : name_(name), row_(row) {
    if (value.get_object().get(object_) != simdjson::SUCCESS) fail("is not an object");
  }

  element value(std::string_view key) const {
    element value;
    if (object_[key].get(value) != simdjson::SUCCESS) fail(fmt::format("has no '{}'", key));
    return value;
  }
  template <class T>
  T get(std::string_view key) const {
    return as<T>(value(key), key);
  }
  // Absent or null: nullopt.
  template <class T = element>
  std::optional<T> optional(std::string_view key) const {
    element value;
    if (object_[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    if constexpr (std::is_same_v<T, element>) {
      return value;
    } else {
      return as<T>(value, key);
    }
  }

  // An enum's value by its name in the one table that writes it
  // (NLOHMANN_JSON_SERIALIZE_ENUM), which maps an unknown name to its first
  // value: a name that does not come back is refused.
  template <class Enum>
  Enum enum_of(element value, std::string_view key) const {
    const nlohmann::json name(as<std::string_view>(value, key));
    const auto out = name.get<Enum>();
    if (nlohmann::json(out) != name)
      fail(fmt::format("has an unknown '{}': {}", key, name.get<std::string>()));
    return out;
  }

 private:
  [[noreturn]] void fail(std::string_view what) const {
    invalid(row_ ? fmt::format("{}[{}] {}", name_, *row_, what)
                 : fmt::format("{} {}", name_, what));
  }

  template <class T>
  T as(element value, std::string_view key) const {
    const auto wrong_type = [&](const char* expected) {
      fail(fmt::format("has a '{}' that is not {}", key, expected));
    };
    if constexpr (std::is_same_v<T, double>) {
      double out = 0;
      if (value.get_double().get(out) != simdjson::SUCCESS) wrong_type("a number");
      return out;
    } else if constexpr (std::is_same_v<T, int>) {
      std::int64_t out = 0;
      if (value.get_int64().get(out) != simdjson::SUCCESS ||
          out < std::numeric_limits<int>::min() || out > std::numeric_limits<int>::max())
        wrong_type("an integer");
      return static_cast<int>(out);
    } else if constexpr (std::is_same_v<T, bool>) {
      bool out = false;
      if (value.get_bool().get(out) != simdjson::SUCCESS) wrong_type("true or false");
      return out;
    } else {
      static_assert(std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>);
      std::string_view out;
      if (value.get_string().get(out) != simdjson::SUCCESS) wrong_type("a string");
      return T(out);
    }
  }

  simdjson::dom::object object_;
  std::string_view name_;
  std::optional<std::size_t> row_;
};

Prediction read_prediction(const Fields& f) {
  Prediction p;
  p.ticker = f.get<std::string>("ticker");
  p.predicted_direction =
      f.enum_of<Direction>(f.value("predicted_direction"), "predicted_direction");
  p.prediction_confidence = f.get<double>("prediction_confidence");
  p.predicted_alpha = f.get<double>("predicted_alpha");
  p.p_up = f.optional<double>("p_up");
  p.p_down = f.optional<double>("p_down");
  p.p_flat = f.optional<double>("p_flat");
  p.combined_rank = f.get<int>("combined_rank");
  p.gbm_veto = f.get<bool>("gbm_veto");
  p.momentum_veto = f.get<bool>("momentum_veto");
  p.momentum_20d = f.optional<double>("momentum_20d");
  p.expected_move = f.optional<double>("expected_move");
  p.meta_model_version = f.optional<std::string>("meta_model_version");
  p.price_data_age_days = f.optional<int>("price_data_age_days");
  if (const auto source = f.optional("watchlist_source"))
    p.watchlist_source = f.enum_of<WatchlistSource>(*source, "watchlist_source");
  return p;
}

OutputDistributionGate read_gate(const Fields& f) {
  OutputDistributionGate g;
  g.passed = f.get<bool>("passed");
  g.blocking = f.optional<bool>("blocking").value_or(false);
  g.failed_check = f.optional<std::string>("failed_check");
  g.reason = f.optional<std::string>("reason");
  return g;
}

}  // namespace

void to_json(nlohmann::json& j, const Prediction& p) {
  j = nlohmann::json::object();
  j["ticker"] = p.ticker;
  j["predicted_direction"] = p.predicted_direction;
  j["prediction_confidence"] = p.prediction_confidence;
  j["predicted_alpha"] = p.predicted_alpha;
  write_optional(j, "p_up", p.p_up);
  write_optional(j, "p_down", p.p_down);
  write_optional(j, "p_flat", p.p_flat);
  j["combined_rank"] = p.combined_rank;
  j["gbm_veto"] = p.gbm_veto;
  j["momentum_veto"] = p.momentum_veto;
  write_nullable(j, "momentum_20d", p.momentum_20d);
  write_optional(j, "expected_move", p.expected_move);
  write_optional(j, "meta_model_version", p.meta_model_version);
  write_optional(j, "price_data_age_days", p.price_data_age_days);
  write_optional(j, "watchlist_source", p.watchlist_source);
}

void to_json(nlohmann::json& j, const OutputDistributionGate& g) {
  j = nlohmann::json::object();
  j["passed"] = g.passed;
  j["blocking"] = g.blocking;
  write_optional(j, "failed_check", g.failed_check);
  write_optional(j, "reason", g.reason);
}

void to_json(nlohmann::json& j, const Predictions& p) {
  j = nlohmann::json::object();
  j["date"] = format_date(p.date);
  j["model_version"] = p.model_version;
  write_nullable(j, "model_hit_rate_30d", p.model_hit_rate_30d);
  j["n_predictions"] = p.n_predictions;
  j["n_high_confidence"] = p.n_high_confidence;
  write_optional(j, "veto_threshold", p.veto_threshold);
  write_optional(j, "output_distribution_gate", p.output_distribution_gate);
  j["predictions"] = p.predictions;
}

Predictions parse_predictions(std::string_view json) {
  // One parser per thread: it keeps its buffers from one file to the next.
  thread_local simdjson::dom::parser parser;
  element document;
  if (const auto error = parser.parse(json.data(), json.size()).get(document))
    invalid(fmt::format("not JSON ({})", simdjson::error_message(error)));
  const Fields f(document, "the document");
  Predictions p;
  p.date = parse_date(f.get<std::string_view>("date"));
  p.model_version = f.get<std::string>("model_version");
  p.model_hit_rate_30d = f.optional<double>("model_hit_rate_30d");
  p.n_predictions = f.get<int>("n_predictions");
  p.n_high_confidence = f.get<int>("n_high_confidence");
  p.veto_threshold = f.optional<double>("veto_threshold");
  if (const auto gate = f.optional("output_distribution_gate"))
    p.output_distribution_gate = read_gate(Fields(*gate, "output_distribution_gate"));
  simdjson::dom::array rows;
  if (f.value("predictions").get_array().get(rows) != simdjson::SUCCESS)
    invalid("the document has a 'predictions' that is not an array");
  p.predictions.reserve(rows.size());
  std::size_t row = 0;
  for (const element value : rows)
    p.predictions.push_back(read_prediction(Fields(value, "predictions", row++)));
  return p;
}

Predictions read_predictions(const ArtifactStore& store, std::string_view key) {
  const std::string bytes = store.get(key);
  parse_stored_contract(Contract::kPredictions, bytes, key);  // throws unless valid
  return parse_predictions(bytes);
}

void from_json(const nlohmann::json& j, Predictions& p) { p = parse_predictions(j.dump()); }

}  // namespace ae::core
