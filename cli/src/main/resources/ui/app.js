/* driftline report / live page. Reads the data document (ReportDocument) from #driftline-data; in live mode
 * (doc.live) it polls /api/data?model=M every 2 s. Test hooks: window.driftline (see cli/README.md). */
(function () {
  'use strict';

  var POLL_MS = 2000;
  var COLORS = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  var VERSION_COLORS = ['#2563eb', '#d97706', '#7c3aed', '#059669', '#db2777', '#0891b2'];
  var DECISIONS = ['none', 'no_drift', 'drift', 'insufficient_data'];
  var STATES = ['TRIGGERED', 'PREPARING_DATA', 'TRAINING', 'EVALUATING', 'REGISTERED', 'AWAITING_APPROVAL',
    'ROLLING_OUT', 'BAKING', 'PROMOTED', 'DONE', 'FAILED', 'REJECTED', 'ROLLED_BACK', 'CANCELLED'];

  var doc = JSON.parse(document.getElementById('driftline-data').textContent);
  var state = { model: null, selected: null, charts: {}, renders: 0, view: 'hist' };
  var hook = window.driftline = { ready: false, renders: 0, select: select };

  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#4b5563';
  Chart.defaults.animation = false;

  // ---- formatting

  function pad(n) { return n < 10 ? '0' + n : '' + n; }
  function fmtTime(ms) {
    if (ms == null) { return '–'; }
    var d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' +
      pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }
  function fmtShort(ms) {
    var d = new Date(ms);
    return pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' +
      pad(d.getUTCMinutes());
  }
  function fmtNum(x) {
    if (x == null || isNaN(x)) { return '–'; }
    var a = Math.abs(x);
    if (a !== 0 && (a < 0.001 || a >= 100000)) { return x.toExponential(2); }
    return (+x.toPrecision(4)).toString();
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text != null) { e.textContent = text; }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  function lerp(a, b, t) { return Math.round(a + (b - a) * t); }
  function hex(c) { return [parseInt(c.substr(1, 2), 16), parseInt(c.substr(3, 2), 16), parseInt(c.substr(5, 2), 16)]; }
  var RGB = COLORS.map(hex);
  function colorOf(t) {
    if (!(t >= 0)) { t = 0; }
    if (t > 1) { t = 1; }
    var p = t * (RGB.length - 1);
    var i = Math.min(RGB.length - 2, Math.floor(p));
    var f = p - i;
    var a = RGB[i], b = RGB[i + 1];
    return 'rgb(' + lerp(a[0], b[0], f) + ',' + lerp(a[1], b[1], f) + ',' + lerp(a[2], b[2], f) + ')';
  }

  var STEPS = [60e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 10800e3, 21600e3, 43200e3, 86400e3, 172800e3,
    604800e3, 2592000e3];
  function timeTicks(scale) {
    var px = scale.width || (scale.chart.chartArea ? scale.chart.chartArea.width : scale.chart.width) || 600;
    var span = scale.max - scale.min, want = Math.max(4, Math.floor(px / 100));
    var step = STEPS[STEPS.length - 1];
    for (var i = 0; i < STEPS.length; i++) { if (span / STEPS[i] <= want) { step = STEPS[i]; break; } }
    var t = [];
    for (var v = Math.ceil(scale.min / step) * step; v <= scale.max; v += step) { t.push({ value: v }); }
    scale.ticks = t;
  }
  function timeAxis(m, extra) {
    var ax = {
      type: 'linear', min: m.tMin, max: m.tMax, afterBuildTicks: timeTicks,
      ticks: { callback: function (v) { return fmtShort(v); }, maxRotation: 0, autoSkip: false },
      grid: { color: '#f1f5f9' }
    };
    return Object.assign(ax, extra || {});
  }

  function destroy(name) {
    if (state.charts[name]) { state.charts[name].destroy(); delete state.charts[name]; }
  }

  // ---- the model's derived view

  function view(name) {
    var m = doc.data[name];
    if (!m) { return null; }
    var W = m.windows.start.length, F = m.features.length;
    var tMin = W ? m.windows.start[0] : (doc.generated_at - 3600000);
    var tMax = W ? m.windows.end[W - 1] : doc.generated_at;
    var maxScore = 0;
    for (var i = 0; i < m.score.length; i++) { if (m.score[i] != null && m.score[i] > maxScore) { maxScore = m.score[i]; } }
    return { raw: m, W: W, F: F, tMin: tMin, tMax: tMax, scale: Math.max(0.1, maxScore) };
  }

  // ---- header, summary

  function renderHeader(m) {
    var sel = document.getElementById('model-select');
    clear(sel);
    doc.models.forEach(function (name) {
      var o = el('option', { value: name }, name);
      if (name === state.model) { o.selected = true; }
      sel.appendChild(o);
    });
    var meta = document.getElementById('meta');
    meta.textContent = (doc.live ? 'updated ' : 'generated ') + fmtTime(doc.generated_at) + ' UTC · ' + doc.source;
    document.getElementById('live').hidden = !doc.live;
    document.title = 'driftline · ' + state.model;
    var s = document.getElementById('summary');
    clear(s);
    if (!m) { s.appendChild(el('div', { 'class': 'empty' }, 'No data for model ' + state.model + ' yet.')); return; }
    var r = m.raw, drifted = 0, open = 0;
    for (var w = 0; w < m.W; w++) {
      for (var f = 0; f < m.F; f++) { if (r.decision[f * m.W + w] === 2) { drifted++; break; } }
    }
    r.alerts.forEach(function (a) { if (a.resolved_at == null) { open++; } });
    var latestQ = null;
    r.quality.forEach(function (q) { if (q.model_version === '' && q.value != null) { latestQ = q; } });
    var episodes = {};
    r.remediation.forEach(function (e) { episodes[e.episode_id] = e.to_state; });
    function stat(k, v, cls) {
      var d = el('div', { 'class': 'stat' + (cls ? ' ' + cls : '') });
      d.appendChild(el('div', { 'class': 'v' }, v));
      d.appendChild(el('div', { 'class': 'k' }, k));
      s.appendChild(d);
    }
    stat('windows' + (m.W ? ' · ' + fmtShort(m.tMin) + ' → ' + fmtShort(m.tMax) : ''), '' + m.W);
    stat('features', '' + m.F);
    stat('windows with drift', '' + drifted, drifted ? 'bad' : 'good');
    stat('alerts open / total', open + ' / ' + r.alerts.length, open ? 'bad' : 'good');
    if (latestQ) {
      stat('latest ' + latestQ.metric, fmtNum(latestQ.value), latestQ.status === 'degraded' ? 'bad' : 'good');
    }
    stat('remediation episodes', '' + Object.keys(episodes).length);
    document.getElementById('reference').textContent = r.reference.text || '';
  }

  // ---- heatmap

  function integerTicks(n, step) {
    var t = [];
    for (var i = 0; i < n; i += step) { t.push({ value: i }); }
    return t;
  }

  // At most this many heatmap columns: wider matrices show buckets of consecutive windows (each drawn cell is the
  // bucket's highest score, and drift if any window of it drifted); a click opens the bucket's highest-scoring
  // window. A canvas 1,100 px wide cannot show more columns anyway.
  var MAX_COLUMNS = 500;

  function renderHeatmap(m) {
    destroy('heatmap');
    var box = document.getElementById('heatmap-box');
    var canvas = document.getElementById('heatmap');
    var r = m.raw, W = m.W, F = m.F;
    var per = Math.max(1, Math.ceil(W / MAX_COLUMNS));
    var C = Math.ceil(W / per);
    var rowPx = F > 60 ? 4 : (F > 30 ? 10 : 20);
    box.style.height = Math.max(160, Math.min(620, F * rowPx + 70)) + 'px';
    document.getElementById('legend-max').textContent = fmtNum(m.scale);
    var metrics = {};
    r.features.forEach(function (f) { if (f.score_metric) { metrics[f.score_metric] = true; } });
    document.getElementById('legend-metric').textContent = (Object.keys(metrics).join(' / ') || 'distance').replace(/_/g, ' ') +
      (per > 1 ? ' (max of ' + per + ' windows per column)' : '');
    var labels = r.features.map(function (f) { return f.name; });
    var bordered = C <= 400 && F <= 80;
    var palette = [];
    for (var k = 0; k <= 100; k++) { palette.push(colorOf(k / 100)); }
    var n = F * C, data = new Array(n), colors = new Array(n);
    var borders = bordered ? new Array(n) : null, borderWidths = bordered ? new Array(n) : null;
    var RANK = [0, 1, 3, 2]; // none < no_drift < insufficient < drift
    for (var f = 0; f < F; f++) {
      for (var c = 0; c < C; c++) {
        var w0 = c * per, w1 = Math.min(W, w0 + per), best = null, bestW = w1 - 1, d = 0;
        for (var w = w0; w < w1; w++) {
          var i = f * W + w, v = r.score[i];
          if (v != null && (best == null || v >= best)) { best = v; bestW = w; }
          if (RANK[r.decision[i]] > RANK[d]) { d = r.decision[i]; }
        }
        var j = f * C + c;
        data[j] = { x: c, y: f, v: best, d: d, w: bestW, w0: w0, w1: w1 - 1 };
        colors[j] = d === 3 && best == null ? '#e5e7eb' : (best == null ? (d === 0 ? '#ffffff' : '#f3f4f6')
          : (!bordered && d === 2 ? 'rgb(220,38,38)' : palette[Math.max(0, Math.min(100, Math.round(best / m.scale * 100)))]));
        if (bordered) { borders[j] = d === 2 ? '#dc2626' : 'rgba(0,0,0,0)'; borderWidths[j] = d === 2 ? 2 : 0; }
      }
    }
    var gap = bordered ? 1 : 0;
    var chart = new Chart(canvas, {
      type: 'matrix',
      data: {
        datasets: [{
          label: 'drift', data: data,
          width: function (ctx) { var a = ctx.chart.chartArea; return a ? Math.max(0.5, a.width / Math.max(1, C) - gap) : 0; },
          height: function (ctx) { var a = ctx.chart.chartArea; return a ? Math.max(0.5, a.height / Math.max(1, F) - gap) : 0; },
          backgroundColor: colors,
          borderColor: bordered ? borders : 'rgba(0,0,0,0)',
          borderWidth: bordered ? borderWidths : 0
        }]
      },
      options: {
        maintainAspectRatio: false, responsive: true, animation: false, normalized: true,
        layout: { padding: { right: 8 } },
        scales: {
          x: {
            type: 'linear', offset: false, min: -0.5, max: C - 0.5,
            afterBuildTicks: function (scale) { scale.ticks = integerTicks(C, Math.max(1, Math.ceil(C / 10))); },
            ticks: {
              maxRotation: 0, autoSkip: false,
              callback: function (v) { return (v >= 0 && v < C && v === Math.round(v)) ? fmtShort(r.windows.start[v * per]) : ''; }
            },
            grid: { display: false }
          },
          y: {
            type: 'linear', offset: false, min: -0.5, max: F - 0.5, reverse: true,
            afterBuildTicks: function (scale) { scale.ticks = integerTicks(F, Math.max(1, Math.ceil(F * 14 / (scale.height || 300)))); },
            ticks: {
              autoSkip: false,
              callback: function (v) { return (v >= 0 && v < F && v === Math.round(v)) ? labels[v] : ''; }
            },
            grid: { display: false }
          }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) {
                var p = items[0].raw;
                return labels[p.y] + ' · ' + fmtTime(r.windows.start[p.w0]) + (p.w1 > p.w0 ? ' – ' + fmtTime(r.windows.start[p.w1]) + ' (' + (p.w1 - p.w0 + 1) + ' windows)' : '');
              },
              label: function (item) {
                var p = item.raw, f = r.features[p.y];
                var lines = [(f.score_metric || 'distance') + (p.w1 > p.w0 ? ' (max)' : '') + ': ' + fmtNum(p.v),
                  'decision: ' + DECISIONS[p.d].replace('_', ' ') + (p.w1 > p.w0 && p.d === 2 ? ' (in at least one window)' : '')];
                if (f.method) { lines.push('method: ' + f.method + ' (threshold ' + fmtNum(f.threshold) + ')'); }
                return lines;
              }
            }
          }
        },
        onClick: function (evt, elements) {
          if (elements && elements.length) {
            var p = data[elements[0].index];
            select(p.y, p.w);
          }
        }
      }
    });
    state.charts.heatmap = chart;
    return chart;
  }

  // ---- distribution of a cell

  function select(fi, wi) {
    var m = view(state.model);
    if (!m || fi < 0 || fi >= m.F || wi < 0 || wi >= m.W) { return false; }
    state.selected = { feature: m.raw.features[fi].name, window: m.raw.windows.start[wi] };
    renderDistribution(m, fi, wi);
    return true;
  }

  function renderDistribution(m, fi, wi) {
    var r = m.raw, f = r.features[fi];
    var box = document.getElementById('distribution');
    box.setAttribute('data-feature', f.name);
    box.setAttribute('data-window', new Date(r.windows.start[wi]).toISOString());
    var decision = DECISIONS[r.decision[fi * m.W + wi]];
    var title = document.getElementById('distribution-title');
    clear(title);
    title.appendChild(document.createTextNode(f.name + ' · ' + fmtTime(r.windows.start[wi]) + ' '));
    title.appendChild(el('span', { 'class': 'badge ' + decision }, decision.replace('_', ' ')));
    var det = r.details.features[fi] || {};
    var cell = (det.windows || {})['' + wi];
    var hint = document.getElementById('distribution-hint');
    destroy('distribution');
    var table = document.getElementById('figures');
    clear(table);
    if (wi < r.details.first_window) {
      hint.textContent = 'Distributions and figures are kept for the latest ' + (m.W - r.details.first_window) +
        ' windows only (from ' + fmtTime(r.windows.start[r.details.first_window]) + '); this cell is older.';
      return;
    }
    var bins = det.bins;
    if (!bins || !cell || !cell.hist) {
      hint.textContent = 'No profile of ' + f.name + ' in this window.';
    } else {
      var labels = bins.edges ? bins.edges.slice(0, -1).map(function (e, i) {
        return fmtNum(e) + '–' + fmtNum(bins.edges[i + 1]);
      }) : bins.labels;
      if (bins.edges) { labels[0] = '≤ ' + fmtNum(bins.edges[1]); labels[labels.length - 1] = '> ' + fmtNum(bins.edges[bins.edges.length - 2]); }
      hint.textContent = (bins.edges ? (state.view === 'cdf' ? 'Cumulative share of values (from the bins)' : 'Share of values per bin') : 'Share of values per category') +
        ': reference (' + (det.reference_n || 0) + ' values) and window (' + cell.n + ' values). ' +
        (r.reference.kind === 'baseline' ? 'Reference: the baseline.' : r.reference.kind === 'earliest_window'
          ? 'Reference: the earliest window shown (no baseline given).' : '');
      var refLabel = r.reference.kind === 'baseline' ? 'baseline' : 'reference';
      var winLabel = 'window ' + fmtShort(r.windows.start[wi]);
      var winColor = decision === 'drift' ? '#dc2626' : '#2563eb';
      var cdf = state.view === 'cdf' && bins.edges;
      document.getElementById('distribution-view').hidden = !bins.edges;
      var datasets = [], options;
      if (cdf) {
        // the cumulative share at each bin's upper edge, from the same bins (the outer bins hold the tails)
        var cum = function (h) {
          var acc = 0, pts = [{ x: bins.edges[0], y: 0 }];
          h.forEach(function (v, i) { acc += v; pts.push({ x: bins.edges[i + 1], y: Math.min(1, acc) }); });
          return pts;
        };
        if (det.reference) {
          datasets.push({ label: refLabel, data: cum(det.reference), borderColor: '#6b7280', backgroundColor: '#6b7280',
            stepped: 'after', pointRadius: 0, borderWidth: 2 });
        }
        datasets.push({ label: winLabel, data: cum(cell.hist), borderColor: winColor, backgroundColor: winColor,
          stepped: 'after', pointRadius: 0, borderWidth: 2 });
        options = {
          maintainAspectRatio: false, animation: false,
          scales: {
            x: { type: 'linear', min: bins.edges[0], max: bins.edges[bins.edges.length - 1], ticks: { callback: function (v) { return fmtNum(v); } } },
            y: { min: 0, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + ' %'; } } }
          },
          plugins: { tooltip: { callbacks: { label: function (i) { return i.dataset.label + ': ' + (i.raw.y * 100).toFixed(1) + ' % ≤ ' + fmtNum(i.raw.x); } } } }
        };
      } else {
        if (det.reference) {
          datasets.push({ label: refLabel, data: det.reference,
            backgroundColor: 'rgba(107,114,128,0.45)', borderColor: '#6b7280', borderWidth: 1 });
        }
        datasets.push({ label: winLabel, data: cell.hist,
          backgroundColor: decision === 'drift' ? 'rgba(220,38,38,0.55)' : 'rgba(37,99,235,0.55)',
          borderColor: winColor, borderWidth: 1 });
        options = {
          maintainAspectRatio: false, animation: false, barPercentage: 0.95, categoryPercentage: 0.9,
          scales: {
            y: { beginAtZero: true, ticks: { callback: function (v) { return Math.round(v * 100) + ' %'; } } },
            x: { ticks: { maxRotation: 60, autoSkip: true } }
          },
          plugins: { tooltip: { callbacks: { label: function (i) { return i.dataset.label + ': ' + (i.raw * 100).toFixed(1) + ' %'; } } } }
        };
      }
      state.charts.distribution = new Chart(document.getElementById('distribution-chart'), {
        type: cdf ? 'line' : 'bar',
        data: cdf ? { datasets: datasets } : { labels: labels, datasets: datasets },
        options: options
      });
    }
    var figs = cell && cell.figures ? cell.figures : null;
    if (figs) {
      var head = el('tr');
      head.appendChild(el('th', null, 'figure'));
      head.appendChild(el('th', null, 'value'));
      table.appendChild(head);
      Object.keys(figs).sort().forEach(function (k) {
        var isDecision = f.method && (k === f.method || k === f.method + '_pvalue' || k === f.method + '_statistic');
        var tr = el('tr', isDecision ? { 'class': 'decision' } : null);
        tr.appendChild(el('td', null, k + (isDecision ? ' (decides; threshold ' + fmtNum(f.threshold) + ')' : '')));
        tr.appendChild(el('td', { 'class': 'num' }, fmtNum(figs[k])));
        table.appendChild(tr);
      });
    }
  }

  // ---- model quality with remediation annotations

  function renderQuality(m) {
    destroy('quality');
    var r = m.raw, byVersion = {}, thresholds = [];
    r.quality.forEach(function (q) {
      (byVersion[q.model_version] = byVersion[q.model_version] || []).push({ x: q.window_start, y: q.value, q: q });
      if (q.model_version === '' && q.threshold != null) { thresholds.push({ x: q.window_start, y: q.threshold }); }
    });
    var datasets = [], n = 0, metric = r.quality.length ? r.quality[0].metric : 'metric';
    Object.keys(byVersion).sort().forEach(function (v) {
      var c = VERSION_COLORS[n++ % VERSION_COLORS.length];
      datasets.push({ label: v === '' ? metric + ' (all versions)' : metric + ' · ' + v, data: byVersion[v],
        borderColor: c, backgroundColor: c, pointRadius: byVersion[v].length > 200 ? 0 : 2, pointHitRadius: 4,
        borderWidth: v === '' ? 2 : 1.5, spanGaps: false,
        yAxisID: 'y' });
    });
    if (thresholds.length) {
      datasets.push({ label: 'threshold', data: thresholds, borderColor: '#dc2626', borderDash: [5, 4],
        borderWidth: 1, pointRadius: 0, stepped: true, yAxisID: 'y' });
    }
    if (r.remediation.length) {
      datasets.push({ label: 'remediation', type: 'scatter', yAxisID: 'ev', pointStyle: 'triangle', pointRadius: 6,
        backgroundColor: '#7c3aed', borderColor: '#7c3aed',
        data: r.remediation.map(function (e) { return { x: e.at, y: 0.94, e: e }; }) });
    }
    state.charts.quality = new Chart(document.getElementById('quality-chart'), {
      type: 'line',
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false, animation: false, parsing: true,
        scales: {
          x: timeAxis(m),
          y: { title: { display: true, text: metric } },
          ev: { axis: 'y', type: 'linear', display: false, min: 0, max: 1 }
        },
        plugins: {
          legend: { labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: function (items) { return fmtTime(items[0].raw.x); },
              label: function (i) {
                var p = i.raw;
                if (p.e) { return p.e.to_state + (p.e.message ? ': ' + p.e.message : ''); }
                if (p.q) { return i.dataset.label + ': ' + fmtNum(p.y) + ' (' + p.q.status + ', ' + p.q.labelled_rows + ' labels)'; }
                return i.dataset.label + ': ' + fmtNum(p.y);
              }
            }
          }
        }
      }
    });
  }

  // ---- alerts timeline

  function renderAlerts(m) {
    destroy('alerts');
    var r = m.raw, rows = [], seen = {};
    r.alerts.forEach(function (a) {
      var label = a.kind.replace('_', ' ') + ' · ' + (a.feature || 'model');
      if (!seen[label]) { seen[label] = true; rows.push(label); }
    });
    var box = document.getElementById('alerts-box');
    box.style.height = Math.max(160, Math.min(420, rows.length * 22 + 60)) + 'px';
    var data = r.alerts.map(function (a) {
      return { y: a.kind.replace('_', ' ') + ' · ' + (a.feature || 'model'), x: [a.opened_at, a.resolved_at == null ? m.tMax : a.resolved_at], a: a };
    });
    state.charts.alerts = new Chart(document.getElementById('alerts-chart'), {
      type: 'bar',
      data: { labels: rows, datasets: [{ label: 'alert', data: data, borderSkipped: false, borderRadius: 3,
        backgroundColor: function (c) { var a = c.raw && c.raw.a; if (!a) { return '#999'; } return a.resolved_at == null ? (a.severity === 'critical' ? '#dc2626' : '#f97316') : '#9ca3af'; } }] },
      options: {
        indexAxis: 'y', maintainAspectRatio: false, animation: false,
        scales: { x: timeAxis(m), y: { ticks: { autoSkip: rows.length > 18 } } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) { return items[0].raw.y; },
              label: function (i) {
                var a = i.raw.a;
                return [a.severity + ', opened ' + fmtTime(a.opened_at) + (a.resolved_at == null ? ', still open' : ', resolved ' + fmtTime(a.resolved_at)),
                  (a.metric ? a.metric + ' ' + fmtNum(a.value) + ' (threshold ' + fmtNum(a.threshold) + ')' : '')];
              }
            }
          }
        }
      }
    });
    if (!r.alerts.length) { placeholder(box, 'No alerts in this range.'); }
  }

  // ---- remediation episodes

  function renderRemediation(m) {
    destroy('remediation');
    var r = m.raw, episodes = {}, used = {};
    r.remediation.forEach(function (e) {
      (episodes[e.episode_id] = episodes[e.episode_id] || []).push(e);
      used[e.to_state] = true;
      if (e.from_state) { used[e.from_state] = true; }
    });
    var states = STATES.filter(function (s) { return used[s]; });
    Object.keys(used).forEach(function (s) { if (states.indexOf(s) < 0) { states.push(s); } });
    var box = document.getElementById('remediation-box');
    box.style.height = Math.max(160, Math.min(420, states.length * 24 + 70)) + 'px';
    var n = 0;
    var datasets = Object.keys(episodes).map(function (id) {
      var c = VERSION_COLORS[n++ % VERSION_COLORS.length];
      return { label: 'episode ' + id.substring(0, 8), showLine: true, borderColor: c, backgroundColor: c, pointRadius: 4,
        data: episodes[id].map(function (e) { return { x: e.at, y: e.to_state, e: e }; }) };
    });
    state.charts.remediation = new Chart(document.getElementById('remediation-chart'), {
      type: 'scatter',
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: timeAxis(m), y: { type: 'category', labels: states, offset: true } },
        plugins: {
          legend: { display: datasets.length <= 8, labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: function (items) { return fmtTime(items[0].raw.x); },
              label: function (i) {
                var e = i.raw.e, pct = e.data && (e.data.traffic_percent != null ? e.data.traffic_percent : e.data.percent);
                return (e.from_state ? e.from_state + ' → ' : '') + e.to_state + (pct != null ? ' (' + pct + ' %)' : '') +
                  (e.message ? ': ' + e.message : '');
              }
            }
          }
        }
      }
    });
    if (!r.remediation.length) { placeholder(box, 'No remediation episodes in this range.'); }
  }

  function placeholder(box, text) {
    var p = box.querySelector('.empty');
    if (!p) { p = el('div', { 'class': 'empty' }); box.appendChild(p); }
    p.textContent = text;
    p.style.cssText = 'position:absolute;left:0;right:0;top:40%;';
  }

  // ---- violations

  function renderViolations(m) {
    var r = m.raw, t = document.getElementById('violations');
    clear(t);
    var items = r.violations.items.slice(-200).reverse();
    document.getElementById('violations-count').textContent = r.violations.total + ' in total' +
      (r.violations.total > items.length ? ', the latest ' + items.length + ' shown' : '');
    if (!items.length) { t.appendChild(el('tr')).appendChild(el('td', { 'class': 'empty' }, 'No violations in this range.')); return; }
    var head = el('tr');
    ['window', 'feature', 'check', 'description'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(head);
    items.forEach(function (v) {
      var tr = el('tr');
      tr.appendChild(el('td', null, fmtTime(v.window_start)));
      tr.appendChild(el('td', null, v.feature_name || ''));
      tr.appendChild(el('td', null, v.constraint_check_type || ''));
      tr.appendChild(el('td', null, v.description || ''));
      t.appendChild(tr);
    });
  }

  // ---- all

  function render() {
    var began = performance.now();
    var m = view(state.model);
    document.querySelectorAll('.empty').forEach(function (e) { if (e.parentNode && e.parentNode.className.indexOf('chart-box') >= 0) { e.parentNode.removeChild(e); } });
    renderHeader(m);
    hook.model = state.model;
    if (!m) {
      hook.cells = 0; hook.windows = 0; hook.features = 0; hook.drawn = 0;
      hook.ready = true; hook.renders = ++state.renders;
      return;
    }
    var heat = renderHeatmap(m);
    renderQuality(m);
    renderAlerts(m);
    renderRemediation(m);
    renderViolations(m);
    var keep = state.selected, fi = -1, wi = -1;
    if (keep) {
      fi = m.raw.features.findIndex(function (f) { return f.name === keep.feature; });
      wi = m.raw.windows.start.indexOf(keep.window);
    }
    if (fi < 0 || wi < 0) {
      // open on the most recent drifted cell, else the latest window's first feature
      fi = -1; wi = -1;
      for (var w = m.W - 1; w >= 0 && fi < 0; w--) {
        for (var f = 0; f < m.F; f++) { if (m.raw.decision[f * m.W + w] === 2) { fi = f; wi = w; break; } }
      }
      if (fi < 0 && m.W && m.F) { fi = 0; wi = m.W - 1; }
    }
    if (fi >= 0) { select(fi, wi); }
    hook.cells = m.F * m.W;
    hook.windows = m.W;
    hook.features = m.F;
    hook.drawn = heat.getDatasetMeta(0).data.length;
    hook.renderMs = Math.round(performance.now() - began);
    document.body.setAttribute('data-render-ms', '' + hook.renderMs);
    hook.ready = true;
    hook.renders = ++state.renders;
  }

  function load(name, then) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', 'api/data?model=' + encodeURIComponent(name));
    xhr.onload = function () {
      if (xhr.status === 200) {
        var fresh = JSON.parse(xhr.responseText);
        doc.models = fresh.models;
        doc.generated_at = fresh.generated_at;
        doc.source = fresh.source;
        doc.revision = fresh.revision;
        Object.keys(fresh.data).forEach(function (k) { doc.data[k] = fresh.data[k]; });
        if (!state.model && doc.models.length) { state.model = doc.models[0]; }
      }
      then();
    };
    xhr.onerror = function () { then(); };
    xhr.send();
  }

  document.getElementById('distribution-view').addEventListener('click', function (e) {
    var v = e.target && e.target.getAttribute && e.target.getAttribute('data-view');
    if (!v || v === state.view) { return; }
    state.view = v;
    document.querySelectorAll('#distribution-view button').forEach(function (b) {
      b.className = b.getAttribute('data-view') === v ? 'on' : '';
    });
    var m = view(state.model), sel = state.selected;
    if (m && sel) {
      select(m.raw.features.findIndex(function (f) { return f.name === sel.feature; }), m.raw.windows.start.indexOf(sel.window));
    }
  });

  document.getElementById('model-select').addEventListener('change', function (e) {
    state.model = e.target.value;
    state.selected = null;
    if (doc.live && !doc.data[state.model]) { load(state.model, render); } else { render(); }
  });

  var fromHash = decodeURIComponent((location.hash || '').replace(/^#model=/, ''));
  state.model = doc.models.indexOf(fromHash) >= 0 ? fromHash
    : (Object.keys(doc.data)[0] || doc.models[0] || null);
  render();
  if (doc.live) {
    var poll = function () {
      var previous = doc.revision, had = !!doc.data[state.model];
      load(state.model || '', function () {
        if (doc.revision !== previous || !had || !hook.ready) { render(); } else { renderHeader(view(state.model)); }
        setTimeout(poll, POLL_MS);
      });
    };
    if (state.model && !doc.data[state.model]) { load(state.model, function () { render(); setTimeout(poll, POLL_MS); }); } else { setTimeout(poll, POLL_MS); }
  }
})();
