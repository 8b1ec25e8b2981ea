/**
 * The report's one style sheet and one script. Both are inlined and allowed
 * by their SHA-256 in the page's Content-Security-Policy (a hash, not a nonce,
 * so the same report renders byte-identical HTML). Nothing else may run or
 * style the page: no inline handlers, no style="" attributes, no remote loads.
 */

export const CSS = `
:root{--fg:#1d2330;--muted:#5d6675;--line:#e3e6eb;--bg:#f5f6f8;--card:#fff;--err:#c62828;--warn:#d97a00;--info:#1e6fd9;--ok:#2e7d32;--accent:#3454d1}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:22px;margin:0}
h2{font-size:18px;margin:32px 0 12px}
h3{font-size:15px;margin:18px 0 8px}
h4{font-size:14px;margin:14px 0 6px}
p{margin:6px 0}
.muted{color:var(--muted)}
.small{font-size:12px}
header.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px}
.gate{border-radius:8px;padding:10px 14px;margin:16px 0;border:1px solid}
.gate.pass{background:#eef7ef;border-color:#b7dcb9}
.gate.fail{background:#fdf0ef;border-color:#f1c0bb}
.gate strong{font-size:15px}
.gate ul{margin:6px 0 0;padding-left:20px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px;margin:12px 0}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.tile .n{font-size:22px;font-weight:600;line-height:1.2}
.tile .k{color:var(--muted);font-size:12px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin:12px 0}
.panel h3{margin-top:0}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:860px){.grid2{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;display:block}
.chart text{font-size:12px;fill:var(--fg)}
.chart .val,.chart .tick,.chart .vval,.chart .axis{fill:var(--muted);font-size:11px}
.chart .track{fill:#f0f2f5}
.chart .grid{stroke:#eceef2;stroke-width:1}
.chart .marker{stroke:#7a3ea8;stroke-width:1.5;stroke-dasharray:4 3}
.chart .marker-lbl{fill:#7a3ea8;font-size:11px}
.bar.sev-error,.legend .sev-error{fill:var(--err);background:var(--err)}
.bar.sev-warning,.legend .sev-warning{fill:var(--warn);background:var(--warn)}
.bar.sev-info,.legend .sev-info{fill:var(--info);background:var(--info)}
.bar.grade-a,.bar.grade-b,.bar.good{fill:var(--ok)}
.bar.grade-c{fill:#c49000}
.bar.grade-d{fill:#e65100}
.bar.grade-f,.bar.over,.bar.bad{fill:var(--err)}
.bar.neutral{fill:#6b7fd6}
.bar.soft{fill:#9aa9e6}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin:4px 0 0}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.controls input,.controls select{font:inherit;padding:5px 8px;border:1px solid #c9ced6;border-radius:6px;background:#fff}
.controls input{flex:1 1 260px;min-width:180px}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f8f9fb;font-weight:600;white-space:nowrap}
th button{all:unset;cursor:pointer;display:inline-flex;gap:4px;align-items:center}
th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
th button::after{content:"↕";color:#a3a9b3;font-size:11px}
th[aria-sort=ascending] button::after{content:"▲";color:var(--accent)}
th[aria-sort=descending] button::after{content:"▼";color:var(--accent)}
tbody tr:hover{background:#fafbfd}
td.num{text-align:right;white-space:nowrap}
td.where{white-space:nowrap;font-size:12px}
td.nowrap,td code{white-space:nowrap}
.panel td{vertical-align:middle}
td .adv{color:var(--muted);font-size:12px;margin-top:2px}
.sev{display:inline-block;font-size:12px;padding:0 7px;border-radius:10px;color:#fff;white-space:nowrap}
.sev.sev-error{background:var(--err)}
.sev.sev-warning{background:var(--warn)}
.sev.sev-info{background:var(--info)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px}
.excerpt{background:#fff4d6;border-radius:3px;padding:0 3px;white-space:pre-wrap;word-break:break-word}
.campaign{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px;margin:16px 0}
.card-head{display:flex;gap:16px;align-items:flex-start;justify-content:space-between;flex-wrap:wrap}
.card-head h3{margin:0;font-size:16px}
.card-head .meta{color:var(--muted);font-size:12px}
.scorebox{display:flex;align-items:center;gap:10px}
.score{font-size:34px;font-weight:700;line-height:1}
.grade{display:inline-flex;align-items:center;justify-content:center;width:34px;height:34px;border-radius:8px;color:#fff;font-weight:700;font-size:18px}
.grade.grade-a{background:var(--ok)}.grade.grade-b{background:#558b2f}.grade.grade-c{background:#c49000}.grade.grade-d{background:#e65100}.grade.grade-f{background:var(--err)}
.score.grade-a,.score.grade-b{color:var(--ok)}.score.grade-c{color:#a87b00}.score.grade-d{color:#e65100}.score.grade-f{color:var(--err)}
.metrics{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:8px 18px;margin:12px 0 4px}
.metric .k{font-size:12px;color:var(--muted);display:flex;justify-content:space-between}
.metric .k b{color:var(--fg);font-weight:600}
svg.meter{width:100%;height:8px;display:block}
.meter .track{fill:#eceef2}
.bar.m-good{fill:var(--ok)}.bar.m-mid{fill:#c49000}.bar.m-bad{fill:var(--err)}.bar.m-neutral{fill:#6b7fd6}
.trust{border-top:1px dashed var(--line);margin-top:10px;padding-top:8px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.chip{font-size:12px;border-radius:12px;padding:1px 9px;background:#eef1fb;color:#2b3f99}
.chip.neg{background:#fdecea;color:#a42121}
.msg{border:1px solid var(--line);border-radius:8px;margin:8px 0;overflow:hidden}
.msg .mh{display:flex;justify-content:space-between;gap:8px;background:#f8f9fb;padding:4px 10px;font-size:12px;color:var(--muted)}
.msg .mt{padding:10px 12px;white-space:pre-wrap;word-break:break-word;font-size:14px}
mark{border-radius:3px;padding:0 1px;color:inherit}
mark.sev-error{background:#fbd3cf;box-shadow:inset 0 -2px 0 var(--err)}
mark.sev-warning{background:#fde7c2;box-shadow:inset 0 -2px 0 var(--warn)}
mark.sev-info{background:#d8e7fb;box-shadow:inset 0 -2px 0 var(--info)}
.anchor{scroll-margin-top:80px}
.rule-group{border-left:3px solid var(--line);padding-left:12px;margin:12px 0}
.rule-group.sev-error{border-left-color:var(--err)}
.rule-group.sev-warning{border-left-color:var(--warn)}
.rule-group.sev-info{border-left-color:var(--info)}
.rule-group h4{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.rule-group ul{list-style:none;margin:0;padding:0}
.rule-group li{margin:6px 0}
.rule-group .fix{color:var(--ok)}
.none{color:var(--ok)}
details{margin:8px 0}
summary{cursor:pointer;color:var(--muted)}
footer{margin-top:36px;color:var(--muted);font-size:12px;text-align:center}
@media print{body{background:#fff}.controls{display:none}.campaign,.panel{break-inside:avoid}}
`.trim();

/** Sort and filter the findings table. Reads only attributes and textContent; writes only textContent, hidden and aria-sort. */
export const SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var heads = table.tHead.rows[0].cells;
  var lang = document.documentElement.lang || 'en';
  var q = document.getElementById('f-text');
  var sev = document.getElementById('f-sev');
  var rule = document.getElementById('f-rule');
  var count = document.getElementById('f-count');
  function key(row, col, num) {
    var c = row.cells[col];
    var v = c.getAttribute('data-v');
    if (v === null) v = c.textContent || '';
    return num ? Number(v) : v;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var btn = th.querySelector('button');
    if (!btn) return;
    btn.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      Array.prototype.forEach.call(heads, function (h) { if (h.hasAttribute('aria-sort')) h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir);
      var num = th.getAttribute('data-type') === 'num';
      var sign = dir === 'ascending' ? 1 : -1;
      var order = rows.map(function (r, i) { return { r: r, i: i, k: key(r, col, num) }; });
      order.sort(function (a, b) {
        var d = num ? a.k - b.k : String(a.k).localeCompare(String(b.k), lang);
        return d ? d * sign : a.i - b.i;
      });
      order.forEach(function (o) { tbody.appendChild(o.r); });
    });
  });
  function apply() {
    var text = (q.value || '').trim().toLowerCase();
    var s = sev.value;
    var ru = rule.value;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!s || r.getAttribute('data-sev') === s) && (!ru || r.getAttribute('data-rule') === ru) && (!text || (r.textContent || '').toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = count.getAttribute('data-tpl').replace('{n}', String(shown)).replace('{m}', String(rows.length));
  }
  q.addEventListener('input', apply);
  sev.addEventListener('change', apply);
  rule.addEventListener('change', apply);
  apply();
})();
`.trim();
