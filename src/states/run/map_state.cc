#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

namespace {

// Iterations run at once when MaxConcurrency is 0 or absent (AWS runs up to
// 40 of an inline Map's iterations at a time).
constexpr size_t kMaxMapLanes = 40;

}  // namespace

// An integer-valued ...Path field of a Map state, with AWS's messages.
std::optional<double> ExecutionRun::map_number(const NumberOrPath& field, const char* name,
                                               bool integer, const Json& data,
                                               const Variables& variables) {
  if (field.value) return field.value;
  if (!field.path) return std::nullopt;
  Json value = path_value(*field.path, data, variables);
  if (value.is_string()) {  // AWS accepts numbers written as strings
    const std::string& text = value.get_ref<const std::string&>();
    char* end = nullptr;
    double parsed = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() &&
        (!integer || parsed == std::floor(parsed)))
      value = integer ? Json(static_cast<long long>(parsed)) : Json(parsed);
  }
  bool ok = integer ? value.is_number_integer() : value.is_number();
  if (!ok) {
    throw runtime_failure(std::string("The ") + name + "Path field refers to value \"" +
                          render_value(value) + "\" which is not a valid " +
                          (integer ? "integer" : "float") + ": " + field.path->text());
  }
  return value.get<double>();
}

ExecutionRun::Outcome ExecutionRun::run_map(const State& state, const Json& raw,
                                            Variables& variables, long long entry_id) {
  Json effective = input_of(state, raw, variables);
  Json items = state.items_path ? path_value(*state.items_path, effective, variables) : effective;
  if (!items.is_array()) {
    throw runtime_failure("Invalid path '" + (state.items_path ? state.items_path->text() : "$") +
                          "' : the Map state's items must be an array, got " + items.dump());
  }
  auto max_concurrency =
      map_number(state.max_concurrency, "MaxConcurrency", true, effective, variables);
  if (max_concurrency && *max_concurrency < 0)
    throw runtime_failure("MaxConcurrency cannot be negative.");
  auto tolerated_count = map_number(state.tolerated_failure_count, "ToleratedFailureCount", true,
                                    effective, variables);
  if (tolerated_count && *tolerated_count < 0)
    throw runtime_failure("ToleratedFailureCount cannot be negative.");
  auto tolerated_percentage = map_number(state.tolerated_failure_percentage,
                                         "ToleratedFailurePercentage", false, effective, variables);
  if (tolerated_percentage && (*tolerated_percentage < 0 || *tolerated_percentage > 100))
    throw runtime_failure("ToleratedFailurePercentage must be between 0 and 100.");

  // Item inputs: ItemSelector per item, then optional batching.
  std::vector<Json> inputs;
  inputs.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (state.parameters) {
      context_["Map"] = {{"Item", {{"Index", i}, {"Value", items[i]}}}};
      try {
        inputs.push_back(state.parameters->evaluate(scope(effective, variables)));
      } catch (...) {
        context_.erase("Map");
        throw;
      }
      context_.erase("Map");
    } else {
      inputs.push_back(std::move(items[i]));
    }
  }
  if (state.item_batcher) inputs = batch(state, std::move(inputs), effective, variables);

  emit("MapStateStarted", state.name,
       history_ != nullptr ? Json{{"length", inputs.size()}} : Json());
  const bool tolerant = tolerated_count.has_value() || tolerated_percentage.has_value();
  // Both thresholds given: the Map fails only when the failures exceed both.
  auto exceeds_tolerance = [&](size_t failures) {
    const double count = static_cast<double>(failures);
    const double percentage = count * 100.0 / static_cast<double>(inputs.size());
    const bool over_count = tolerated_count && count > *tolerated_count;
    const bool over_percentage = tolerated_percentage && percentage > *tolerated_percentage;
    if (tolerated_count && tolerated_percentage) return over_count && over_percentage;
    return over_count || over_percentage;
  };
  size_t failures = 0;
  Iterations plan;
  plan.count = inputs.size();
  plan.lanes = !may_wait(*state.processor) ? 1
               : max_concurrency && *max_concurrency > 0
                   ? static_cast<size_t>(std::min(*max_concurrency, double(kMaxMapLanes)))
                   : kMaxMapLanes;
  plan.machine = [&](size_t) -> const StateMachine& { return *state.processor; };
  plan.input = [&](size_t i) { return std::move(inputs[i]); };
  plan.stops = [&](size_t, const StateFailure& failure) {
    return !tolerant || failure.error() == errors::kRuntime || exceeds_tolerance(++failures);
  };
  IterationResults done = run_iterations(state, entry_id, variables, plan);
  if (done.stopped_by) {
    if (!tolerant || done.stopped_by->error() == errors::kRuntime) throw *done.stopped_by;
    throw StateFailure(errors::kExceedToleratedFailureThreshold,
                       "The specified tolerated failure threshold was exceeded");
  }
  Json results = Json::array();
  results.get_ref<Json::array_t&>() = std::move(done.outputs);
  for (auto& [i, failure] : done.failures) {  // tolerated ones
    Json error = Json::object();
    if (!failure.error().empty()) error["Error"] = failure.error();
    if (!failure.cause().empty()) error["Cause"] = failure.cause();
    results[i] = std::move(error);
  }
  emit("MapStateSucceeded", state.name);
  return finish(state, raw, std::move(results), variables, &state.next);
}

std::vector<Json> ExecutionRun::batch(const State& state, std::vector<Json> inputs,
                                      const Json& effective, const Variables& variables) {
  const ItemBatcher& batcher = *state.item_batcher;
  auto max_items =
      map_number(batcher.max_items_per_batch, "MaxItemsPerBatch", true, effective, variables);
  auto max_bytes = map_number(batcher.max_input_bytes_per_batch, "MaxInputBytesPerBatch", true,
                              effective, variables);
  std::optional<Json> batch_input;
  if (batcher.batch_input) batch_input = batcher.batch_input->evaluate(scope(effective, variables));
  std::vector<Json> batches;
  Json current = Json::array();
  size_t bytes = 0;
  for (auto& item : inputs) {
    size_t size = item.dump().size();
    bool full =
        !current.empty() && ((max_items && static_cast<double>(current.size()) >= *max_items) ||
                             (max_bytes && static_cast<double>(bytes + size) > *max_bytes));
    if (full) {
      batches.push_back(std::move(current));
      current = Json::array();
      bytes = 0;
    }
    bytes += size;
    current.push_back(std::move(item));
  }
  if (!current.empty()) batches.push_back(std::move(current));
  std::vector<Json> out;
  for (auto& items : batches) {
    Json input = {{"Items", std::move(items)}};
    if (batch_input) input["BatchInput"] = *batch_input;
    out.push_back(std::move(input));
  }
  return out;
}

}  // namespace ae::states
