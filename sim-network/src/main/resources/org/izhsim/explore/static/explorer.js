// izhsim explorer: the page of `./sim explore`. Everything is simulated by the Java server (one model
// implementation); this file only builds the controls, checks fields, asks the JSON API and draws on canvases.
'use strict';

const $ = (id) => document.getElementById(id);
// A real-time factor with three decimals; the server sends null where none exists (no step run yet).
const fixed3 = (x) => (typeof x === 'number' ? x.toFixed(3) : '–');
const COLORS = ['#1f5fbf', '#d0312d', '#2e8b57', '#8a4fbf', '#d98b00', '#3a8fa0'];

// ---------------------------------------------------------------- plotting

/** Round tick step for a span: 1, 2 or 5 times a power of ten, about `count` ticks. */
function tickStep(span, count) {
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

function formatTick(value, step, narrow) {
  // Narrow (the y axis): wide labels ("-4000000" of a u that ran away) reached across the axis label, so 100000 and
  // beyond are written 4e6, with the digits that tell the ticks apart.
  if (narrow && Math.abs(value) >= 1e5) {
    const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step) + 1e-9) + 1;
    return Number(value.toPrecision(Math.min(15, Math.max(1, digits)))).toExponential().replace('e+', 'e');
  }
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(Math.min(digits, 6));
}

/** Sizes the canvas to its CSS width and the device's pixels; returns a 2D context in CSS pixels. */
function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = Number(canvas.dataset.height) || 200;
  canvas.style.height = height + 'px';
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  return { g, width, height };
}

/**
 * Draws a plot's title from x = left, within x = right: on a narrow canvas (a phone, 420 px) the neuron plot's title
 * ran off its right edge. It moves left to the canvas's edge, then its font shrinks to 10 px, then it ends in an
 * ellipsis; returns whether it was cut (the whole title is then the canvas's tooltip).
 */
function fitTitle(g, title, left, right) {
  let text = title;
  let size = 12;
  const setFont = () => { g.font = '600 ' + size + 'px system-ui, sans-serif'; };
  setFont();
  let x = left;
  if (g.measureText(text).width > right - x) { x = 4; }
  while (size > 10 && g.measureText(text).width > right - x) { size -= 1; setFont(); }
  const cut = g.measureText(text).width > right - x;
  if (cut) {
    while (text.length > 1 && g.measureText(text + '\u2026').width > right - x) { text = text.slice(0, -1); }
    text = text.trimEnd() + '\u2026';
  }
  g.fillText(text, x, 5);
  return cut;
}

/**
 * Axes with ticks, labels and units; returns the mapping from data to pixels.
 * opts: {x: [lo, hi], y: [lo, hi], xlabel, ylabel, title}
 */
function axes(canvas, opts) {
  const { g, width, height } = prepare(canvas);
  // A legend row (opts.legendRow) goes between the title and the box: in the box, the live raster's legend sat over
  // its newest spikes. Given as [entries, marker], it takes as many rows as its entries need at this width.
  const rows = !opts.legendRow ? 0 : Array.isArray(opts.legendRow) ?
    legendLines(g, opts.legendRow[0], opts.legendRow[1], width - 76)[0].length : 1;
  const box = { left: 62, right: width - 14, top: (opts.title ? 24 : 10) + 16 * rows, bottom: height - 36 };
  let [x0, x1] = opts.x;
  let [y0, y1] = opts.y;
  if (!(x1 > x0)) { x1 = x0 + 1; }
  if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
  const sx = (x) => box.left + (x - x0) / (x1 - x0) * (box.right - box.left);
  const sy = (y) => box.bottom - (y - y0) / (y1 - y0) * (box.bottom - box.top);
  g.font = '11px system-ui, sans-serif';
  g.strokeStyle = '#e8ecf2';
  g.fillStyle = '#4a5468';
  g.lineWidth = 1;
  const xs = tickStep(x1 - x0, Math.max(2, (box.right - box.left) / 80));
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (let x = Math.ceil(x0 / xs) * xs; x <= x1 + xs * 1e-9; x += xs) {
    const px = Math.round(sx(x)) + 0.5;
    g.beginPath(); g.moveTo(px, box.top); g.lineTo(px, box.bottom); g.stroke();
    // The last label is centred on the box's right edge, 14 px from the canvas's: "20000" lost its last digit.
    const label = formatTick(x, xs);
    const half = g.measureText(label).width / 2;
    g.fillText(label, Math.min(px, width - 2 - half), box.bottom + 4);
  }
  const ys = tickStep(y1 - y0, Math.max(2, (box.bottom - box.top) / 40));
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let y = Math.ceil(y0 / ys) * ys; y <= y1 + ys * 1e-9; y += ys) {
    const py = Math.round(sy(y)) + 0.5;
    g.beginPath(); g.moveTo(box.left, py); g.lineTo(box.right, py); g.stroke();
    g.fillText(formatTick(y, ys, true), box.left - 5, py);
  }
  g.strokeStyle = '#8792a6';
  g.strokeRect(box.left + 0.5, box.top + 0.5, box.right - box.left, box.bottom - box.top);
  g.fillStyle = '#1d2330';
  g.font = '12px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'bottom';
  g.fillText(opts.xlabel, (box.left + box.right) / 2, height - 2);
  g.save();
  g.translate(13, (box.top + box.bottom) / 2);
  g.rotate(-Math.PI / 2);
  g.textBaseline = 'middle';
  g.fillText(opts.ylabel, 0, 0);
  g.restore();
  let cut = false;
  if (opts.title) {
    g.textAlign = 'left';
    g.textBaseline = 'top';
    cut = fitTitle(g, opts.title, box.left, width - 4);
  }
  canvas.title = cut ? opts.title : '';
  return { g, sx, sy, box, x0, x1, y0, y1 };
}

function clip(p) {
  p.g.save();
  p.g.beginPath();
  p.g.rect(p.box.left, p.box.top, p.box.right - p.box.left, p.box.bottom - p.box.top);
  p.g.clip();
}

/** A polyline; null values break it. */
function line(p, xs, ys, color, width, dash) {
  const g = p.g;
  g.strokeStyle = color;
  g.lineWidth = width || 1.2;
  g.setLineDash(dash || []);
  g.beginPath();
  let drawing = false;
  for (let k = 0; k < xs.length; k++) {
    if (ys[k] === null || xs[k] === null || !isFinite(ys[k])) { drawing = false; continue; }
    const px = p.sx(xs[k]);
    const py = p.sy(ys[k]);
    if (drawing) { g.lineTo(px, py); } else { g.moveTo(px, py); drawing = true; }
  }
  g.stroke();
  g.setLineDash([]);
}

/**
 * A legend in the corner of the plot box that covers the least of the line through the points (xs, ys) given and of
 * the dots (dots: [xs, ys], each counted as a stretch of line), top right when none are given or on a tie: in the
 * phase plane it sat over the trajectory near v = 30 mV (whose legend is above its box now, legendRow: CH's trajectory
 * fills every corner). An entry is [label, color, dash], its marker a short line,
 * or [label, color, 'dot'] for a series of dots without a line. Returns the corner taken.
 */
function legend(p, entries, xs, ys, dots) {
  const g = p.g;
  g.font = '11px system-ui, sans-serif';
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  const width = 152;
  const height = 15 * entries.length;
  const corners = [[p.box.right - width - 2, p.box.top + 3], [p.box.left + 6, p.box.top + 3],
    [p.box.right - width - 2, p.box.bottom - height - 3], [p.box.left + 6, p.box.bottom - height - 3]];
  let best = corners[0];
  if (xs && ys) {
    let fewest = Infinity;
    for (const [cx, cy] of corners) {
      let covered = 0;
      // Along the line, not only at its samples: a spike's upstroke is a few samples far apart.
      for (let k = 1; k < xs.length; k++) {
        if (xs[k] === null || ys[k] === null || xs[k - 1] === null || ys[k - 1] === null) { continue; }
        for (let f = 0; f < 1; f += 0.125) {
          const px = p.sx(xs[k - 1] + f * (xs[k] - xs[k - 1]));
          const py = p.sy(ys[k - 1] + f * (ys[k] - ys[k - 1]));
          covered += px >= cx && px <= cx + width && py >= cy && py <= cy + height ? 1 : 0;
        }
      }
      const [dx, dy] = dots || [[], []];
      for (let k = 0; k < dx.length; k++) {
        if (dx[k] === null || dy[k] === null) { continue; }
        const px = p.sx(dx[k]);
        const py = p.sy(dy[k]);
        covered += px >= cx && px <= cx + width && py >= cy && py <= cy + height ? 8 : 0;
      }
      if (covered < fewest) { fewest = covered; best = [cx, cy]; }
    }
  }
  let y = best[1] + 7;
  for (const [label, color, dash] of entries) {
    const x = best[0] + 4;
    g.fillStyle = 'rgba(255,255,255,0.85)';
    g.fillRect(x - 4, y - 7, 152, 14);
    if (dash === 'dot') {
      g.fillStyle = color;
      g.beginPath(); g.arc(x + 10, y, 2.5, 0, 2 * Math.PI); g.fill();
    } else {
      g.strokeStyle = color; g.lineWidth = 2; g.setLineDash(dash || []);
      g.beginPath(); g.moveTo(x, y); g.lineTo(x + 20, y); g.stroke();
      g.setLineDash([]);
    }
    g.fillStyle = '#1d2330';
    g.fillText(label, x + 26, y);
    y += 15;
  }
  return best;
}

/**
 * The rows of a legend above a plot box room pixels wide: each row the indices of its entries, and each entry's width.
 * The phase plane's five entries need two rows at the page's width.
 */
function legendLines(g, entries, marker, room) {
  g.font = '11px system-ui, sans-serif';
  const widths = entries.map(([label]) => (marker === 'dot' ? 12 : 26) + g.measureText(label).width + 14);
  const lines = [[]];
  let used = 0;
  widths.forEach((w, k) => {
    if (used > 0 && used + w - 14 > room) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1].push(k);
    used += w;
  });
  return [lines, widths];
}

/**
 * A legend in rows above the plot box, right-aligned (axes' legendRow leaves room for them): a scrolling plot's newest
 * data is at the box's top right, where the legend sat over it, and the phase plane's trajectory can fill every corner
 * of its box (CH: the legend lay over its upper branches). Markers are squares for a plot of dots ('dot') or short
 * lines. Returns the last row's bottom edge, above the box's top.
 */
function legendRow(p, entries, marker) {
  const g = p.g;
  const [lines, widths] = legendLines(g, entries, marker, p.box.right - p.box.left);
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  lines.forEach((row, r) => {
    const y = p.box.top - 9 - 16 * (lines.length - 1 - r);
    let x = p.box.right - row.reduce((sum, k) => sum + widths[k], 0) + 14;
    for (const k of row) {
      const [label, color, dash] = entries[k];
      if (marker === 'dot') {
        g.fillStyle = color;
        g.fillRect(x, y - 3.5, 7, 7);
      } else {
        g.strokeStyle = color; g.lineWidth = 2; g.setLineDash(dash || []);
        g.beginPath(); g.moveTo(x, y); g.lineTo(x + 20, y); g.stroke();
        g.setLineDash([]);
      }
      g.fillStyle = '#1d2330';
      g.fillText(label, x + (marker === 'dot' ? 12 : 26), y);
      x += widths[k];
    }
  });
  return p.box.top - 2;
}

/** A number for a plot's summary: at most 3 significant digits, no float noise (12.3, 0.0456, 1230). */
function say(x) {
  return Number(x.toPrecision(3)).toLocaleString('en');
}

/**
 * The phase plane's u range with each v-nullcline's lowest point (the knee spikes start past) when it lies within a
 * span below or two spans above the trajectory's range, as neuron.png's (NeuronFigure.widenForParabolaVertex): in
 * tonic firing the knee is above the trajectory (FS at 30: u = 13.75 over a view to about 5) and the legend listed a
 * curve the plot did not show.
 */
function widenForVertices(view, nc) {
  const span = view[1] - view[0];
  for (const us of [nc.v_nullcline_u, nc.v_nullcline_held_u]) {
    if (!us) { continue; }
    let lowest = Infinity;
    for (const u of us) { if (u !== null && isFinite(u)) { lowest = Math.min(lowest, u); } }
    if (!isFinite(lowest)) { continue; }
    if (lowest < view[0] && lowest > view[0] - span) {
      view[0] = lowest - 0.08 * span;
    } else if (lowest > view[1] - 0.1 * span && lowest < view[1] + 2 * span) {
      view[1] = Math.max(view[1], lowest + 0.25 * (lowest - view[0]));
    }
  }
  return view;
}

function range(values, pad) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v !== null && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (!isFinite(lo)) { return [0, 1]; }
  const margin = (hi - lo) * (pad || 0.05) || Math.abs(hi) * 0.1 || 1;
  return [lo - margin, hi + margin];
}

// ---------------------------------------------------------------- neuron tab

const state = { catalog: null, preset: null, fields: {}, inFlight: false, pending: false, seq: 0, last: null };

function presetByName(name) {
  return state.catalog.presets.find((p) => p.name === name);
}

function numberText(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '' : String(value);
}

/** One labelled slider + text field, checked against the server's limits. */
function makeField(container, limit, onChange) {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.id = 'wrap-' + limit.key;
  wrap.innerHTML =
    '<div class="line"><span class="name" title="' + limit.label + '">' + limit.label +
    (limit.unit ? ' <span class="unit">' + limit.unit + '</span>' : '') + '</span>' +
    '<input type="range" id="slider-' + limit.key + '" min="' + limit.min + '" max="' + limit.max +
    '" step="' + limit.step + '">' +
    '<input type="text" id="field-' + limit.key + '" inputmode="decimal" autocomplete="off"></div>' +
    '<div class="reason" id="reason-' + limit.key + '"></div>';
  container.appendChild(wrap);
  const slider = wrap.querySelector('input[type=range]');
  const text = wrap.querySelector('input[type=text]');
  // Named for screen readers (the visible name is a span beside them: they were read as "slider 0.02", "edit never").
  const name = limit.label + (limit.unit ? ' (' + limit.unit + ')' : '');
  slider.setAttribute('aria-label', name + ', slider');
  text.setAttribute('aria-label', name);
  text.setAttribute('aria-describedby', 'reason-' + limit.key);
  slider.addEventListener('input', () => {
    // Slider positions are multiples of the step; print them without float noise.
    const decimals = Math.max(0, -Math.floor(Math.log10(limit.step) + 1e-9));
    text.value = String(Number(Number(slider.value).toFixed(decimals)));
    onChange();
  });
  text.addEventListener('input', () => {
    const v = Number(text.value.trim());
    if (text.value.trim() !== '' && isFinite(v)) { slider.value = v; }
    onChange();
  });
  state.fields[limit.key] = { limit, wrap, slider, text, optional: false };
  return state.fields[limit.key];
}

function setField(key, value) {
  const f = state.fields[key];
  f.text.value = numberText(value);
  if (value !== null && isFinite(value)) { f.slider.value = value; }
}

function markField(key, reason) {
  const f = state.fields[key];
  if (!f) { return false; }
  f.wrap.classList.toggle('invalid', !!reason);
  f.text.setAttribute('aria-invalid', reason ? 'true' : 'false');
  $('reason-' + key).textContent = reason || '';
  return true;
}

/** A decimal number as the command line takes it: not '0x10', 'Infinity' or '1,5', which Number() reads or refuses. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Returns the number, or null after marking the field with the reason. */
function readField(key) {
  const f = state.fields[key];
  const raw = f.text.value.trim();
  if (raw === '') {
    if (f.optional) { markField(key, ''); return ''; }
    markField(key, 'enter a number');
    return null;
  }
  const value = Number(raw);
  if (!isFinite(value) || !DECIMAL.test(raw)) {
    markField(key, "'" + raw + "' is not a number");
    return null;
  }
  const l = f.limit;
  if (value < l.min || value > l.max) {
    markField(key, 'out of range: ' + l.min + ' to ' + l.max + (l.unit ? ' ' + l.unit : ''));
    return null;
  }
  markField(key, '');
  return value;
}

function buildNeuronFields() {
  const preset = state.preset;
  const limits = state.catalog.limits;
  const is2007 = preset.model === '2007';
  const model = $('model-fields');
  const stim = $('stimulus-fields');
  const run = $('run-fields');
  model.innerHTML = '';
  stim.innerHTML = '';
  run.innerHTML = '';
  state.fields = {};
  for (const l of is2007 ? limits.model_2007 : limits.model_2003) { makeField(model, l, onNeuronChange); }
  makeField(stim, (is2007 ? limits.current_2007 : limits.current_2003)[0], () => {
    // Moving the current means a DC step: said when it replaces a published protocol (a ramp, pulses), which it did
    // without a word.
    if (!$('stimulus-dc').checked) {
      $('stimulus-note').textContent = 'Changing I made the stimulus a DC step (from onset to offset) in place of the ' +
        'published protocol; choose "published protocol" to bring it back.';
    }
    $('stimulus-dc').checked = true;
    onNeuronChange();
  });
  for (const l of limits.run) {
    makeField(l.key === 'onset' || l.key === 'offset' ? stim : run, l, onNeuronChange);
  }
  state.fields.offset.optional = true;
  state.fields.offset.text.placeholder = 'never';
}

function is2007Equation(preset) {
  return preset.model === '2007';
}

/**
 * The header's equations of a preset: its family's standard form, or where the preset departs from it (the catalog's
 * `equations`, sim neuron's "equations:" line) those equations in its place: the standard line stood above
 * class_1_excitable (4.1v + 108), accommodation (u' = ab(v + 65)) and the book's LTS, FS, TC and RTN cells.
 */
function equationLine(preset) {
  const changed = preset.equations;
  if (is2007Equation(preset)) {
    return changed ?
      "Izhikevich (2007), this cell: C v' = k(v − vr)(v − vt) − u + I,  u' = a(U(v) − u);  if v ≥ vpeak: v ← c, " +
        "u ← u + d;  with U(v) = b(v − vr) but: " + changed :
      "Izhikevich (2007): C v' = k(v − vr)(v − vt) − u + I,  u' = a(b(v − vr) − u);  if v ≥ vpeak: v ← c, u ← u + d";
  }
  const standard = ["v' = 0.04v² + 5v + 140 − u + I", "u' = a(bv − u)"];
  const reset = ';  if v ≥ 30 mV: v ← c, u ← u + d';
  if (!changed) { return 'Izhikevich (2003): ' + standard.join(',  ') + reset; }
  // The 2003 model's changes are whole equations (v' = ..., u' = ...; each with what it replaces): each takes its place.
  const parts = changed.split('; ');
  const v = parts.filter((p) => p.startsWith("v' ="));
  const u = parts.filter((p) => p.startsWith("u' ="));
  if (v.length + u.length !== parts.length) { return 'Izhikevich (2003): ' + standard.join(',  ') + reset + ';  but: ' + changed; }
  return 'Izhikevich (2003), this preset: ' + (v[0] || standard[0]) + ',  ' + (u[0] || standard[1]) + reset;
}

function applyPreset(name) {
  const preset = presetByName(name);
  const familyChanged = !state.preset || state.preset.model !== preset.model;
  state.preset = preset;
  if (familyChanged || Object.keys(state.fields).length === 0) { buildNeuronFields(); }
  // The 2003 notes ("high c (-50) gives bursts") beside a 2007 preset, whose c = -50 fires tonically, misled.
  $('tips-2003').hidden = is2007Equation(preset);
  $('tips-2007').hidden = !is2007Equation(preset);
  $('equation').textContent = equationLine(preset);
  // The 2007 presets' descriptions start with their title ("fast-spiking (FS) interneuron at 200 pA"): said once.
  $('preset-description').textContent = preset.description.startsWith(preset.title) ? preset.description :
    preset.title + ': ' + preset.description;
  $('preset-citation').textContent = preset.citation;
  for (const [key, value] of Object.entries(preset.params)) { setField(key, value); }
  setField('current', preset.stimulus.current);
  setField('onset', preset.stimulus.onset);
  setField('offset', preset.stimulus.offset);
  setField('dt', preset.dt);
  setField('duration', preset.duration);
  $('method').value = preset.method;
  $(preset.stimulus.mode === 'dc' ? 'stimulus-dc' : 'stimulus-preset').checked = true;
  $('stimulus-note').textContent = '';
  updateStimulusEnabled();
  fiDefaults();
  onNeuronChange();
}

function updateStimulusEnabled() {
  const dc = $('stimulus-dc').checked;
  for (const key of ['onset', 'offset']) {
    state.fields[key].text.disabled = !dc;
    state.fields[key].slider.disabled = !dc;
  }
}

/** The request, or null when a field is bad (each bad field is marked). */
function neuronRequest() {
  const body = { preset: state.preset.name, method: $('method').value };
  let ok = true;
  const dc = $('stimulus-dc').checked;
  body.stimulus = dc ? 'dc' : 'preset';
  for (const key of Object.keys(state.fields)) {
    if (!dc && (key === 'current' || key === 'onset' || key === 'offset')) { markField(key, ''); continue; }
    const value = readField(key);
    if (value === null) { ok = false; continue; }
    body[key] = value === '' ? null : value;
  }
  if (ok && body.dt > body.duration) { markField('dt', 'dt must not exceed the duration'); ok = false; }
  if (ok && Math.round(body.duration / body.dt) + 1 > state.catalog.limits.max_steps) {
    markField('dt', 'too many steps: at most ' + state.catalog.limits.max_steps + ' (raise dt)');
    ok = false;
  }
  if (ok && dc && body.offset !== null && !(body.offset > body.onset)) {
    markField('offset', 'offset must be after onset');
    ok = false;
  }
  return ok ? body : null;
}

/**
 * While a field is bad (or the server refused the values), the plots, spike count and command still shown are
 * those of the last values the server accepted: dimmed, and not offered as the fields' command.
 */
function setStale(stale) {
  const panel = $('panel-neuron');
  const was = panel.classList.contains('stale');
  panel.classList.toggle('stale', stale);
  $('copy-command').disabled = stale;
  if (stale) {
    $('copy-status').textContent = 'Not the fields as they are now: the plots, count and command are of the last values that ran.';
  } else if (was) {
    $('copy-status').textContent = '';
  }
}

/** The error line for fields refused: names them (it said "the field marked in red", by colour only). */
function fixFieldsText() {
  const bad = Object.values(state.fields).filter((f) => f.wrap.classList.contains('invalid'));
  if (bad.length === 0) { return 'Fix the field marked in red.'; }
  return 'Fix ' + bad.map((f) => f.limit.label + ' (' + $('reason-' + f.limit.key).textContent + ')').join(', ') +
    ', marked in red.';
}

function onNeuronChange() {
  updateStimulusEnabled();
  markFiStale();
  const body = neuronRequest();
  if (!body) {
    $('neuron-error').textContent = fixFieldsText();
    setStale(true);
    return;
  }
  $('neuron-error').textContent = '';
  if (state.inFlight) { state.pending = true; return; }
  simulate(body);
}

/** One request in flight at a time; changes made meanwhile are sent as one request when it returns. */
async function simulate(body) {
  state.inFlight = true;
  const started = performance.now();
  try {
    const response = await fetch('api/neuron', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const reply = await response.json();
    if (!response.ok) {
      setStale(true);
      if (!reply.field || !markField(reply.field, reply.error)) { $('neuron-error').textContent = reply.error; }
      else { $('neuron-error').textContent = fixFieldsText(); }
    } else {
      const roundTrip = performance.now() - started;
      // A change made meanwhile is sent next; until it is drawn, this reply is not the fields' either.
      setStale(state.pending);
      drawNeuron(reply);
      const drawn = performance.now() - started;
      $('timing').textContent = 'simulated in ' + reply.server_ms.toFixed(1) + ' ms, round trip ' +
        roundTrip.toFixed(0) + ' ms, drawn at ' + drawn.toFixed(0) + ' ms';
      state.seq++;
      document.body.dataset.simSeq = String(state.seq);
      document.body.dataset.lastRoundTripMs = roundTrip.toFixed(1);
      document.body.dataset.lastDrawnMs = drawn.toFixed(1);
    }
  } catch (err) {
    $('neuron-error').textContent = 'The server did not answer: ' + err;
  } finally {
    state.inFlight = false;
    if (state.pending) {
      state.pending = false;
      onNeuronChange();
    }
  }
}

function drawNeuron(r) {
  state.last = r;
  const count = $('spike-count');
  count.textContent = r.spike_count + (r.spike_count === 1 ? ' spike' : ' spikes');
  count.dataset.count = String(r.spike_count);
  // Over the whole run, the time before a stimulus's onset included, as sim neuron says it (NeuronCommand): CH's
  // "mean rate 100.0 Hz" read as the rate under its step, which starts at 15.25 ms.
  // A spike at the last step, t = T, starts the interval after T: its rate leaves it out, and says so (40 spikes at
  // "177.27 Hz over 220 ms" read as a wrong rate).
  const rated = r.spikes_ms.filter((t) => t < r.duration_ms).length;
  $('rate').textContent = 'mean rate ' + r.mean_rate_hz.toFixed(2) + ' Hz over the whole ' + r.duration_ms + ' ms' +
    (rated < r.spike_count ? ' (of the ' + rated + ' before t = ' + r.duration_ms + ' ms: the spike at the last step, ' +
      't = T, starts the interval after T)' : '');
  $('first-spike').textContent = r.first_spike_ms === null ? 'no spike' : 'first at ' + r.first_spike_ms + ' ms';
  showCommand(r.command);
  // The command line's warnings (a pulse between two steps, a sine the steps cannot follow, firing at every step).
  $('neuron-warnings').textContent = (r.warnings || []).map((w) => 'warning: ' + w).join('\n');
  const unit = r.current_unit ? ' (' + r.current_unit + ')' : '';
  const xr = [0, r.duration_ms];

  $('plot-v').setAttribute('aria-label', 'membrane potential v (mV) against time (ms) over ' + r.duration_ms + ' ms: ' +
    (r.spike_count === 0 ? 'no spike' : r.spike_count + (r.spike_count === 1 ? ' spike' : ' spikes') + ', the first at ' +
    r.first_spike_ms + ' ms'));
  const vRange = range(r.v, 0.04);
  const pv = axes($('plot-v'), { x: xr, y: vRange, xlabel: 'time (ms)', ylabel: 'v (mV)',
    title: r.title + ' [' + r.preset + '], ' + r.method + ', dt = ' + r.dt + ' ms' });
  clip(pv);
  line(pv, r.t, r.v, '#1f5fbf', 1.2);
  pv.g.fillStyle = '#d0312d';
  for (const t of r.spikes_ms) { pv.g.fillRect(pv.sx(t) - 1, pv.box.top + 2, 2, 6); }
  pv.g.restore();

  const iMin = Math.min(...r.i);
  const iMax = Math.max(...r.i);
  $('plot-i').setAttribute('aria-label', 'input current I' + unit + ' against time (ms) over ' + r.duration_ms + ' ms: ' +
    (iMin === iMax ? 'constant at ' + say(iMin) : 'from ' + say(iMin) + ' to ' + say(iMax)));
  const pi = axes($('plot-i'), { x: xr, y: range(r.i.concat([0]), 0.15), xlabel: 'time (ms)', ylabel: 'I' + unit });
  clip(pi);
  line(pi, r.t, r.i, '#2e8b57', 1.5);
  pi.g.restore();

  const nc = r.nullclines;
  const uRange = widenForVertices(range(r.u, 0.25), nc);
  $('plot-phase').dataset.uRange = uRange.map((u) => u.toFixed(3)).join(',');
  const hasU = nc.u_nullcline_u.some((u) => u !== null);
  const entries = [['trajectory', '#1f5fbf'], ['reset (jump)', '#b8c2d2', [1, 3]],
    ["v' = 0 at I = " + Number(nc.current.toFixed(3)), '#d98b00', [6, 4]]];
  if (nc.v_nullcline_held_u) {
    entries.push(["v' = 0 at I = " + Number(nc.held_current.toFixed(3)), '#d98b00', [2, 2]]);
  }
  if (hasU) { entries.push(["u' = 0", '#8a4fbf', [2, 3]]); }
  // The legend above the box, as the raster's: in the corner the trajectory crossed least it still lay over CH's
  // upper branches, which fill every corner.
  const pp = axes($('plot-phase'), { x: [nc.v[0], nc.v[nc.v.length - 1]], y: uRange, xlabel: 'v (mV)',
    ylabel: 'u' + (r.model === '2007' ? ' (pA)' : ''), title: 'phase plane (v, u)', legendRow: [entries] });
  clip(pp);
  line(pp, nc.v, nc.v_nullcline_u, '#d98b00', 1.6, [6, 4]);
  // The current of most of the run (0 between pulses), when it differs: the rest the trajectory circles.
  if (nc.v_nullcline_held_u) { line(pp, nc.v, nc.v_nullcline_held_u, '#d98b00', 1.2, [2, 2]); }
  if (hasU) { line(pp, nc.v, nc.u_nullcline_u, '#8a4fbf', 1.6, [2, 3]); }
  // A reset is a jump, not a path: break the trajectory there and show the jump faintly. A spike sample holds u
  // after the reset (as figure1.m records it): drawn at u before it (peak_u), the upstroke no longer climbs by d.
  const peakU = new Map((r.peaks || []).map((k, m) => [k, r.peak_u[m]]));
  const uAt = (k) => (peakU.has(k) ? peakU.get(k) : r.u[k]);
  const tv = [];
  const tu = [];
  const jumps = [];
  for (let k = 0; k < r.v.length; k++) {
    if (k > 0 && r.v[k - 1] - r.v[k] > 20) {
      tv.push(null);
      tu.push(null);
      jumps.push([r.v[k - 1], uAt(k - 1), r.v[k], r.u[k]]);
    }
    tv.push(r.v[k]);
    tu.push(uAt(k));
  }
  for (const [va, ua, vb, ub] of jumps) { line(pp, [va, vb], [ua, ub], '#b8c2d2', 1, [1, 3]); }
  line(pp, tv, tu, '#1f5fbf', 1.2);
  pp.g.fillStyle = '#1d2330';
  pp.g.beginPath(); pp.g.arc(pp.sx(r.v[0]), pp.sy(r.u[0]), 3.5, 0, 2 * Math.PI); pp.g.fill();
  pp.g.restore();
  $('plot-phase').dataset.legendBottom = String(legendRow(pp, entries));
  $('plot-phase').dataset.boxTop = String(pp.box.top);
  $('plot-phase').setAttribute('aria-label', phaseSummary(r, nc, hasU));
}

/**
 * The phase plane said in words (its name alone was read out): the trajectory's range, and the nullclines at the
 * current I: the v-nullcline's lowest point (the knee spikes start past) and where it crosses the u-nullcline, each
 * crossing named stable or unstable by the server (Equilibria.java): every crossing was called "the rest states",
 * the unstable one of izh2007_fs at 200 pA (which fires tonically) and the 2003 models' saddle included.
 */
function phaseSummary(r, nc, hasU) {
  const finite = (xs) => xs.filter((x) => x !== null && isFinite(x));
  const vs = finite(r.v);
  const us = finite(r.u);
  const uUnit = r.model === '2007' ? ' pA' : '';
  let text = 'phase plane: u against v (mV); the trajectory spans v ' + say(Math.min(...vs)) + ' to ' +
    say(Math.max(...vs)) + ' mV, u ' + say(Math.min(...us)) + ' to ' + say(Math.max(...us)) + uUnit;
  let knee = -1;
  for (let k = 0; k < nc.v.length; k++) {
    const u = nc.v_nullcline_u[k];
    if (u !== null && isFinite(u) && (knee < 0 || u < nc.v_nullcline_u[knee])) { knee = k; }
  }
  text += "; v' = 0 at I = " + say(nc.current);
  if (knee >= 0) { text += ' has its lowest point at v = ' + say(nc.v[knee]) + ' mV, u = ' + say(nc.v_nullcline_u[knee]) + uUnit; }
  if (hasU) {
    const points = (nc.equilibria || []).map((e) => say(e.v) + ' mV (' + (e.stable ? 'stable, a rest state' :
      'unstable') + ')');
    text += points.length === 0 ? "; it does not cross u' = 0 in the range shown (no equilibrium there)" :
      "; it crosses u' = 0 at " + (points.length === 1 ? 'one equilibrium, v = ' : points.length +
      ' equilibria, v = ') + points.slice(0, -1).join(', ') + (points.length > 1 ? ' and ' : '') +
      points[points.length - 1];
  }
  return text;
}

/**
 * The command, each argument unbreakable: the box broke lines inside option names ("-" at a line's end, "-current"
 * on the next). Its text is still the command, with single spaces.
 */
function showCommand(command) {
  const box = $('command');
  box.textContent = '';
  command.split(' ').forEach((part, k) => {
    if (k > 0) { box.append(' '); }
    const arg = document.createElement('span');
    arg.className = 'arg';
    arg.textContent = part;
    box.append(arg);
  });
}

async function copyCommand() {
  const text = $('command').textContent;
  try {
    await navigator.clipboard.writeText(text);
    $('copy-status').textContent = 'Copied. Add --json to print the spikes, --out DIR for the figures.';
  } catch (err) {
    const range = document.createRange();
    range.selectNodeContents($('command'));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    $('copy-status').textContent = 'Selected: press Ctrl-C to copy.';
  }
}

async function initNeuron() {
  const catalog = await (await fetch('api/presets')).json();
  state.catalog = catalog;
  const select = $('preset');
  for (const group of catalog.groups) {
    const og = document.createElement('optgroup');
    og.label = group.citation.replace(/,.*?(Fig\.|ch\.)/, ', $1').slice(0, 80);
    for (const p of catalog.presets.filter((x) => x.group === group.id)) {
      const option = document.createElement('option');
      option.value = p.name;
      option.textContent = p.name + ': ' + p.description;
      og.appendChild(option);
    }
    select.appendChild(og);
  }
  for (const m of catalog.methods) {
    const option = document.createElement('option');
    option.value = m;
    option.textContent = m;
    $('method').appendChild(option);
  }
  select.addEventListener('change', () => {
    history.replaceState(null, '', '#preset=' + encodeURIComponent(select.value));
    applyPreset(select.value);
  });
  $('method').addEventListener('change', onNeuronChange);
  $('stimulus-dc').addEventListener('change', onNeuronChange);
  $('stimulus-preset').addEventListener('change', () => { $('stimulus-note').textContent = ''; onNeuronChange(); });
  $('reset').addEventListener('click', () => applyPreset(select.value));
  $('copy-command').addEventListener('click', copyCommand);
  $('fi-run').addEventListener('click', fiCurve);
  for (const [, id] of FI_FIELDS) { $(id).addEventListener('input', onFiInput); }
  // #preset=NAME opens a preset directly: a link a teacher can hand out.
  const wanted = decodeURIComponent((location.hash.match(/preset=([^&]+)/) || [])[1] || 'RS');
  const first = presetByName(wanted) ? wanted : 'RS';
  select.value = first;
  applyPreset(first);
}

/**
 * A curve drawn for other values than the fields' now is dimmed and says so (it stayed under changed parameters,
 * unmarked, its title the same; and fully shown under a refused Compute).
 */
function markFiStale() {
  const block = document.querySelector('.fi');
  if (!block || $('fi-command').textContent === '') { return; }
  block.classList.add('stale');
  $('fi-summary').textContent = 'Of earlier values (its command below): Compute again for the fields as they are now.';
}

/** The curve's fields: the request's key, the page's name (the error line speaks it, not the API's fi_to). */
const FI_FIELDS = [['fi_from', 'fi-from', 'from'], ['fi_to', 'fi-to', 'to'], ['fi_step', 'fi-step', 'step'],
  ['fi_duration', 'fi-duration', 'each run (ms)']];

/** Marks a curve's field (by its id) with the reason, or clears it; as markField does for the neuron's. */
function markFi(id, reason) {
  $('wrap-' + id).classList.toggle('invalid', !!reason);
  $(id).setAttribute('aria-invalid', reason ? 'true' : 'false');
  $('reason-' + id).textContent = reason || '';
}

/** The largest magnitude a float holds: the curve's currents are floats in the model, as --fi refuses beyond it. */
const FLOAT_MAX = 3.4028234663852886e38;

/**
 * The curve's fields as numbers, or null after marking each bad one with its reason (a field the number input could
 * not read, "2e", was sent as missing and the server's default ran in its place; an empty one too).
 */
function readFiFields() {
  const values = {};
  let ok = true;
  for (const [key, id] of FI_FIELDS) {
    const raw = $(id).value.trim();
    const value = Number(raw);
    let reason = '';
    if (raw === '') { reason = 'enter a number'; }
    else if (!isFinite(value) || !DECIMAL.test(raw)) { reason = "'" + raw + "' is not a number"; }
    else if (key === 'fi_duration') {
      const l = state.catalog.limits.run.find((x) => x.key === 'duration');
      if (value < l.min || value > l.max) { reason = 'out of range: ' + l.min + ' to ' + l.max + ' ms'; }
    } else if (Math.abs(value) > FLOAT_MAX) { reason = 'beyond the range a float holds (±3.4e38)'; }
    else if (key === 'fi_step' && !(value > 0)) { reason = 'must be > 0'; }
    markFi(id, reason);
    if (reason) { ok = false; } else { values[key] = value; }
  }
  if (ok && values.fi_to < values.fi_from) { markFi('fi-to', 'must be ≥ from'); ok = false; }
  if (ok && (values.fi_to - values.fi_from) / values.fi_step > 999 * (1 + 1e-12)) {
    markFi('fi-step', 'more than 1000 amplitudes: a larger step gives fewer');
    ok = false;
  }
  return ok ? values : null;
}

/** The error line for the curve's fields refused, in the page's names (it said "give fi_to", "--fi 0:300:0: STEP"). */
function fixFiText() {
  const bad = FI_FIELDS.filter(([, id]) => $('wrap-' + id).classList.contains('invalid'));
  return 'Fix ' + bad.map(([, id, name]) => name + ' (' + $('reason-' + id).textContent + ')').join(', ') +
    ', marked in red.';
}

/** A server refusal of a curve's field: its message in the page's names (fi_to -> to). */
function inFiWords(message) {
  return FI_FIELDS.reduce((text, [key, , name]) => text.split(key).join(name), message);
}

/** A change of a curve's field: the curve shown is of other values now; marks already shown follow the fields. */
function onFiInput() {
  markFiStale();
  if (FI_FIELDS.some(([, id]) => $('wrap-' + id).classList.contains('invalid'))) {
    $('fi-error').textContent = readFiFields() ? '' : fixFiText();
  }
}

/** Amplitudes an f-I curve starts from for a preset's model: the 2003 model's units, or pA. */
function fiDefaults() {
  const model2007 = is2007Equation(state.preset);
  if ($('fi-to').dataset.model !== String(model2007)) {
    $('fi-to').value = model2007 ? 300 : 20;
    $('fi-step').value = model2007 ? 25 : 1;
    $('fi-to').dataset.model = String(model2007);
    markFi('fi-to', '');
    markFi('fi-step', '');
  }
}

/** POST /api/neuron/fi with the neuron's fields (its stimulus the curve's steps) and the curve's. */
async function fiCurve() {
  fiDefaults();
  const body = neuronRequest();
  const fi = readFiFields();
  $('fi-error').textContent = '';
  if (!body || !fi) {
    // A refused Compute leaves the last curve in view: dimmed, as the neuron's plots under a bad field.
    markFiStale();
    $('fi-error').textContent = !fi ? fixFiText() + (body ? '' : ' Fix the neuron\'s marked fields too.') :
      'Fix the marked fields first.';
    return;
  }
  body.stimulus = 'preset';
  for (const key of ['current', 'onset', 'offset', 'duration']) { delete body[key]; }
  Object.assign(body, fi);
  $('fi-summary').textContent = 'computing...';
  $('fi-run').disabled = true;
  try {
    const response = await fetch('api/neuron/fi', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const reply = await response.json();
    if (!response.ok) {
      $('fi-summary').textContent = '';
      markFiStale();
      const mine = FI_FIELDS.find(([key]) => key === reply.field);
      if (mine) {
        markFi(mine[1], inFiWords(reply.error));
        $('fi-error').textContent = fixFiText();
      } else {
        $('fi-error').textContent = inFiWords(reply.error);
      }
    } else {
      drawFi(reply);
    }
  } catch (err) {
    $('fi-summary').textContent = '';
    markFiStale();
    $('fi-error').textContent = 'The server did not answer: ' + err;
  } finally {
    $('fi-run').disabled = false;
  }
}

/**
 * The rate line's points as fi.png draws them (FiCurveOutputs.brokenAtOnsets): the runs that blew up left out, and a
 * break (null) between a current that did not fire and one that did. The book's FS cell (izh2007_fs) jumps from
 * silence to about 25 Hz at its rheobase (class 2), and a line from the last silent point to the first firing one
 * drew the jump as a ramp; between the two the curve is not known.
 */
function brokenAtOnsets(currents, rates) {
  const xs = [];
  const ys = [];
  let last = null;
  for (let k = 0; k < currents.length; k++) {
    if (rates[k] === null) { continue; }
    if (last !== null && (rates[last] > 0) !== (rates[k] > 0)) {
      xs.push((currents[last] + currents[k]) / 2);
      ys.push(null);
    }
    xs.push(currents[k]);
    ys.push(rates[k]);
    last = k;
  }
  return [xs, ys];
}

/** The stretches a broken line is drawn in, as "from-to" currents joined by "|" (the browser test reads them). */
function lineStretches(xs, ys) {
  const stretches = [];
  let from = null;
  for (let k = 0; k <= xs.length; k++) {
    if (k < xs.length && ys[k] !== null) {
      if (from === null) { from = xs[k]; }
    } else if (from !== null) {
      stretches.push(from + '-' + xs[k - 1]);
      from = null;
    }
  }
  return stretches.join('|');
}

function drawFi(r) {
  const unit = r.current_unit ? ' (' + r.current_unit + ')' : '';
  const top = Math.max(1, ...r.rate_hz, ...r.last_isi_rate_hz.filter((x) => x !== null));
  const p = axes($('plot-fi'), { x: range(r.currents, 0.03), y: [0, top * 1.05], xlabel: 'DC step amplitude' + unit,
    ylabel: 'rate (Hz)', title: 'f-I curve: ' + r.title + ', ' + r.method + ', dt = ' + r.dt + ' ms, runs of ' +
    r.duration_ms + ' ms' });
  clip(p);
  const [rateXs, rateYs] = brokenAtOnsets(r.currents, r.rate_hz);
  line(p, rateXs, rateYs, '#1f5fbf', 1.8);
  const dot = (x, y, radius) => { p.g.beginPath(); p.g.arc(p.sx(x), p.sy(y), radius, 0, 2 * Math.PI); p.g.fill(); };
  p.g.fillStyle = '#1f5fbf';
  for (let k = 0; k < r.currents.length; k++) {
    if (r.rate_hz[k] !== null) { dot(r.currents[k], r.rate_hz[k], 3); }
  }
  // Dots alone, over the rate's, as in fi.png: of a bursting cell the last interval falls within a burst or between
  // two by where the run ends, and a line through them (CH: 15 Hz beside 308) drew a curve that is not there.
  p.g.fillStyle = '#d0312d';
  for (let k = 0; k < r.currents.length; k++) {
    if (r.last_isi_rate_hz[k] !== null) { dot(r.currents[k], r.last_isi_rate_hz[k], 2.5); }
  }
  p.g.restore();
  legend(p, [['spikes / run time', '#1f5fbf'], ['1000 / last ISI', '#d0312d', 'dot']], rateXs, rateYs,
    [r.currents, r.last_isi_rate_hz]);
  $('plot-fi').dataset.rateLine = lineStretches(rateXs, rateYs);
  const first = r.first_firing_current;
  const summary = r.currents.length + ' amplitudes; ' + (first === null ? 'no amplitude fired the neuron' :
    'the first that fires: ' + first + unit + ', at ' + r.rate_hz[r.currents.indexOf(first)].toFixed(1) + ' Hz');
  $('fi-summary').textContent = summary;
  $('plot-fi').setAttribute('aria-label', 'f-I curve: rate (Hz) against DC step amplitude' + unit + ' from ' +
    r.currents[0] + ' to ' + r.currents[r.currents.length - 1] + '; ' + summary);
  $('fi-command').textContent = r.command;
  // The warnings `sim neuron --fi` prints (a rate set by dt, an Euler step past the rest point), as the run's are shown.
  $('fi-warnings').textContent = (r.warnings || []).map((w) => 'warning: ' + w).join('\n');
  $('plot-fi').dataset.counts = r.spike_counts.join(',');
  document.querySelector('.fi').classList.remove('stale');
  // A current whose run blew up is left out of the lines; its line is said (the others were lost with it).
  $('fi-error').textContent = r.blow_up || '';
}

// ---------------------------------------------------------------- network tab

const RASTER_WINDOW_MS = 1000;
const RATE_BIN_MS = 5;
// rates[p][k] is population p's rate in bin rateBase + k of binMs ms (the run's bin_ms: wider for many populations).
const net = { populations: [], neurons: 1, spikes: [], rates: [], rateBase: 0, binMs: RATE_BIN_MS, latest: 0, total: 0,
  spikeTotal: 0,
  dirty: false, upload: null, source: null, running: false, weights: null, firstWeights: null };

function resetNetView() {
  net.spikes = [];
  net.rates = [];
  net.rateBase = 0;
  net.binMs = RATE_BIN_MS;
  net.latest = 0;
  net.spikeTotal = 0;
  $('net-spikes').textContent = '0';
  $('net-spikes').dataset.count = '0';
  $('net-progress').textContent = '–';
  $('net-rtf').textContent = '–';
  $('net-bar').value = 0;
  $('run-files').innerHTML = '';
  net.weights = null;
  net.firstWeights = null;
  $('plot-weights').style.display = 'none';
  net.dirty = true;
}

function onEvent(name, data) {
  if (name === 'start') {
    resetNetView();
    net.total = data.steps;
    net.running = true;
    net.runName = data.name;
    net.built = false;
    net.stopping = false;
    // The last run's network and plots go: a run stopped during its build showed them as its own.
    net.populations = [];
    net.neurons = Math.max(1, data.neurons);
    $('net-size').textContent = data.name + ': ' + data.neurons.toLocaleString() + ' neurons (being built)';
    $('net-error').textContent = '';
    $('net-warnings').textContent = '';
    $('net-populations').textContent = '';
    $('net-status').textContent = 'building ' + data.name + ' (' + data.neurons.toLocaleString() + ' neurons)';
    // A build of minutes (sparse1m: 4.5) showed the same line throughout, as if hung: its time so far, each second.
    const buildText = $('net-status').textContent;
    const buildStart = Date.now();
    clearInterval(net.buildTimer);
    net.buildTimer = setInterval(() => {
      const s = Math.round((Date.now() - buildStart) / 1000);
      if (s >= 2) { $('net-status').textContent = buildText + ': ' + Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); }
    }, 1000);
    // A page opened or reloaded during a run showed its own defaults (cortex2003, not paced) beside it. Another
    // page's run lends its pacing for as long as it runs: the page's own choice comes back at its end (a page opened
    // after a paced run kept the tick, and its next Start ran paced unasked).
    // An upload this page started is named by its file (its experiment may share a shipped file's name).
    net.runConfig = net.startedHere && net.upload ? 'upload:' + net.upload.name : data.name + '.yaml';
    if (!net.startedHere) { net.ownRealTime = $('real-time').checked; }
    $('real-time').checked = !!data.real_time;
    showRunConfig();
    noteShownRun();
    setRunning(true);
  } else if (name === 'built') {
    clearInterval(net.buildTimer);
    net.built = true;
    net.populations = data.populations;
    net.neurons = data.neurons;
    net.rates = data.populations.map(() => []);
    net.rateBase = 0;
    // Named: a page opened during a run shows its events while the selector shows its own default.
    $('net-size').textContent = net.runName + ': ' + data.neurons.toLocaleString() + ' neurons, ' + data.synapses.toLocaleString() +
      ' synapses, ' + data.threads + ' thread' + (data.threads === 1 ? '' : 's') +
      (data.neuron_stride > 1 ? ' (raster shows every ' + data.neuron_stride + 'th neuron)' : '');
    $('net-status').textContent = net.stopping ? 'stopping' : 'running';
  } else if (name === 'chunk') {
    for (let k = 0; k < data.raster.length; k += 2) { net.spikes.push(data.raster[k], data.raster[k + 1]); }
    // Keep only what the scrolling window shows.
    const from = data.t0 + data.steps - RASTER_WINDOW_MS;
    let drop = 0;
    while (drop < net.spikes.length && net.spikes[drop] < from) { drop += 2; }
    if (drop > 0) { net.spikes.splice(0, drop); }
    // Exact spike counts per population over the chunk's last second, in bins of bin_ms (the raster may be thinned,
    // the rates never are). Only the bins the plot shows are kept: an hour's 5 ms bins of many populations filled the
    // page's memory.
    net.binMs = data.bin_ms;
    const keepFrom = Math.max(0, Math.floor((data.t0 + data.steps - RASTER_WINDOW_MS) / data.bin_ms) - 1);
    if (keepFrom > net.rateBase) {
      for (const rates of net.rates) { rates.splice(0, keepFrom - net.rateBase); }
      net.rateBase = keepFrom;
    }
    data.counts.forEach((perBin, p) => {
      const rates = net.rates[p];
      const size = net.populations[p].size;
      for (let b = 0; b < perBin.length; b++) {
        const k = data.first_bin + b - net.rateBase;
        if (k < 0) { continue; }
        while (rates.length <= k) { rates.push(0); }
        rates[k] += perBin[b] * 1000 / data.bin_ms / size; // Hz per neuron
      }
    });
    net.latest = data.t0 + data.steps;
    // The run's total so far: a page that connects late is sent only the latest chunks.
    net.spikeTotal = data.spikes_total;
    $('net-spikes').textContent = net.spikeTotal.toLocaleString() +
      (data.keep_every > 1 ? ' (raster shows 1 in ' + data.keep_every + ')' : '');
    $('net-spikes').dataset.count = String(net.spikeTotal);
    $('net-progress').textContent = data.done.toLocaleString() + ' / ' + data.total.toLocaleString() + ' ms';
    $('net-bar').value = data.done / data.total;
    $('net-rtf').textContent = fixed3(data.rtf) + ' (last ' + data.steps + ' ms: ' + fixed3(data.rtf_chunk) + ')';
    net.dirty = true;
  } else if (name === 'weights') {
    // A plastic network's weight histogram at each snapshot (weights.png's bins); the first one stays as reference.
    if (!net.firstWeights) { net.firstWeights = data; }
    net.weights = data;
    $('plot-weights').style.display = '';
    net.dirty = true;
  } else if (name === 'end') {
    clearInterval(net.buildTimer);
    net.running = false;
    net.dirty = true;
    setRunning(false);
    if (!net.startedHere && net.ownRealTime !== undefined) { $('real-time').checked = net.ownRealTime; }
    net.startedHere = false;
    // Text of the run that no longer applies: another page's refused Start ("still running"), "(being built)".
    $('net-error').textContent = '';
    if (!net.built) {
      $('net-size').textContent = net.runName + ': ' + net.neurons.toLocaleString() + ' neurons, not built (stopped ' +
        'during the build)';
    }
    $('net-status').textContent = (data.error ? 'failed at ' : data.stopped ? 'stopped at ' : 'finished: ') +
      data.simulated_ms + ' ms' + (typeof data.rtf === 'number' ? ', real-time factor ' + data.rtf.toFixed(3) : '');
    // The explorer stopped the run itself (its spikes would have filled the heap), or it blew up: say why.
    if (data.note || data.error) { $('net-error').textContent = data.error || data.note; }
    if (!data.files && !data.error && !data.note) {
      $('net-error').textContent = 'Nothing was written: the run stopped before its first step.';
    }
    $('net-warnings').textContent = (data.warnings || []).map((w) => 'warning: ' + w).join('\n');
    $('net-populations').textContent = (data.populations || []).map((p) => p.name + ': ' + p.spikes.toLocaleString() +
      ' spikes, ' + p.rate_hz.toFixed(2) + ' Hz').join('\n');
    if (data.files) {
      const files = $('run-files');
      // The folder is a path (--out DIR may hold '<' or '&'): text, not HTML.
      files.innerHTML = '<h3>Outputs</h3><p class="muted"></p>';
      files.querySelector('p').textContent = data.folder;
      for (const href of data.files) {
        const a = document.createElement('a');
        a.href = href;
        a.target = '_blank';
        a.textContent = href.split('/').pop();
        files.appendChild(a);
      }
    }
  } else if (name === 'failed') {
    clearInterval(net.buildTimer);
    net.running = false;
    net.dirty = true;
    setRunning(false);
    if (!net.startedHere && net.ownRealTime !== undefined) { $('real-time').checked = net.ownRealTime; }
    net.startedHere = false;
    $('net-status').textContent = 'failed';
    $('net-error').textContent = data.error;
  }
}

/** Selects the running network's config in the list, when it is one of the listed files and no upload is chosen. */
/**
 * Says when the status, plots and outputs are of another experiment than the one chosen: after an uploaded run, a new
 * page listed cortex2003 above the upload's plots, and a chosen upload sat below a shipped config's results.
 */
function noteShownRun() {
  const shown = net.runConfig;
  const chosen = net.upload ? 'upload:' + net.upload.name : $('config').value;
  $('shown-run').textContent = shown && shown !== chosen ? 'The status, plots and outputs below are of the last run, ' +
    shown.replace(/\.yaml$/, '') + ', not of the experiment chosen above.' : '';
}

function showRunConfig() {
  const select = $('config');
  if (!net.running || net.upload || !net.runConfig || select.value === net.runConfig) { return; }
  if ([...select.options].some((o) => o.value === net.runConfig)) {
    select.value = net.runConfig;
    select.dispatchEvent(new Event('change'));
  }
}

function setRunning(running) {
  $('start').disabled = running;
  $('stop').disabled = !running;
}

function connectEvents() {
  const source = new EventSource('api/network/events');
  for (const name of ['start', 'built', 'chunk', 'weights', 'end', 'failed']) {
    source.addEventListener(name, (e) => onEvent(name, JSON.parse(e.data)));
  }
  // The explorer stopped (Ctrl-C) or is at its connection limit: the stream fails and the browser retries every
  // second. The page said nothing, its output links dead, until a Start failed.
  source.onerror = () => {
    $('net-server').textContent = 'The explorer is not answering (stopped, or too busy); this page tries again ' +
      'every second.';
  };
  source.onopen = () => { $('net-server').textContent = ''; };
  net.source = source;
}

/** Redraws at most once per animation frame, however fast chunks arrive. */
function drawNetworkLoop() {
  if (net.dirty && $('panel-network').classList.contains('active')) {
    net.dirty = false;
    drawNetwork();
  }
  requestAnimationFrame(drawNetworkLoop);
}

function drawNetwork() {
  const end = Math.max(RASTER_WINDOW_MS, net.latest);
  const start = end - RASTER_WINDOW_MS;
  // "(live)" while the run runs only: it stayed on the finished run's last second.
  const rasterTitle = net.running ? 'raster (live)' : net.latest > 0 ? 'raster, the last second of the run' : 'raster';
  const pr = axes($('plot-raster'), { x: [start, end], y: [0, net.neurons], xlabel: 'time (ms)',
    ylabel: 'neuron', title: rasterTitle, legendRow: net.populations.length > 0 });
  $('plot-raster').dataset.title = rasterTitle;
  clip(pr);
  const g = pr.g;
  const dotH = Math.max(1, (pr.box.bottom - pr.box.top) / net.neurons);
  net.populations.forEach((pop, p) => {
    g.fillStyle = COLORS[p % COLORS.length];
    for (let k = 0; k < net.spikes.length; k += 2) {
      const id = net.spikes[k + 1];
      if (id >= pop.first && id < pop.first + pop.size) {
        g.fillRect(pr.sx(net.spikes[k]) - 0.75, pr.sy(id + 1), 1.5, dotH);
      }
    }
  });
  g.restore();
  const rasterLegend = legendRow(pr, net.populations.map((pop, p) => [pop.name, COLORS[p % COLORS.length]]), 'dot');
  $('plot-raster').dataset.legendBottom = String(rasterLegend);
  $('plot-raster').dataset.boxTop = String(pr.box.top);

  const binMs = net.binMs;
  const firstBin = Math.max(net.rateBase, Math.floor(start / binMs));
  const lastBin = Math.ceil(net.latest / binMs);
  const series = net.rates.map((rates) => {
    const xs = [];
    const ys = [];
    for (let b = firstBin; b < Math.min(lastBin, net.rateBase + rates.length); b++) {
      xs.push(b * binMs + binMs / 2);
      ys.push(rates[b - net.rateBase]);
    }
    return [xs, ys];
  });
  const all = series.flatMap((s) => s[1]);
  const pq = axes($('plot-rate'), { x: [start, end], y: [0, Math.max(10, range(all, 0.1)[1])],
    xlabel: 'time (ms)', ylabel: 'rate (Hz)', title: 'population rate, ' + binMs + ' ms bins',
    legendRow: net.populations.length > 0 });
  clip(pq);
  series.forEach(([xs, ys], p) => line(pq, xs, ys, COLORS[p % COLORS.length], 1.3));
  pq.g.restore();
  legendRow(pq, net.populations.map((pop, p) => [pop.name, COLORS[p % COLORS.length]]));
  networkSummaries(start, end, series);
  if (net.weights) { drawWeights(); }
}

/**
 * The raster and rate plots said in words, as they are drawn (their names alone were read out; the numbers were in
 * the stats beside them only): the span shown, the run's spike count, each population's mean rate over the span
 * (from the exact counts: the raster may be thinned) and its peak bin.
 */
function networkSummaries(start, end, series) {
  const span = 'from ' + Math.round(start) + ' to ' + Math.round(end) + ' ms';
  if (net.populations.length === 0) {
    $('plot-raster').setAttribute('aria-label', 'spike raster: neuron against time (ms), the last second: no run yet');
    $('plot-rate').setAttribute('aria-label', 'population rates (Hz) against time (ms): no run yet');
    return;
  }
  const mean = (ys) => (ys.length === 0 ? 0 : ys.reduce((a, b) => a + b, 0) / ys.length);
  $('plot-raster').setAttribute('aria-label', 'spike raster: neuron against time (ms), ' + span + '; ' +
    // "so far" while it runs only: a finished run's summary still said it.
    net.spikeTotal.toLocaleString('en') + ' spikes in the run' + (net.running ? ' so far' : '') +
    '; mean rates shown: ' +
    net.populations.map((pop, p) => pop.name + ' ' + say(mean(series[p][1])) + ' Hz').join(', '));
  $('plot-rate').setAttribute('aria-label', 'population rates (Hz) in ' + net.binMs + ' ms bins against time (ms), ' +
    span + '; peaks: ' + net.populations.map((pop, p) => {
      const [xs, ys] = series[p];
      if (ys.length === 0) { return pop.name + ' none yet'; }
      let top = 0;
      for (let k = 1; k < ys.length; k++) { if (ys[k] > ys[top]) { top = k; } }
      return pop.name + ' ' + say(ys[top]) + ' Hz at ' + Math.round(xs[top]) + ' ms';
    }).join(', '));
}

/** The plastic weights' histogram now (bars) and at the start (outline), as percent of the plastic synapses. */
function drawWeights() {
  const w = net.weights;
  const first = net.firstWeights;
  const bins = w.counts.length;
  const width = (w.w_max - w.w_min) / bins;
  const percent = (counts) => counts.map((c) => 100 * c / Math.max(1, w.synapses));
  const now = percent(w.counts);
  const before = percent(first.counts);
  const title = 'plastic weights at ' + (w.t_ms / 1000).toLocaleString() + ' s: mean ' + w.mean.toFixed(2) +
    (w.tracked !== undefined ? ', rewarded synapse ' + w.tracked.toFixed(2) : '') + ' (' +
    w.synapses.toLocaleString() + ' synapses)';
  // Scaled to both histograms drawn: fitted to the one now (12 % at most for spnet2006 at its end), the start's (all
  // weights in one bin) was cut to two dashed verticals.
  const top = Math.max(1, ...now, ...before) * 1.1;
  $('plot-weights').dataset.top = String(top);
  const p = axes($('plot-weights'), { x: [w.w_min, w.w_max], y: [0, top],
    xlabel: 'weight', ylabel: '% of synapses', title: title });
  clip(p);
  p.g.fillStyle = COLORS[0];
  for (let b = 0; b < bins; b++) {
    const x0 = p.sx(w.w_min + b * width);
    const x1 = p.sx(w.w_min + (b + 1) * width);
    p.g.fillRect(x0 + 0.5, p.sy(now[b]), Math.max(1, x1 - x0 - 1), p.sy(0) - p.sy(now[b]));
  }
  const xs = [];
  const ys = [];
  for (let b = 0; b < bins; b++) {
    xs.push(w.w_min + b * width, w.w_min + (b + 1) * width);
    ys.push(before[b], before[b]);
  }
  line(p, xs, ys, '#555', 1.2, [4, 3]);
  if (w.tracked !== undefined) {
    // Kept 1.5 px inside the axes: at w_min or w_max (where a rewarded synapse starts or ends) the clip
    // showed half of a line drawn on the axis itself.
    const inset = 1.5 * (w.w_max - w.w_min) / Math.max(1, p.sx(w.w_max) - p.sx(w.w_min));
    const x = Math.min(w.w_max - inset, Math.max(w.w_min + inset, w.tracked));
    line(p, [x, x], [0, top], '#d0312d', 2);
  }
  p.g.restore();
  legend(p, [['now', COLORS[0]], ['at ' + (first.t_ms / 1000).toLocaleString() + ' s', '#555', [4, 3]]]
    .concat(w.tracked !== undefined ? [['rewarded synapse', '#d0312d']] : []));
  // Said in words (the mean and the share at the bounds were in the canvas's title only).
  $('plot-weights').setAttribute('aria-label', 'histogram of the plastic weights at ' + (w.t_ms / 1000).toLocaleString('en') +
    ' s: ' + w.synapses.toLocaleString('en') + ' synapses, mean ' + say(w.mean) + ' (' + say(w.w_min) + ' to ' +
    say(w.w_max) + '); ' + say(now[0]) + ' % in the lowest bin, ' + say(now[bins - 1]) + ' % in the highest' +
    (w.tracked !== undefined ? '; rewarded synapse ' + say(w.tracked) : ''));
}

/** The offset of the first byte that does not start or continue a UTF-8 sequence as Java's decoder reads one, or -1. */
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    const n = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
    if (n < 0) { return i; }
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length || (b[i + k] & 0xC0) !== 0x80) { return i; }
    }
    // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF are not UTF-8 either.
    if ((c === 0xE0 && b[i + 1] < 0xA0) || (c === 0xED && b[i + 1] >= 0xA0) ||
        (c === 0xF0 && b[i + 1] < 0x90) || (c === 0xF4 && b[i + 1] >= 0x90)) { return i; }
    i += n + 1;
  }
  return -1;
}

/** The command line's message for a file that is not UTF-8, at the line and column (code points) of its byte. */
function notUtf8Text(name, bytes, offset) {
  const before = [...new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).replace(/^\uFEFF/, '')];
  let line = 1;
  let column = 1;
  for (let k = 0; k < before.length; k++) {
    if (before[k] === '\n' || (before[k] === '\r' && before[k + 1] !== '\n')) { line++; column = 1; }
    else if (before[k] !== '\r') { column++; }
  }
  return name + ':' + line + ':' + column + ': the file is not UTF-8 text (byte 0x' +
    bytes[offset].toString(16).padStart(2, '0') + ' at byte offset ' + offset + ')';
}

/**
 * Marks the duration refused with its reason, also for a screen reader, and names it in the error line (it turned red
 * only: no aria-invalid, and the error line stayed empty); clears it for none.
 */
function markDuration(reason) {
  $('wrap-net-duration').classList.toggle('invalid', !!reason);
  $('net-duration').setAttribute('aria-invalid', reason ? 'true' : 'false');
  $('reason-net-duration').textContent = reason || '';
  $('net-error').textContent = reason ? 'Fix duration (ms) (' + reason + '), marked in red.' : '';
}

async function startRun() {
  markDuration('');
  const body = {};
  if (net.upload && net.upload.error) { $('net-error').textContent = net.upload.error; return; }
  if (net.upload) { body.yaml = net.upload.text; body.filename = net.upload.name; }
  else { body.config = $('config').value; }
  const duration = $('net-duration').value.trim();
  if (duration !== '') {
    const value = Number(duration);
    // The neuron fields' check: '0x10' ran 16 ms here.
    const number = isFinite(value) && DECIMAL.test(duration);
    if (!number || value < 1 || value > 3600000) {
      markDuration(number ? 'between 1 and 3600000 ms' : "'" + duration + "' is not a number");
      return;
    }
    body.duration_ms = value;
  }
  body.real_time = $('real-time').checked;
  net.startedHere = true;
  // Disabled at once, not when the run's first event arrives: a double click sent a second start, refused
  // with "still running" in red under a run that was going fine.
  $('start').disabled = true;
  let response;
  try {
    response = await fetch('api/network/start', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    net.startedHere = false;
    $('start').disabled = net.running;
    $('net-error').textContent = 'The server did not answer: ' + err;
    return;
  }
  if (!response.ok) {
    net.startedHere = false;
    $('start').disabled = net.running;
    const reply = await response.json();
    if (reply.field === 'duration_ms') {
      markDuration(reply.error);
    } else {
      $('net-error').textContent = reply.error;
    }
  }
}

async function initNetwork() {
  const reply = await (await fetch('api/configs')).json();
  const select = $('config');
  for (const c of reply.configs) {
    const option = document.createElement('option');
    option.value = c.file;
    // Its memory beside its size: sparse1m needs 7.5 GB and minutes to build, which nothing on the page said.
    option.textContent = c.file + (c.neurons ? ' (' + c.neurons.toLocaleString() + ' neurons' +
      (c.memory ? ', about ' + c.memory : '') + ')' : '');
    option.dataset.description = c.error || c.description;
    select.appendChild(option);
  }
  const describe = () => {
    const o = select.selectedOptions[0];
    $('config-description').textContent = o ? o.dataset.description : 'no configs found in ' + reply.folder;
  };
  select.addEventListener('change', () => {
    net.upload = null;
    $('upload').value = '';
    $('upload-name').textContent = '';
    describe();
    noteShownRun();
  });
  if ([...select.options].some((o) => o.value === 'cortex2003.yaml')) { select.value = 'cortex2003.yaml'; }
  describe();
  showRunConfig(); // a run's start event may have come before the list
  noteShownRun();
  $('upload').addEventListener('change', async () => {
    const file = $('upload').files[0];
    if (!file) { net.upload = null; return; }
    // Read as bytes: file.text() replaced bytes that are not UTF-8, and the server then named a character the file
    // does not hold where ./sim validate says "the file is not UTF-8 text (byte 0x.. at byte offset n)".
    const bytes = new Uint8Array(await file.arrayBuffer());
    const bad = firstInvalidUtf8(bytes);
    net.upload = { name: file.name, text: new TextDecoder('utf-8').decode(bytes),
      error: bad < 0 ? null : notUtf8Text(file.name, bytes, bad) };
    $('upload-name').textContent = 'will run the uploaded ' + file.name + ' (checked when you press Start)';
    noteShownRun();
  });
  $('start').addEventListener('click', startRun);
  // The server takes only JSON POSTs (a cross-site form cannot send one): see ExplorerServer.
  $('stop').addEventListener('click', async () => {
    $('stop').disabled = true;
    // A build is stopped at its next chunk of synapses (sparse1m builds for 40 s and more): say which is stopping.
    if (net.running) {
      net.stopping = true;
      $('net-status').textContent = net.built ? 'stopping' : 'stopping the build of ' + net.runName;
    }
    await fetch('api/network/stop', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  });
  setRunning(reply.running);
  net.dirty = true;
  requestAnimationFrame(drawNetworkLoop);
}

// ---------------------------------------------------------------- tabs

function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.tab === name);
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
    // Roving tabindex (WAI-ARIA tabs pattern): Tab reaches the selected tab only, the arrows the others.
    tab.tabIndex = tab.dataset.tab === name ? 0 : -1;
  }
  for (const panel of document.querySelectorAll('.panel')) { panel.classList.toggle('active', panel.id === 'panel-' + name); }
  // The header's equation is the single neuron's model: a network's populations may use either model.
  $('equation').hidden = name !== 'neuron';
  if (name === 'neuron' && state.last) { drawNeuron(state.last); }
  // Live events are only needed once the network tab has been opened; a run's events are replayed.
  if (name === 'network' && !net.source) { connectEvents(); }
  net.dirty = true;
}

for (const tab of document.querySelectorAll('.tab')) { tab.addEventListener('click', () => showTab(tab.dataset.tab)); }
// The tabs' keys of the WAI-ARIA tabs pattern, selection following focus: ArrowRight / ArrowLeft (wrapping), Home, End.
// They did nothing, the focus stayed on Neuron.
document.querySelector('[role=tablist]').addEventListener('keydown', (e) => {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const at = tabs.indexOf(document.activeElement);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
  if (at < 0 || to === undefined) { return; }
  e.preventDefault();
  const tab = tabs[(to + tabs.length) % tabs.length];
  tab.focus();
  showTab(tab.dataset.tab);
});
window.addEventListener('resize', () => { if (state.last) { drawNeuron(state.last); } net.dirty = true; });
initNeuron().then(() => { document.body.dataset.ready = 'true'; });
initNetwork();
