#include "web/model_view.h"

#include <cmath>

#include "charts/chart.h"
#include "predictor/model_registry.h"

namespace ae::web {
namespace {

double number_at(const Json& object, const char* key) {
  return object.contains(key) && object[key].is_number() ? object[key].get<double>() : std::nan("");
}

}  // namespace

Json model(const HomeReader& home) {
  Json result{
      {"champion", nullptr},
      {"promotion", nullptr},
      {"versions", Json::array()},
      {"folds", Json::array()},
      {"overall", nullptr},
      {"calibration", nullptr},
      {"latest_metrics", store_json(home, "predictor/metrics/latest.json").value_or(Json())},
      {"charts", Json::object()}};
  for (const auto& metadata : predictor::list_versions(home.store())) {
    result["versions"].push_back({{"version", metadata.value("version", Json())},
                                  {"created_at", metadata.value("created_at", Json())},
                                  {"model_type", metadata.value("model_type", Json())},
                                  {"oos_ic", predictor::oos_ic(metadata)}});
  }
  const auto champion = store_json(home, predictor::kChampionKey);
  std::vector<std::string> fold_labels;
  std::vector<double> fold_ic, fold_rank_ic;
  charts::ScatterChart calibration;
  calibration.title = "Calibration (holdout): predicted p_up vs share positive";
  calibration.diagonal = true;
  calibration.x_format = charts::ValueFormat::kPercent;
  calibration.y_format = charts::ValueFormat::kPercent;
  calibration.x_label = "mean predicted p_up";
  calibration.y_label = "observed share positive";
  calibration.size = {480, 360};
  if (champion) {
    result["promotion"] = *champion;
    const std::string version = champion->value("version", "");
    result["champion"] = version;
    if (const auto metadata =
            store_json(home, predictor::model_prefix(version) + "metadata.json")) {
      const Json metrics = metadata->value("metrics", Json::object());
      result["overall"] = metrics.value("overall", Json());
      result["created_at"] = metadata->value("created_at", Json());
      result["label"] = metadata->value("label", Json());
      for (const auto& fold : metrics.value("folds", Json::array())) {
        const Json m = fold.value("metrics", Json::object());
        result["folds"].push_back({{"index", fold.value("index", Json())},
                                   {"test", fold.value("test", Json())},
                                   {"test_rows", fold.value("test_rows", Json())},
                                   {"ic", m.value("ic", Json())},
                                   {"rank_ic", m.value("rank_ic", Json())},
                                   {"hit_rate", m.value("hit_rate", Json())},
                                   {"icir", m.value("icir", Json())}});
        fold_labels.push_back("fold " + std::to_string(fold.value("index", 0)));
        fold_ic.push_back(number_at(m, "ic"));
        fold_rank_ic.push_back(number_at(m, "rank_ic"));
      }
      const Json holdout =
          metadata->value("calibration", Json::object()).value("holdout", Json::object());
      result["calibration"] = holdout.is_object() && !holdout.empty() ? holdout : Json();
      charts::XYSeries curve{"holdout", {}, {}, "#1565c0", true};
      for (const auto& bin : holdout.value("reliability", Json::array())) {
        curve.x.push_back(number_at(bin, "mean_p_up"));
        curve.y.push_back(number_at(bin, "share_label_positive"));
      }
      calibration.series.push_back(std::move(curve));
    }
  }
  result["charts"]["calibration"] = charts::render_scatter_chart(calibration);
  charts::BarChart ic_chart;
  ic_chart.title = "Out-of-sample IC by walk-forward fold";
  ic_chart.labels = fold_labels.empty() ? std::vector<std::string>{"-"} : fold_labels;
  ic_chart.values = fold_ic.empty() ? std::vector<double>{std::nan("")} : fold_ic;
  ic_chart.size = {480, 260};
  result["charts"]["fold_ic"] = charts::render_bar_chart(ic_chart);
  charts::BarChart rank_chart = ic_chart;
  rank_chart.title = "Out-of-sample rank IC by fold";
  rank_chart.values = fold_rank_ic.empty() ? std::vector<double>{std::nan("")} : fold_rank_ic;
  result["charts"]["fold_rank_ic"] = charts::render_bar_chart(rank_chart);
  return result;
}

}  // namespace ae::web
