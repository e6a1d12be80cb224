// alpha-engine dashboard: a single page over the read-only JSON API of
// `ae serve`. Hash routes (#/, #/executions, #/executions/<name>, ...), one
// render function per page; every text goes through textContent, and the
// only markup inserted as HTML is the SVG the server draws (ae::charts and
// the state graph, XML-escaped there).
'use strict';

(function () {
  const main = document.getElementById('main');

  // A token given once as ?token=... is kept for the tab and sent as a header.
  const token = (() => {
    const fromUrl = new URLSearchParams(window.location.search).get('token');
    if (fromUrl) sessionStorage.setItem('ae-token', fromUrl);
    return sessionStorage.getItem('ae-token') || '';
  })();

  function withToken(url) {
    if (!token) return url;
    return url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  }

  async function fetchText(path) {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    const response = await fetch(path, { headers });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).error || text; } catch (e) { /* plain text */ }
      throw new Error(response.status + ': ' + message);
    }
    return text;
  }

  async function api(path) { return JSON.parse(await fetchText(path)); }

  // --- element helpers ------------------------------------------------------
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') element.className = value;
      else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
      else element.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function svgBox(svg, cls) {
    const box = h('div', { class: 'chart ' + (cls || '') });
    box.innerHTML = svg || '';
    return box;
  }

  const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
  const fmt = {
    num: (v, d = 2) => (isNum(v) ? v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 }) : '–'),
    pct: (v, d = 2) => (isNum(v) ? (v * 100).toFixed(d) + '%' : '–'),        // fraction
    pctPoints: (v, d = 2) => (isNum(v) ? v.toFixed(d) + '%' : '–'),          // already percent
    money: (v) => (isNum(v) ? '$' + v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '–'),
    secs: (v) => (isNum(v) ? (v < 1 ? (v * 1000).toFixed(0) + ' ms' : v.toFixed(1) + ' s') : '–'),
    bool: (v) => (v === true ? 'yes' : v === false ? 'no' : '–'),
    text: (v) => (v === null || v === undefined || v === '' ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v)),
    micros: (v) => (isNum(v) ? new Date(v / 1000).toISOString().replace('.000Z', 'Z') : '–'),
  };

  function badge(status) {
    const s = String(status || 'unknown');
    return h('span', { class: 'badge badge-' + s.toLowerCase().replace(/[^a-z_]/g, '') }, s);
  }

  function link(href, text) { return h('a', { href }, text); }

  // columns: [{label, key, f: value -> text|Node, cls}]
  function table(columns, rows, options = {}) {
    if (!rows || rows.length === 0) return h('p', { class: 'empty' }, options.empty || 'Nothing to show.');
    return h('table', { class: 'data ' + (options.cls || '') },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.cls }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', { class: options.rowClass ? options.rowClass(row) : null },
        columns.map((c) => {
          const value = c.key ? row[c.key] : row;
          const shown = c.f ? c.f(value, row) : fmt.text(value);
          return h('td', { class: c.cls }, shown);
        })))));
  }

  function section(title, ...content) {
    return h('section', { class: 'card' }, h('h2', {}, title), ...content);
  }

  function kpi(label, value, cls) {
    return h('div', { class: 'kpi ' + (cls || '') }, h('div', { class: 'kpi-value' }, value), h('div', { class: 'kpi-label' }, label));
  }

  const signClass = (v) => (isNum(v) ? (v >= 0 ? 'pos' : 'neg') : '');

  function pretty(value) {
    if (value === null || value === undefined) return '–';
    if (value && value.truncated) return value.preview + ' … (truncated)';
    return JSON.stringify(value, null, 2);
  }

  function render(...content) {
    main.replaceChildren(...content);
  }

  // --- pages ------------------------------------------------------------
  async function pageToday() {
    const o = await api('/api/overview');
    if (o.empty) {
      return render(h('h1', {}, 'What happened today'),
        section('No executions yet',
          h('p', {}, 'This home has no executions, predictions or ledger yet.'),
          h('p', {}, 'Run ', h('code', {}, 'make run'), ' (or ', h('code', {}, 'ae simulate --from … --to …'),
            '), then reload this page.')));
    }
    const k = o.kpis || {};
    const cov = o.coverage;
    const act = o.activity || {};
    const covBody = cov ? h('div', {},
      h('p', { class: 'big' },
        h('strong', {}, fmt.text(cov.n_buy_candidates)), ' buy candidates · ',
        h('strong', {}, fmt.text(cov.n_predictions)), ' predictions · gap now: ',
        cov.has_gap ? h('span', { class: 'neg' }, 'yes (' + cov.missing_tickers.join(', ') + ')') : h('span', { class: 'pos' }, 'none')),
      h('p', {}, 'First check missing: ', (cov.first_check_missing || []).length ? cov.first_check_missing.join(', ') : 'none',
        ' · self-heal: ', badge(cov.self_heal), ' · unscored metric: ', fmt.text(cov.unscored_metric))) : h('p', { class: 'empty' }, 'No coverage data for this day.');
    const names = (list) => (list || []).map((e) => (typeof e === 'string' ? e : e.ticker + (e.reason ? ' (' + e.reason + ')' : ''))).join(', ') || 'none';
    render(
      h('h1', {}, 'What happened on ', o.date || '–'),
      h('div', { class: 'kpis' },
        kpi('NAV ' + (k.date || ''), fmt.money(k.nav)),
        kpi('daily alpha', fmt.pctPoints(k.daily_alpha_pct), signClass(k.daily_alpha_pct)),
        kpi('cumulative alpha', fmt.pct(k.cumulative_alpha), signClass(k.cumulative_alpha)),
        kpi('drawdown', fmt.pct(k.drawdown), signClass(k.drawdown)),
        kpi('alarms firing', String((o.alarms_firing || []).length), (o.alarms_firing || []).length ? 'neg' : 'pos')),
      h('div', { class: 'grid' },
        section('Executions',
          table([
            { label: 'execution', key: 'name', f: (v) => link('#/executions/' + encodeURIComponent(v), v) },
            { label: 'pipeline', key: 'pipeline' },
            { label: 'status', key: 'status', f: badge },
            { label: 'duration', key: 'duration_seconds', f: fmt.secs },
            { label: 'failed in', key: 'failed_state' },
          ], o.executions, { empty: 'No executions on this day.' })),
        section('Coverage', covBody),
        section('Activity',
          h('ul', { class: 'plain' },
            h('li', {}, 'Entries approved: ', names(act.entries_approved)),
            h('li', {}, 'Entries blocked: ', names(act.entries_blocked)),
            h('li', {}, 'Exits: ', names(act.exits)),
            h('li', {}, 'GBM vetoes: ', names(act.vetoes)),
            h('li', {}, 'Trades filled: ', fmt.text(act.trades)))),
        section('Health',
          h('div', { class: 'badges' }, (o.health.modules || []).map((m) => h('span', { class: 'module' }, m.module, ' ', badge(m.badge)))),
          (o.alarms_firing || []).length ? h('ul', { class: 'plain' }, o.alarms_firing.map((a) => h('li', {}, badge('ALARM'), ' ', a.alarm_name))) : h('p', { class: 'pos' }, 'No alarm firing.'))),
      section('NAV vs SPY', svgBox(o.nav_chart)));
  }

  async function pageExecutions(query) {
    const pipeline = query.get('pipeline') || '';
    const data = await api('/api/executions?limit=500' + (pipeline ? '&pipeline=' + encodeURIComponent(pipeline) : ''));
    const select = h('select', { id: 'pipeline-filter', onchange: (e) => { window.location.hash = '#/executions' + (e.target.value ? '?pipeline=' + e.target.value : ''); } },
      ['', 'weekday', 'eod', 'saturday'].map((p) => h('option', { value: p, selected: p === pipeline ? 'selected' : null }, p || 'all pipelines')));
    render(h('h1', {}, 'Executions'),
      h('p', {}, select, ' ', data.total + ' executions'),
      table([
        { label: 'execution', key: 'name', f: (v) => link('#/executions/' + encodeURIComponent(v), v) },
        { label: 'pipeline', key: 'pipeline' },
        { label: 'date', key: 'date' },
        { label: 'status', key: 'status', f: badge },
        { label: 'started', key: 'start_time' },
        { label: 'duration', key: 'duration_seconds', f: fmt.secs, cls: 'num' },
        { label: 'failed in', key: 'failed_state' },
        { label: 'error', key: 'error' },
      ], data.executions, { empty: 'No executions yet. Run make run or ae simulate.', cls: 'executions' }));
  }

  async function pageExecution(name) {
    const [d, graph] = await Promise.all([
      api('/api/executions/' + encodeURIComponent(name)),
      fetchText('/api/executions/' + encodeURIComponent(name) + '/graph.svg'),
    ]);
    const detailBox = h('div', { class: 'state-detail', id: 'state-detail' }, h('p', { class: 'muted' }, 'Click a state in the graph or a row below to see its input and output.'));
    const showState = (stateName) => {
      const entries = d.states.filter((s) => s.name === stateName);
      if (!entries.length) {
        detailBox.replaceChildren(h('h3', {}, stateName), h('p', { class: 'muted' }, 'Not entered in this execution.'));
        return;
      }
      detailBox.replaceChildren(...entries.map((s, i) => h('div', {},
        h('h3', {}, s.name + (entries.length > 1 ? ' (#' + (i + 1) + ')' : ''), ' ', h('span', { class: 'muted' }, s.type)),
        h('p', {}, 'entered ', s.entered, ' · exited ', fmt.text(s.exited), ' · ', fmt.secs(s.duration_seconds),
          s.attempts > 1 ? ' · ' + s.attempts + ' attempts' : ''),
        s.error ? h('p', { class: 'neg' }, s.error, ': ', pretty(s.cause)) : null,
        s.command_failure ? h('pre', { class: 'neg' }, s.command_failure) : null,
        h('details', { open: 'open' }, h('summary', {}, 'input'), h('pre', {}, pretty(s.input))),
        h('details', {}, h('summary', {}, 'output'), h('pre', {}, pretty(s.output))))));
    };
    const graphBox = svgBox(graph, 'graph');
    graphBox.addEventListener('click', (event) => {
      const group = event.target.closest('[data-state]');
      if (group) showState(group.getAttribute('data-state'));
    });
    let heal = null;
    if (d.self_heal) {
      const o = d.self_heal.outcome;
      heal = h('p', { class: 'banner ' + (o === 'failed' ? 'banner-bad' : d.self_heal.fired ? 'banner-warn' : 'banner-ok'), id: 'self-heal' },
        'Coverage self-heal: ', d.self_heal.fired ? 'fired, ' + o : o);
    }
    render(
      h('h1', {}, d.name, ' ', badge(d.status)),
      h('p', {}, d.pipeline, ' · ', d.date, ' · started ', d.start_time, ' · ', fmt.secs(d.duration_seconds),
        ' on the ', d.clock, ' clock · ', d.events, ' events',
        d.faults ? ' · faults injected: ' + JSON.stringify(d.faults) : ''),
      d.error ? h('p', { class: 'banner banner-bad', id: 'failure' }, 'Failed', d.failed_state ? ' in ' + d.failed_state : '', ': ', d.error, ' — ', pretty(d.cause)) : null,
      (d.command_failures || []).length ? h('div', { class: 'banner banner-bad', id: 'command-failures' },
        d.command_failures.map((f) => h('div', {}, 'Command step ', f.state, ' failed: ', h('pre', {}, f.stderr)))) : null,
      heal,
      h('div', { class: 'execution-layout' },
        section('State machine (path taken highlighted)', graphBox,
          h('p', { class: 'legend' }, h('span', { class: 'swatch visited' }), ' entered ', h('span', { class: 'swatch failed' }), ' failed in ',
            h('span', { class: 'swatch taken' }), ' transition taken ', h('span', { class: 'swatch unvisited' }), ' not entered')),
        section('State', detailBox)),
      section('States entered',
        table([
          { label: '#', f: (v, row) => String(d.states.indexOf(row) + 1), cls: 'num' },
          { label: 'state', key: 'name', f: (v) => h('button', { type: 'button', class: 'linkish', onclick: () => showState(v) }, v) },
          { label: 'type', key: 'type' },
          { label: 'entered', key: 'entered' },
          { label: 'duration', key: 'duration_seconds', f: fmt.secs, cls: 'num' },
          { label: 'attempts', key: 'attempts', cls: 'num' },
          { label: 'error', key: 'error' },
        ], d.states, { rowClass: (row) => (row.error ? 'row-bad' : row.top_level ? '' : 'row-nested') })));
  }

  async function pageCoverage() {
    const c = await api('/api/coverage?limit=120');
    render(h('h1', {}, 'Coverage: every buy candidate has a prediction'),
      section('Alarm ' + c.alarm_name,
        c.alarm ? h('p', {}, badge(c.alarm.state), ' ', c.alarm.reason, ' (since ', fmt.micros(c.alarm.updated_us), ')') : h('p', { class: 'empty' }, 'The alarm has not been evaluated yet.'),
        table([
          { label: 'at', key: 'timestamp_us', f: fmt.micros },
          { label: 'from', key: 'old_state', f: badge },
          { label: 'to', key: 'new_state', f: badge },
          { label: 'reason', key: 'reason' },
        ], c.alarm_history, { empty: 'No state changes recorded.' })),
      section('Per day',
        table([
          { label: 'date', key: 'date' },
          { label: 'buy candidates', key: 'n_buy_candidates', cls: 'num' },
          { label: 'predictions', key: 'n_predictions', cls: 'num' },
          { label: 'first check missing', key: 'first_check_missing', f: (v) => (v && v.length ? v.join(', ') : 'none') },
          { label: 'self-heal', key: 'self_heal', f: badge },
          { label: 'gap now', key: 'has_gap', f: (v, row) => (v ? h('span', { class: 'neg' }, 'yes: ' + row.missing_tickers.join(', ')) : h('span', { class: 'pos' }, 'no')) },
          { label: 'unscored metric', key: 'unscored_metric', cls: 'num' },
          { label: 'execution', key: 'execution', f: (v, row) => (v ? h('span', {}, link('#/executions/' + encodeURIComponent(v), v), ' ', badge(row.execution_status)) : '–') },
        ], c.days, { empty: 'No predictions or signals yet.', cls: 'coverage' })));
  }

  async function pageSignals(date) {
    const s = await api('/api/signals' + (date ? '?date=' + encodeURIComponent(date) : ''));
    if (!s.date) return render(h('h1', {}, 'Predictions and signals'), h('p', { class: 'empty' }, 'No predictions or signals yet.'));
    const select = h('select', { id: 'day-select', onchange: (e) => { window.location.hash = '#/signals/' + e.target.value; } },
      (s.days.length ? s.days : [s.date]).slice().reverse().map((d) => h('option', { value: d, selected: d === s.date ? 'selected' : null }, d)));
    render(h('h1', {}, 'Predictions and signals of ', s.date),
      h('p', {}, 'Day ', select, ' · model ', fmt.text(s.model_version), ' · regime ', fmt.text(s.market_regime),
        ' · signals from ', fmt.text(s.signals_key)),
      table([
        { label: 'rank', key: 'combined_rank', cls: 'num' },
        { label: 'ticker', key: 'ticker', f: (v) => link('#/ticker/' + encodeURIComponent(v), v) },
        { label: 'sector', key: 'sector' },
        { label: 'signal', key: 'signal' },
        { label: 'rating', key: 'rating' },
        { label: 'score', key: 'score', f: (v) => fmt.num(v, 1), cls: 'num' },
        { label: 'direction', key: 'predicted_direction' },
        { label: 'p_up', key: 'p_up', f: (v) => fmt.pct(v, 1), cls: 'num' },
        { label: 'alpha', key: 'predicted_alpha', f: (v) => fmt.pct(v, 2), cls: 'num' },
        { label: 'confidence', key: 'prediction_confidence', f: (v) => fmt.pct(v, 1), cls: 'num' },
        { label: 'vetoes', f: (row) => [row.gbm_veto ? 'GBM' : '', row.momentum_veto ? 'momentum' : ''].filter(Boolean).join(', ') || '–' },
        { label: 'buy candidate', key: 'buy_candidate', f: fmt.bool },
        { label: 'predicted', key: 'predicted', f: (v) => (v ? 'yes' : h('span', { class: 'neg' }, 'NO')) },
      ], s.rows, { cls: 'signals', rowClass: (row) => (row.gbm_veto ? 'row-veto' : '') }));
  }

  async function pageTicker(ticker) {
    const t = await api('/api/tickers/' + encodeURIComponent(ticker) + '?days=180');
    render(h('h1', {}, t.ticker),
      section('Price', svgBox(t.chart)),
      section('p_up by day', svgBox(t.p_up_chart)),
      section('History of scores and predictions',
        table([
          { label: 'date', key: 'date' },
          { label: 'score', key: 'score', f: (v) => fmt.num(v, 1), cls: 'num' },
          { label: 'rating', key: 'rating' },
          { label: 'signal', key: 'signal' },
          { label: 'direction', key: 'predicted_direction' },
          { label: 'p_up', key: 'p_up', f: (v) => fmt.pct(v, 1), cls: 'num' },
          { label: 'alpha', key: 'predicted_alpha', f: (v) => fmt.pct(v, 2), cls: 'num' },
          { label: 'rank', key: 'combined_rank', cls: 'num' },
          { label: 'GBM veto', key: 'gbm_veto', f: fmt.bool },
        ], t.history, { empty: 'No research or predictions for this ticker.' })));
  }

  async function pagePortfolio() {
    const p = await api('/api/portfolio?limit=1000');
    const k = p.kpis || {};
    render(h('h1', {}, 'Portfolio'),
      h('div', { class: 'kpis' },
        kpi('NAV ' + fmt.text(k.date), fmt.money(k.nav)),
        kpi('daily alpha', fmt.pctPoints(k.daily_alpha_pct), signClass(k.daily_alpha_pct)),
        kpi('cumulative alpha', fmt.pct(k.cumulative_alpha), signClass(k.cumulative_alpha)),
        kpi('drawdown', fmt.pct(k.drawdown), signClass(k.drawdown)),
        kpi('max drawdown', fmt.pct(k.max_drawdown), signClass(k.max_drawdown)),
        kpi('circuit breaker', fmt.pct(-p.circuit_breaker, 0))),
      section('NAV vs SPY', svgBox(p.charts.nav)),
      h('div', { class: 'grid' },
        section('Daily alpha', svgBox(p.charts.alpha)),
        section('Drawdown', svgBox(p.charts.drawdown))),
      section('Positions',
        table([
          { label: 'ticker', key: 'ticker', f: (v) => link('#/ticker/' + encodeURIComponent(v), v) },
          { label: 'shares', key: 'shares', cls: 'num' },
          { label: 'avg cost', key: 'avg_cost', f: (v) => fmt.num(v, 2), cls: 'num' },
          { label: 'close', key: 'closing_price', f: (v) => fmt.num(v, 2), cls: 'num' },
          { label: 'market value', key: 'market_value', f: fmt.money, cls: 'num' },
        ], p.positions, { empty: 'No open positions.', cls: 'positions' })),
      section('Trades',
        table([
          { label: 'date', key: 'date' },
          { label: 'ticker', key: 'ticker' },
          { label: 'action', key: 'action' },
          { label: 'shares', key: 'shares', cls: 'num' },
          { label: 'fill', key: 'fill_price', f: (v) => fmt.num(v, 2), cls: 'num' },
          { label: 'trigger', key: 'trigger_type' },
          { label: 'realized P&L', key: 'realized_pnl', f: fmt.money, cls: 'num' },
          { label: 'alpha', key: 'realized_alpha_pct', f: (v) => fmt.pctPoints(v), cls: 'num' },
          { label: 'exit reason', key: 'exit_reason' },
        ], p.trades, { empty: 'No trades.', cls: 'trades' })),
      section('Shadow book: entries blocked',
        table([
          { label: 'date', key: 'date' },
          { label: 'ticker', key: 'ticker' },
          { label: 'reason', key: 'block_reason' },
          { label: 'score', key: 'research_score', f: (v) => fmt.num(v, 1), cls: 'num' },
          { label: 'direction', key: 'predicted_direction' },
          { label: 'confidence', key: 'prediction_confidence', f: (v) => fmt.pct(v, 1), cls: 'num' },
          { label: 'intended', key: 'intended_dollars', f: fmt.money, cls: 'num' },
        ], p.shadow_book, { empty: 'No blocked entries.' })),
      section('End of day',
        table([
          { label: 'date', key: 'date' },
          { label: 'NAV', key: 'portfolio_nav', f: fmt.money, cls: 'num' },
          { label: 'return', key: 'daily_return_pct', f: (v) => fmt.pctPoints(v), cls: 'num' },
          { label: 'SPY', key: 'spy_return_pct', f: (v) => fmt.pctPoints(v), cls: 'num' },
          { label: 'alpha', key: 'daily_alpha_pct', f: (v) => fmt.pctPoints(v), cls: 'num' },
          { label: 'cum. alpha', key: 'cumulative_alpha', f: (v) => fmt.pct(v), cls: 'num' },
          { label: 'drawdown', key: 'drawdown', f: (v) => fmt.pct(v), cls: 'num' },
        ], (p.eod || []).slice().reverse(), { empty: 'No end-of-day rows yet.', cls: 'eod' })));
  }

  async function pageModel() {
    const m = await api('/api/model');
    if (!m.champion) {
      return render(h('h1', {}, 'Model'), h('p', { class: 'empty' }, 'No champion model yet (the saturday pipeline trains one).'),
        section('Saved versions', table([{ label: 'version', key: 'version' }, { label: 'OOS IC', key: 'oos_ic', f: (v) => fmt.num(v, 4) }], m.versions)));
    }
    const o = m.overall || {};
    const promotion = m.promotion || {};
    render(h('h1', {}, 'Model ', m.champion),
      h('div', { class: 'kpis' },
        kpi('OOS IC', fmt.num(o.ic, 4)), kpi('rank IC', fmt.num(o.rank_ic, 4)), kpi('hit rate', fmt.pct(o.hit_rate, 1)),
        kpi('ICIR', fmt.num(o.icir, 2)), kpi('rows', fmt.num(o.rows, 0))),
      h('div', { class: 'grid' },
        section('Fold IC', svgBox(m.charts.fold_ic)),
        section('Fold rank IC', svgBox(m.charts.fold_rank_ic)),
        section('Calibration', svgBox(m.charts.calibration),
          m.calibration ? h('p', {}, 'Brier ', fmt.num(m.calibration.brier, 4), ' (base rate ', fmt.num(m.calibration.brier_base_rate, 4), ') · ECE ', fmt.num(m.calibration.ece, 4)) : null)),
      section('Walk-forward folds',
        table([
          { label: 'fold', key: 'index', cls: 'num' },
          { label: 'test window', key: 'test', f: (v) => (v ? v.first + ' → ' + v.last : '–') },
          { label: 'rows', key: 'test_rows', cls: 'num' },
          { label: 'IC', key: 'ic', f: (v) => fmt.num(v, 4), cls: 'num' },
          { label: 'rank IC', key: 'rank_ic', f: (v) => fmt.num(v, 4), cls: 'num' },
          { label: 'hit rate', key: 'hit_rate', f: (v) => fmt.pct(v, 1), cls: 'num' },
        ], m.folds, { cls: 'folds' })),
      section('Promotion history',
        h('p', {}, 'Champion ', promotion.version, ' promoted at ', fmt.text(promotion.promoted_at)),
        table([
          { label: 'earlier champion', f: (row) => fmt.text(row.version || row) },
          { label: 'promoted at', f: (row) => fmt.text(row.promoted_at) },
        ], (promotion.history || []).slice().reverse(), { empty: 'No earlier champion.' })),
      section('Saved versions',
        table([
          { label: 'version', key: 'version' },
          { label: 'created', key: 'created_at' },
          { label: 'type', key: 'model_type' },
          { label: 'OOS IC', key: 'oos_ic', f: (v) => fmt.num(v, 4), cls: 'num' },
          { label: 'live', key: 'version', f: (v) => (v === m.champion ? badge('champion') : '') },
        ], m.versions)));
  }

  async function pageBacktests() {
    const b = await api('/api/backtests');
    if (!b.runs.length) return render(h('h1', {}, 'Backtests'), h('p', { class: 'empty' }, 'No backtest reports yet (ae backtest run writes backtest/{date}/ in the store).'));
    const fileUrl = (run, f) => withToken('/api/backtests/' + encodeURIComponent(run.date) + '/' + encodeURIComponent(f));
    const cards = await Promise.all(b.runs.map(async (run) => {
      const m = run.metrics && !run.metrics.truncated ? (run.metrics.metrics || run.metrics) : {};
      const rows = Object.entries(m).filter(([, v]) => v === null || typeof v !== 'object');
      const report = run.files.includes('report.md')
        ? await fetchText('/api/backtests/' + encodeURIComponent(run.date) + '/report.md') : null;
      const svgs = run.files.filter((f) => f.endsWith('.svg')).sort((x, y) => (x.startsWith('sweep') ? 1 : 0) - (y.startsWith('sweep') ? 1 : 0));
      return section('Backtest ' + run.date + (run.metrics && run.metrics.label ? ' · ' + run.metrics.label : ''),
        h('p', {}, 'Files: ', ...run.files.map((f) => [h('a', { href: fileUrl(run, f), target: '_blank' }, f), ' '])),
        rows.length ? table([{ label: 'metric', f: (row) => row[0] }, { label: 'value', f: (row) => (isNum(row[1]) ? fmt.num(row[1], 4) : fmt.text(row[1])), cls: 'num' }], rows, { cls: 'backtest-metrics' }) : null,
        Array.isArray(m.yearly) && m.yearly.length ? table([
          { label: 'year', f: (y) => fmt.text(y.year) },
          { label: 'portfolio', f: (y) => fmt.num(y.portfolio, 4), cls: 'num' },
          { label: 'SPY', f: (y) => fmt.num(y.spy, 4), cls: 'num' },
          { label: 'active', f: (y) => fmt.num(y.active, 4), cls: 'num' }], m.yearly, { cls: 'backtest-yearly' }) : null,
        run.metrics && Array.isArray(run.metrics.rule_contributions) && run.metrics.rule_contributions.length ? table([
          { label: 'risk rule', f: (c) => fmt.text(c.rule) },
          { label: 'in the run', f: (c) => (c.enabled ? 'on' : 'off') },
          { label: 'total return', f: (c) => fmt.num(c.total_return, 4), cls: 'num' },
          { label: 'flipped', f: (c) => fmt.num(c.flipped_total_return, 4), cls: 'num' },
          { label: 'cost (-) or saved (+)', f: (c) => fmt.num(c.contribution, 4), cls: 'num' }],
        run.metrics.rule_contributions, { cls: 'backtest-rules' }) : null,
        h('div', { class: 'grid' }, svgs.map((f) => h('div', {}, h('h3', {}, f), h('img', { class: 'chart-img', alt: f, src: fileUrl(run, f) })))),
        report ? h('details', {}, h('summary', {}, 'report.md'), h('pre', { class: 'report' }, report)) : null);
    }));
    render(h('h1', {}, 'Backtests'), ...cards);
  }

  async function pageHealth() {
    const d = await api('/api/health?limit=100');
    render(h('h1', {}, 'Health and alarms'),
      section('Modules (as of ' + fmt.text(d.as_of) + ')',
        table([
          { label: 'module', key: 'module' },
          { label: 'state', key: 'badge', f: badge },
          { label: 'status', key: 'status' },
          { label: 'run date', key: 'run_date' },
          { label: 'last success', key: 'last_success' },
          { label: 'age', key: 'age_hours', f: (v) => (isNum(v) ? v.toFixed(1) + ' h' : '–'), cls: 'num' },
          { label: 'fresh by', key: 'fresh_by' },
          { label: 'detail', key: 'detail' },
        ], d.modules, { empty: 'No health records yet.', cls: 'health' })),
      section('Alarms',
        table([
          { label: 'alarm', key: 'alarm_name' },
          { label: 'state', key: 'state', f: badge },
          { label: 'since', key: 'updated_us', f: fmt.micros },
          { label: 'reason', key: 'reason' },
        ], d.alarms, { empty: 'No alarms evaluated yet.', cls: 'alarms' })),
      section('Alarm history',
        table([
          { label: 'at', key: 'timestamp_us', f: fmt.micros },
          { label: 'alarm', key: 'alarm_name' },
          { label: 'from', key: 'old_state', f: badge },
          { label: 'to', key: 'new_state', f: badge },
          { label: 'reason', key: 'reason' },
        ], d.alarm_history, { empty: 'No alarm state changes.' })),
      section('Notifications sent',
        table([
          { label: 'at', key: 'timestamp' },
          { label: 'topic', key: 'topic' },
          { label: 'subject', key: 'subject' },
          { label: 'message', key: 'message', f: (v) => h('details', {}, h('summary', {}, 'show'), h('pre', {}, typeof v === 'string' ? v : pretty(v))) },
        ], d.notifications, { empty: 'No notifications sent.', cls: 'notifications' })));
  }

  // --- router -------------------------------------------------------------
  const routes = [
    [/^\/?$/, () => pageToday()],
    [/^\/executions$/, (m, q) => pageExecutions(q)],
    [/^\/executions\/([^/]+)$/, (m) => pageExecution(decodeURIComponent(m[1]))],
    [/^\/coverage$/, () => pageCoverage()],
    [/^\/signals$/, () => pageSignals('')],
    [/^\/signals\/([0-9-]+)$/, (m) => pageSignals(m[1])],
    [/^\/ticker\/([^/]+)$/, (m) => pageTicker(decodeURIComponent(m[1]))],
    [/^\/portfolio$/, () => pagePortfolio()],
    [/^\/model$/, () => pageModel()],
    [/^\/backtests$/, () => pageBacktests()],
    [/^\/health$/, () => pageHealth()],
  ];

  async function route() {
    const hash = window.location.hash.replace(/^#/, '') || '/';
    const [path, search] = hash.split('?');
    const query = new URLSearchParams(search || '');
    for (const a of document.querySelectorAll('#nav a')) {
      const target = a.getAttribute('href').replace(/^#/, '');
      a.classList.toggle('active', target === '/' ? path === '/' : path.startsWith(target));
    }
    document.body.dataset.page = path;
    document.body.dataset.state = 'loading';
    try {
      const match = routes.find(([pattern]) => pattern.test(path));
      if (!match) render(h('h1', {}, 'Not found'), h('p', {}, 'No page ', path));
      else await match[1](path.match(match[0]), query);
      document.body.dataset.state = 'ready';
    } catch (error) {
      render(h('h1', {}, 'Could not load this page'), h('p', { class: 'error' }, String(error.message || error)));
      document.body.dataset.state = 'error';
    }
  }

  window.addEventListener('hashchange', route);
  route();
})();
