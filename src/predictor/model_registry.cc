#include "predictor/model_registry.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/error.h"

namespace ae::predictor {
namespace {

nlohmann::json parse_object(const std::string& text, const std::string& key) {
  auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object())
    throw core::InvalidInput(key + ": not a JSON object (corrupt model artifact)");
  return document;
}

std::string get_or_not_found(const core::ArtifactStore& store, const std::string& key,
                             const std::string& version) {
  try {
    return store.get(key);
  } catch (const core::NotFound&) {
    throw core::NotFound(fmt::format("model version '{}' not found ({} is missing)", version, key));
  }
}

nlohmann::json read_champion_record(const core::ArtifactStore& store) {
  if (auto text = store.try_get(kChampionKey)) return parse_object(*text, kChampionKey);
  return nlohmann::json{{"version", nullptr}, {"history", nlohmann::json::array()}};
}

}  // namespace

std::string model_prefix(const std::string& version) { return "predictor/models/" + version + "/"; }

std::vector<std::string> LoadedModel::feature_names() const {
  return metadata.at("feature_names").get<std::vector<std::string>>();
}

std::vector<std::string> LoadedModel::neutralize() const {
  return metadata.value("neutralize", std::vector<std::string>{});
}

void save_version(core::ArtifactStore& store, const std::string& version, const XgbModel& model,
                  const IsotonicCalibrator& calibrator, const nlohmann::json& metadata) {
  const auto prefix = model_prefix(version);
  if (store.exists(prefix + "metadata.json"))
    throw core::InvalidInput("model version '" + version + "' already exists");
  store.put(prefix + "model.json", model.save_json());
  store.put(prefix + "calibrator.json", calibrator.to_json().dump());
  // metadata last: a version is listed only once it is complete.
  store.put(prefix + "metadata.json", metadata.dump(2));
}

LoadedModel load_version(const core::ArtifactStore& store, const std::string& version) {
  core::validate_key(version);
  const auto prefix = model_prefix(version);
  LoadedModel loaded;
  loaded.version = version;
  loaded.metadata = parse_object(get_or_not_found(store, prefix + "metadata.json", version),
                                 prefix + "metadata.json");
  if (!loaded.metadata.contains("feature_names") || !loaded.metadata["feature_names"].is_array())
    throw core::InvalidInput(prefix + "metadata.json: feature_names missing");
  loaded.calibrator = IsotonicCalibrator::from_json(
      parse_object(get_or_not_found(store, prefix + "calibrator.json", version),
                   prefix + "calibrator.json"),
      prefix + "calibrator.json");
  loaded.model = XgbModel::load_json(get_or_not_found(store, prefix + "model.json", version),
                                     prefix + "model.json");
  return loaded;
}

std::vector<nlohmann::json> list_versions(const core::ArtifactStore& store) {
  std::vector<nlohmann::json> out;
  for (const auto& key : store.list("predictor/models/")) {
    if (!key.ends_with("/metadata.json")) continue;
    auto document = nlohmann::json::parse(store.get(key), nullptr, false);
    if (document.is_discarded()) {
      spdlog::warn("predictor: {} is not valid JSON; skipped", key);
      continue;
    }
    out.push_back(std::move(document));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::pair(a.value("created_at", std::string()), a.value("version", std::string())) <
           std::pair(b.value("created_at", std::string()), b.value("version", std::string()));
  });
  return out;
}

std::optional<std::string> champion_version(const core::ArtifactStore& store) {
  const auto record = read_champion_record(store);
  if (!record.contains("version") || !record["version"].is_string()) return std::nullopt;
  return record["version"].get<std::string>();
}

LoadedModel load_champion(const core::ArtifactStore& store) {
  const auto version = champion_version(store);
  if (!version) throw core::NotFound("no champion model; run `ae train --promote` first");
  return load_version(store, *version);
}

double oos_ic(const nlohmann::json& metadata) {
  return metadata.at("metrics").at("overall").at("ic").get<double>();
}

PromotionDecision promote(core::ArtifactStore& store, const core::Clock& clock,
                          const std::string& version, double min_ic, double margin, bool force) {
  const auto candidate = load_version(store, version);  // validates every artifact
  const double ic = oos_ic(candidate.metadata);
  auto record = read_champion_record(store);
  const auto current = champion_version(store);
  PromotionDecision decision;
  if (current && *current == version) {
    decision.reason = version + " is already the champion";
    return decision;
  }
  if (!force) {
    if (!(ic > min_ic)) {
      decision.refused = true;
      decision.reason = fmt::format("OOS IC {:.4f} is not above the minimum {:.4f}", ic, min_ic);
      return decision;
    }
    if (current) {
      const double champion_ic = oos_ic(load_version(store, *current).metadata);
      if (ic < champion_ic + margin) {
        decision.refused = true;
        decision.reason =
            fmt::format("OOS IC {:.4f} does not beat the champion {} ({:.4f}) by {:.4f}", ic,
                        *current, champion_ic, margin);
        return decision;
      }
    }
  }
  if (current) record["history"].push_back(*current);
  record["version"] = version;
  record["promoted_at"] = core::format_timestamp(clock.now());
  store.put(kChampionKey, record.dump(2));
  decision.promoted = true;
  decision.reason =
      fmt::format("{} promoted (OOS IC {:.4f}){}", version, ic, force ? ", forced" : "");
  return decision;
}

std::string rollback(core::ArtifactStore& store, const core::Clock& clock) {
  auto record = read_champion_record(store);
  auto& history = record["history"];
  if (!history.is_array() || history.empty())
    throw core::InvalidInput("no previous champion to roll back to");
  const auto previous = history.back().get<std::string>();
  load_version(store, previous);  // refuse to roll back onto a broken version
  history.erase(history.size() - 1);
  record["version"] = previous;
  record["promoted_at"] = core::format_timestamp(clock.now());
  store.put(kChampionKey, record.dump(2));
  return previous;
}

}  // namespace ae::predictor
