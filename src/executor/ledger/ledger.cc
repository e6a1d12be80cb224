#include "executor/ledger/ledger.h"

#include <cmath>

namespace ae::executor {
namespace {

const std::vector<std::string> kLedgerMigrations = {
    R"(CREATE TABLE trades(
         trade_id TEXT PRIMARY KEY, date TEXT NOT NULL, ticker TEXT NOT NULL,
         action TEXT NOT NULL, shares INTEGER NOT NULL, fill_price REAL NOT NULL,
         commission REAL NOT NULL, created_at TEXT NOT NULL, signal_price REAL,
         trigger_type TEXT, portfolio_nav_at_order REAL, spy_price_at_order REAL,
         entry_trade_id TEXT, realized_pnl REAL, realized_return_pct REAL,
         spy_return_during_hold REAL, realized_alpha_pct REAL, days_held INTEGER,
         exit_reason TEXT);
       CREATE INDEX trades_ticker ON trades(ticker, date);
       CREATE TABLE eod_pnl(
         date TEXT PRIMARY KEY, portfolio_nav REAL NOT NULL, daily_return_pct REAL,
         spy_return_pct REAL, daily_alpha_pct REAL, positions_snapshot TEXT NOT NULL,
         spy_close REAL NOT NULL, total_cash REAL NOT NULL, unrealized_pnl REAL NOT NULL,
         realized_pnl REAL NOT NULL);
       CREATE TABLE executor_shadow_book(
         date TEXT NOT NULL, ticker TEXT NOT NULL, block_reason TEXT NOT NULL,
         research_score REAL, conviction TEXT, sector TEXT, sector_rating TEXT,
         predicted_direction TEXT, prediction_confidence REAL, intended_position_pct REAL,
         intended_shares INTEGER, intended_dollars REAL, current_price REAL,
         portfolio_nav REAL, market_regime TEXT, PRIMARY KEY(date, ticker));
       CREATE TABLE metrics(
         id INTEGER PRIMARY KEY, timestamp TEXT NOT NULL, namespace TEXT NOT NULL,
         name TEXT NOT NULL, dimensions TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL);
       CREATE TABLE account(id INTEGER PRIMARY KEY CHECK(id = 1), opening_cash REAL NOT NULL);)",
    R"(DROP TABLE metrics;
       CREATE TABLE daemon_day(
         seq INTEGER PRIMARY KEY, date TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
         payload TEXT, UNIQUE(date, kind, key));)",
    // Trades recorded before the broker was a setting were the paper broker's.
    R"(ALTER TABLE trades ADD COLUMN source TEXT NOT NULL DEFAULT 'paper';)"};

template <typename T>
void bind_optional(core::Statement& s, int index, const std::optional<T>& value) {
  if (value)
    s.bind(index, *value);
  else
    s.bind_null(index);
}

std::optional<double> optional_double(const core::Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.column_double(column);
}

bool is_sell(const std::string& action) { return action != "ENTER"; }

// False while the connection is inside a transaction (the caller's).
bool in_autocommit(const core::Database& db) { return sqlite3_get_autocommit(db.handle()) != 0; }

}  // namespace

Ledger::Ledger(const std::filesystem::path& path)
    : db_((std::filesystem::create_directories(path.parent_path()), path),
          core::Durability::kNormal) {
  db_.migrate(kLedgerMigrations);
}

Ledger::Ledger(const std::filesystem::path& path, core::ReadOnly) : db_(path, core::kReadOnly) {
  db_.migrate(kLedgerMigrations);
}

void Ledger::ensure_opening_cash(double cash) {
  db_.prepare("INSERT OR IGNORE INTO account(id, opening_cash) VALUES(1, ?)").bind(1, cash).run();
}

double Ledger::opening_cash() {
  auto s = db_.prepare("SELECT opening_cash FROM account WHERE id = 1");
  return s.step() ? s.column_double(0) : 0.0;
}

bool Ledger::has_trade(const std::string& trade_id) {
  auto s = statements_.use("SELECT 1 FROM trades WHERE trade_id = ?");
  s->bind(1, trade_id);
  return s->step();
}

bool Ledger::record_trade(TradeRecord t) {
  std::optional<core::Transaction> tx;  // ours unless the caller holds one
  if (in_autocommit(db_)) tx.emplace(db_);
  if (has_trade(t.trade_id)) return false;
  if (is_sell(t.action) && t.action != "COVER") {
    // Most recent ENTER with unmatched shares.
    auto use = statements_.use(
        "SELECT e.trade_id, e.fill_price, e.spy_price_at_order, e.date, e.shares - "
        "COALESCE((SELECT SUM(x.shares) FROM trades x WHERE x.entry_trade_id = e.trade_id), 0) "
        "FROM trades e WHERE e.ticker = ? AND e.action = 'ENTER' ORDER BY e.date DESC, "
        "e.created_at DESC");
    auto& s = *use;
    s.bind(1, t.ticker);
    while (s.step()) {
      if (s.column_int(4) <= 0) continue;
      const double entry = s.column_double(1);
      t.entry_trade_id = s.column_text(0);
      t.realized_pnl = (t.fill_price - entry) * t.shares;
      t.realized_return_pct = (t.fill_price / entry - 1) * 100;
      t.days_held = core::days_between(core::parse_date(s.column_text(3)), t.date);
      const auto spy_entry = optional_double(s, 2);
      if (spy_entry && t.spy_price_at_order && *spy_entry > 0) {
        t.spy_return_during_hold = (*t.spy_price_at_order / *spy_entry - 1) * 100;
        t.realized_alpha_pct = *t.realized_return_pct - *t.spy_return_during_hold;
      }
      break;
    }
  }
  auto use = statements_.use(
      "INSERT INTO trades(trade_id, date, ticker, action, shares, fill_price, commission, "
      "created_at, signal_price, trigger_type, portfolio_nav_at_order, spy_price_at_order, "
      "entry_trade_id, realized_pnl, realized_return_pct, spy_return_during_hold, "
      "realized_alpha_pct, days_held, exit_reason, source) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  auto& s = *use;
  s.bind(1, t.trade_id).bind(2, core::format_date(t.date)).bind(3, t.ticker).bind(4, t.action);
  s.bind(5, t.shares).bind(6, t.fill_price).bind(7, t.commission);
  s.bind(8, core::format_timestamp(t.created_at));
  bind_optional(s, 9, t.signal_price);
  bind_optional(s, 10, t.trigger_type);
  bind_optional(s, 11, t.portfolio_nav_at_order);
  bind_optional(s, 12, t.spy_price_at_order);
  bind_optional(s, 13, t.entry_trade_id);
  bind_optional(s, 14, t.realized_pnl);
  bind_optional(s, 15, t.realized_return_pct);
  bind_optional(s, 16, t.spy_return_during_hold);
  bind_optional(s, 17, t.realized_alpha_pct);
  if (t.days_held)
    s.bind(18, *t.days_held);
  else
    s.bind_null(18);
  bind_optional(s, 19, t.exit_reason);
  s.bind(20, t.source);
  s.run();
  if (tx) tx->commit();
  return true;
}

std::vector<TradeRecord> Ledger::trades(std::optional<core::Date> on) {
  std::vector<TradeRecord> out;
  auto s = db_.prepare(
      "SELECT trade_id, date, ticker, action, shares, fill_price, commission, created_at, "
      "signal_price, trigger_type, portfolio_nav_at_order, spy_price_at_order, entry_trade_id, "
      "realized_pnl, realized_return_pct, spy_return_during_hold, realized_alpha_pct, days_held, "
      "exit_reason, source FROM trades WHERE ?1 IS NULL OR date = ?1 ORDER BY date, created_at, "
      "trade_id");
  if (on)
    s.bind(1, core::format_date(*on));
  else
    s.bind_null(1);
  while (s.step()) {
    TradeRecord t;
    t.trade_id = s.column_text(0);
    t.date = core::parse_date(s.column_text(1));
    t.ticker = s.column_text(2);
    t.action = s.column_text(3);
    t.shares = static_cast<int>(s.column_int(4));
    t.fill_price = s.column_double(5);
    t.commission = s.column_double(6);
    t.created_at = core::parse_timestamp(s.column_text(7));
    t.signal_price = optional_double(s, 8);
    t.trigger_type = s.column_optional_text(9);
    t.portfolio_nav_at_order = optional_double(s, 10);
    t.spy_price_at_order = optional_double(s, 11);
    t.entry_trade_id = s.column_optional_text(12);
    t.realized_pnl = optional_double(s, 13);
    t.realized_return_pct = optional_double(s, 14);
    t.spy_return_during_hold = optional_double(s, 15);
    t.realized_alpha_pct = optional_double(s, 16);
    if (!s.is_null(17)) t.days_held = static_cast<int>(s.column_int(17));
    t.exit_reason = s.column_optional_text(18);
    t.source = s.column_text(19);
    out.push_back(std::move(t));
  }
  return out;
}

std::map<std::string, LedgerPosition> Ledger::positions() {
  std::map<std::string, LedgerPosition> out;
  for (const auto& t : trades()) {
    auto& p = out[t.ticker];
    if (t.action == "ENTER" || t.action == "COVER") {
      p.cost += t.shares * t.fill_price;
      p.shares += t.shares;
      if (t.action == "ENTER") p.entry_date = t.date;
    } else {
      if (p.shares > 0) p.cost -= p.cost * t.shares / p.shares;
      p.shares -= t.shares;
    }
    if (p.shares == 0) out.erase(t.ticker);
  }
  return out;
}

double Ledger::cash() {
  double cash = opening_cash();
  for (const auto& t : trades()) {
    const double notional = t.shares * t.fill_price;
    cash += (t.action == "ENTER" || t.action == "COVER") ? -notional : notional;
    cash -= t.commission;
  }
  return cash;
}

double Ledger::realized_pnl_on(core::Date date) {
  auto s = db_.prepare("SELECT COALESCE(SUM(realized_pnl), 0) FROM trades WHERE date = ?");
  s.bind(1, core::format_date(date));
  s.step();
  return s.column_double(0);
}

std::optional<core::Date> Ledger::latest_entry_date(const std::string& ticker) {
  auto s = db_.prepare("SELECT MAX(date) FROM trades WHERE ticker = ? AND action = 'ENTER'");
  s.bind(1, ticker);
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return core::parse_date(s.column_text(0));
}

std::optional<double> Ledger::peak_nav(std::optional<core::Date> since) {
  auto s = db_.prepare("SELECT MAX(portfolio_nav) FROM eod_pnl WHERE date >= ?");
  s.bind(1, since ? core::format_date(*since) : std::string("0000-00-00"));
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return s.column_double(0);
}

namespace {
EodRow read_eod(const core::Statement& s) {
  EodRow r;
  r.date = core::parse_date(s.column_text(0));
  r.portfolio_nav = s.column_double(1);
  r.daily_return_pct = optional_double(s, 2);
  r.spy_return_pct = optional_double(s, 3);
  r.daily_alpha_pct = optional_double(s, 4);
  r.positions_snapshot = s.column_text(5);
  r.spy_close = s.column_double(6);
  r.total_cash = s.column_double(7);
  r.unrealized_pnl = s.column_double(8);
  r.realized_pnl = s.column_double(9);
  return r;
}
constexpr const char* kEodColumns =
    "date, portfolio_nav, daily_return_pct, spy_return_pct, daily_alpha_pct, positions_snapshot, "
    "spy_close, total_cash, unrealized_pnl, realized_pnl";
}  // namespace

std::optional<EodRow> Ledger::eod_before(core::Date date) {
  auto s = db_.prepare(std::string("SELECT ") + kEodColumns +
                       " FROM eod_pnl WHERE date < ? ORDER BY date DESC LIMIT 1");
  s.bind(1, core::format_date(date));
  if (!s.step()) return std::nullopt;
  return read_eod(s);
}

void Ledger::upsert_eod(const EodRow& r) {
  auto s = db_.prepare(std::string("INSERT OR REPLACE INTO eod_pnl(") + kEodColumns +
                       ") VALUES(?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, core::format_date(r.date)).bind(2, r.portfolio_nav);
  bind_optional(s, 3, r.daily_return_pct);
  bind_optional(s, 4, r.spy_return_pct);
  bind_optional(s, 5, r.daily_alpha_pct);
  s.bind(6, r.positions_snapshot).bind(7, r.spy_close).bind(8, r.total_cash);
  s.bind(9, r.unrealized_pnl).bind(10, r.realized_pnl);
  s.run();
}

std::vector<EodRow> Ledger::eod_rows() {
  std::vector<EodRow> out;
  auto s = db_.prepare(std::string("SELECT ") + kEodColumns + " FROM eod_pnl ORDER BY date");
  while (s.step()) out.push_back(read_eod(s));
  return out;
}

void Ledger::replace_shadow_book(core::Date date, const std::vector<ShadowEntry>& blocked) {
  core::Transaction tx(db_);
  const auto day = core::format_date(date);
  db_.prepare("DELETE FROM executor_shadow_book WHERE date = ?").bind(1, day).run();
  auto s = db_.prepare(
      "INSERT OR REPLACE INTO executor_shadow_book(date, ticker, block_reason, research_score, "
      "conviction, sector, sector_rating, predicted_direction, prediction_confidence, "
      "intended_position_pct, intended_shares, intended_dollars, current_price, portfolio_nav, "
      "market_regime) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& e : blocked) {
    s.reset();
    s.bind(1, day).bind(2, e.ticker).bind(3, e.block_reason);
    bind_optional(s, 4, e.research_score);
    s.bind(5, e.conviction).bind(6, e.sector).bind(7, e.sector_rating);
    bind_optional(s, 8, e.predicted_direction);
    bind_optional(s, 9, e.prediction_confidence);
    s.bind(10, e.intended_position_pct).bind(11, e.intended_shares).bind(12, e.intended_dollars);
    bind_optional(s, 13, e.current_price);
    s.bind(14, e.portfolio_nav).bind(15, e.market_regime);
    s.run();
  }
  tx.commit();
}

int Ledger::shadow_count(core::Date date) {
  auto s = db_.prepare("SELECT COUNT(*) FROM executor_shadow_book WHERE date = ?");
  s.bind(1, core::format_date(date));
  s.step();
  return static_cast<int>(s.column_int(0));
}

}  // namespace ae::executor
