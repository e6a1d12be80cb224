#include "research/history.h"

#include <cmath>

namespace ae::research {
namespace {

const std::vector<std::string> kMigrations = {
    R"sql(
CREATE TABLE runs (
  date TEXT PRIMARY KEY, generated_at TEXT NOT NULL, regime TEXT NOT NULL,
  counts TEXT NOT NULL, metadata TEXT NOT NULL);
CREATE TABLE scores (
  date TEXT NOT NULL, ticker TEXT NOT NULL, sector TEXT NOT NULL, team TEXT NOT NULL,
  source TEXT NOT NULL, price REAL, technical_score REAL, quant_score REAL, qual_score REAL,
  factor_subscore REAL, final_score REAL, rating TEXT, conviction TEXT,
  PRIMARY KEY (date, ticker));
CREATE TABLE scanner_evaluations (
  date TEXT NOT NULL, ticker TEXT NOT NULL, technical_score REAL, liquidity_pass INTEGER,
  volatility_pass INTEGER, quant_filter_pass INTEGER, fail_reason TEXT, path TEXT,
  PRIMARY KEY (date, ticker));
CREATE TABLE population (
  date TEXT NOT NULL, ticker TEXT NOT NULL, sector TEXT NOT NULL, entry_date TEXT NOT NULL,
  score REAL NOT NULL, rating TEXT NOT NULL, conviction TEXT NOT NULL, thesis_summary TEXT,
  PRIMARY KEY (date, ticker));
CREATE TABLE population_events (
  date TEXT NOT NULL, ticker TEXT NOT NULL, event TEXT NOT NULL, detail TEXT, score REAL);
CREATE INDEX population_events_date ON population_events (date);
CREATE TABLE theses (
  date TEXT NOT NULL, ticker TEXT NOT NULL, thesis_summary TEXT, rationale TEXT,
  catalysts TEXT, PRIMARY KEY (date, ticker));
CREATE TABLE signal_outcomes (
  date TEXT NOT NULL, ticker TEXT NOT NULL, signal TEXT NOT NULL, score REAL,
  entry_price REAL NOT NULL, return_10d REAL, return_30d REAL, spy_return_10d REAL,
  spy_return_30d REAL, PRIMARY KEY (date, ticker));
)sql"};

template <typename T>
std::string json_text(const T& value) {
  return nlohmann::json(value).template get<std::string>();
}

void bind_optional(core::Statement& s, int index, const std::optional<double>& value) {
  if (value) {
    s.bind(index, *value);
  } else {
    s.bind_null(index);
  }
}

double close_on(const market::BarStore& store, const std::string& symbol, std::int32_t day) {
  if (!store.contains(symbol)) return NAN;
  return store.read(symbol).value_on(market::Field::kClose, store.calendar().date_at(day));
}

}  // namespace

ResearchHistory::ResearchHistory(core::Database& database) : db_(database) {
  db_.migrate(kMigrations);
}

std::vector<Member> ResearchHistory::population_before(core::Date date) {
  auto s = db_.prepare(
      "SELECT ticker, sector, entry_date, score, rating, conviction, thesis_summary "
      "FROM population WHERE date = (SELECT MAX(date) FROM population WHERE date < ?1) "
      "ORDER BY ticker");
  s.bind(1, core::format_date(date));
  std::vector<Member> out;
  while (s.step()) {
    Member m;
    m.ticker = s.column_text(0);
    m.sector = market::canonical_sector(s.column_text(1));
    m.entry_date = core::parse_date(s.column_text(2));
    m.score = s.column_double(3);
    m.rating = nlohmann::json(s.column_text(4)).get<core::Rating>();
    m.conviction = nlohmann::json(s.column_text(5)).get<core::Conviction>();
    m.thesis_summary = s.column_optional_text(6).value_or("");
    out.push_back(std::move(m));
  }
  return out;
}

void ResearchHistory::record_run(const RunRecord& r) {
  const std::string date = core::format_date(r.date);
  core::Transaction transaction(db_);
  for (const char* table : {"runs", "scores", "scanner_evaluations", "population",
                            "population_events", "theses", "signal_outcomes"}) {
    db_.prepare(std::string("DELETE FROM ") + table + " WHERE date = ?1").bind(1, date).run();
  }
  db_.prepare("INSERT INTO runs VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, date)
      .bind(2, r.generated_at)
      .bind(3, json_text(r.regime))
      .bind(4, r.counts.dump())
      .bind(5, r.metadata.dump())
      .run();
  auto score = db_.prepare(
      "INSERT INTO scores VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  for (std::size_t i = 0; i < r.scored.size(); ++i) {
    const auto& s = *r.scored[i];
    score.bind(1, date)
        .bind(2, s.ticker)
        .bind(3, std::string(market::sector_name(s.sector)))
        .bind(4, s.team)
        .bind(5, r.scored_source[i])
        .bind(6, s.price)
        .bind(7, s.technical_score)
        .bind(8, s.quant_score);
    bind_optional(score, 9, s.qual_score);
    bind_optional(score, 10, s.factor_subscore);
    score.bind(11, s.composite.final_score)
        .bind(12, json_text(s.composite.rating))
        .bind(13, json_text(s.conviction));
    score.run();
    score.reset();
  }
  if (r.scan != nullptr) {
    auto scan = db_.prepare(
        "INSERT OR REPLACE INTO scanner_evaluations VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& row : r.scan->rows) {
      scan.bind(1, date).bind(2, row.ticker);
      bind_optional(scan, 3, row.technical_score);
      scan.bind(4, row.liquidity_pass ? 1 : 0)
          .bind(5, row.volatility_pass ? 1 : 0)
          .bind(6, row.quant_filter_pass ? 1 : 0)
          .bind(7, std::string(scan_fail_name(row.fail)))
          .bind(8, std::string(scan_path_name(row.path)));
      scan.run();
      scan.reset();
    }
  }
  auto member = db_.prepare("INSERT INTO population VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const auto& m : r.population) {
    member.bind(1, date)
        .bind(2, m.ticker)
        .bind(3, std::string(market::sector_name(m.sector)))
        .bind(4, core::format_date(m.entry_date))
        .bind(5, m.score)
        .bind(6, json_text(m.rating))
        .bind(7, json_text(m.conviction))
        .bind(8, m.thesis_summary);
    member.run();
    member.reset();
  }
  auto event = db_.prepare("INSERT INTO population_events VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& ticker : r.entered) {
    event.bind(1, date).bind(2, ticker).bind(3, "ENTRY").bind_null(4).bind_null(5);
    event.run();
    event.reset();
  }
  for (const auto& exit : r.exits) {
    event.bind(1, date)
        .bind(2, exit.member.ticker)
        .bind(3, std::string(exit_reason_name(exit.reason)))
        .bind(4, exit.detail)
        .bind(5, exit.member.score);
    event.run();
    event.reset();
  }
  auto thesis = db_.prepare("INSERT OR REPLACE INTO theses VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& t : r.theses) {
    thesis.bind(1, date)
        .bind(2, t.ticker)
        .bind(3, t.thesis_summary)
        .bind(4, t.rationale)
        .bind(5, nlohmann::json(t.catalysts).dump());
    thesis.run();
    thesis.reset();
  }
  auto outcome = db_.prepare(
      "INSERT OR REPLACE INTO signal_outcomes (date, ticker, signal, score, entry_price) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& o : r.outcomes) {
    outcome.bind(1, date).bind(2, o.ticker).bind(3, json_text(o.signal));
    bind_optional(outcome, 4, o.score);
    outcome.bind(5, o.entry_price);
    outcome.run();
    outcome.reset();
  }
  transaction.commit();
}

int ResearchHistory::fill_forward_returns(const market::BarStore& store, core::Date as_of) {
  const auto& calendar = store.calendar();
  const std::int32_t today = calendar.index_of(as_of);
  struct Pending {
    std::string date, ticker;
    double entry;
    bool need10, need30;
  };
  std::vector<Pending> pending;
  auto select = db_.prepare(
      "SELECT date, ticker, entry_price, return_10d IS NULL, return_30d IS NULL "
      "FROM signal_outcomes WHERE return_10d IS NULL OR return_30d IS NULL");
  while (select.step()) {
    pending.push_back({select.column_text(0), select.column_text(1), select.column_double(2),
                       select.column_int(3) != 0, select.column_int(4) != 0});
  }
  int updated = 0;
  core::Transaction transaction(db_);
  for (const auto& p : pending) {
    const auto start = calendar.index_of(core::parse_date(p.date));
    const double spy_entry = close_on(store, "SPY", start);
    bool changed = false;
    for (int horizon : {10, 30}) {
      if (horizon == 10 ? !p.need10 : !p.need30) continue;
      if (start + horizon > today) continue;
      const double price = close_on(store, p.ticker, start + horizon);
      const double spy = close_on(store, "SPY", start + horizon);
      if (std::isnan(price) || p.entry <= 0) continue;
      const std::string column = std::to_string(horizon) + "d";
      auto update =
          db_.prepare("UPDATE signal_outcomes SET return_" + column + " = ?1, spy_return_" +
                      column + " = ?2 WHERE date = ?3 AND ticker = ?4");
      update.bind(1, price / p.entry - 1.0);
      if (std::isnan(spy) || std::isnan(spy_entry)) {
        update.bind_null(2);
      } else {
        update.bind(2, spy / spy_entry - 1.0);
      }
      update.bind(3, p.date).bind(4, p.ticker).run();
      changed = true;
    }
    if (changed) ++updated;
  }
  transaction.commit();
  return updated;
}

std::vector<core::Date> ResearchHistory::run_dates() {
  auto s = db_.prepare("SELECT date FROM runs ORDER BY date");
  std::vector<core::Date> out;
  while (s.step()) out.push_back(core::parse_date(s.column_text(0)));
  return out;
}

nlohmann::json ResearchHistory::outcomes(core::Date date) {
  auto s = db_.prepare(
      "SELECT ticker, signal, score, entry_price, return_10d, return_30d, spy_return_10d, "
      "spy_return_30d FROM signal_outcomes WHERE date = ?1 ORDER BY ticker");
  s.bind(1, core::format_date(date));
  nlohmann::json out = nlohmann::json::array();
  const auto number = [&](int column) {
    return s.is_null(column) ? nlohmann::json(nullptr) : nlohmann::json(s.column_double(column));
  };
  while (s.step()) {
    out.push_back({{"ticker", s.column_text(0)},
                   {"signal", s.column_text(1)},
                   {"score", number(2)},
                   {"entry_price", number(3)},
                   {"return_10d", number(4)},
                   {"return_30d", number(5)},
                   {"spy_return_10d", number(6)},
                   {"spy_return_30d", number(7)}});
  }
  return out;
}

}  // namespace ae::research
