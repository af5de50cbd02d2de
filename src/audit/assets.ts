/**
 * The audit page's one style sheet and one script, inlined into every page (the page must open
 * with no network). Kept apart from the markup so each can be read on its own.
 */

/**
 * Two scrolling panes side by side from 900 px, filling the window below the header however
 * tall it is (only the panes scroll, so the header stays in view), stacked on a phone. Colours
 * carry meaning only together with a legend and a title text, so the page also reads in
 * high-contrast modes.
 */
export const AUDIT_STYLE = `
:root{--err:#c62828;--warn:#e08600;--info:#1e6fd9;--fail:#8e24aa;--hi:#fff59d;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#fafafa}
body{margin:0;display:flex;flex-direction:column;height:100vh}
header{flex:none;padding:10px 16px;background:#fff;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
header h1{font-size:18px;margin:0 0 4px}
header .file{margin:0;color:#666;font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
header dl{display:flex;flex-wrap:wrap;gap:4px 18px;margin:6px 0}
header dl div{display:flex;gap:6px}
header dt{color:#666}
header dd{margin:0;font-weight:600}
.legend{margin:4px 0 0;color:#444}
.legend .cell,.legend .v{display:inline-block;padding:0 6px;border-radius:3px}
main{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0}
.pane{height:100%;overflow:auto;padding:0 16px 24px;box-sizing:border-box}
.source-pane{border-right:1px solid #ddd;background:#fff}
@media (max-width:900px){body{display:block;height:auto}main{grid-template-columns:minmax(0,1fr)}.pane{height:auto;overflow:visible}.source-pane{border-right:0;border-bottom:1px solid #ddd}}
h2{font-size:15px;margin:18px 0 6px}
h2 small{color:#777;font-weight:400}
pre.source{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 ui-monospace,"Noto Sans Mono CJK SC",monospace;margin:0}
.page-view{font-size:13px}
.page-view .line{margin:2px 0;font-size:13px;font-weight:400;overflow-wrap:anywhere}
.page-view h3.line{font-weight:600}
.page-view .outside-note{color:#777;margin-top:12px}
table.page-table{border-collapse:collapse;margin:6px 0;font-size:12px}
table.page-table td{border:1px solid #ccc;padding:1px 4px;vertical-align:top}
details.raw{margin:12px 0}
details.raw summary{cursor:pointer;color:#444}
a.r{background:#e3f2e5;color:inherit;text-decoration:none}
a.v{background:#e3f2e5;color:inherit;text-decoration:none;border-radius:2px;outline-offset:1px}
a.v.flagged{background:#ffe0b2}
a.v:hover,a.v:focus{outline:2px solid #2e7d32}
.d-anchor{display:inline-block;width:0;height:1em;border-left:2px solid var(--info);vertical-align:text-bottom}
.d-anchor.d-warning{border-color:var(--warn)}.d-anchor.d-error{border-color:var(--err)}
div.scroll{overflow-x:auto;max-width:100%}
table.model{border-collapse:collapse;margin:4px 0 8px;font-size:13px}
table.model th,table.model td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
table.model th[scope=row]{font-weight:400;max-width:22em}
table.model td.colname{color:#777;font-size:12px}
table.model tr.group th{font-weight:600;background:#f3f3f3}
td.cell{text-align:right;min-width:2.5em;font-variant-numeric:tabular-nums}
td.cell a{color:inherit;text-decoration:none;display:block}
td.cell a:focus{outline:2px solid #2e7d32}
.cell.flag-info{box-shadow:inset 0 -3px 0 var(--info)}
.cell.flag-warning{background:#fff3e0;box-shadow:inset 0 -3px 0 var(--warn)}
.cell.flag-error{background:#ffebee;box-shadow:inset 0 -3px 0 var(--err)}
.cell.check-fail{outline:2px dashed var(--fail);outline-offset:-3px}
.no-source{color:#999}
ol.diagnostics,ol.checks{padding-left:22px}
ol li{margin:4px 0;overflow-wrap:anywhere}
code{overflow-wrap:anywhere}
.sev{font-weight:600}
li.d-error .sev{color:var(--err)}li.d-warning .sev{color:var(--warn)}li.d-info .sev{color:var(--info)}
.msg{color:#333}
.identity{font-family:ui-monospace,monospace;color:var(--fail)}
.cells a{font-size:12px;margin-right:6px}
.flash{animation:flash 1.6s ease-out 1}
@keyframes flash{0%,40%{background:var(--hi);box-shadow:0 0 0 3px #f9a825}100%{}}
`;

/**
 * Links work without the script (they are fragment links); the script scrolls the target to
 * the middle of its own pane and makes it blink, so the eye finds it at once.
 */
export const AUDIT_SCRIPT = `
(function(){
  function show(el){
    if(!el)return;
    el.scrollIntoView({block:"center",inline:"nearest"});
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    var focusable=el.matches("a")?el:el.querySelector("a");
    if(focusable)focusable.focus({preventScroll:true});
  }
  document.addEventListener("click",function(e){
    var a=e.target.closest&&e.target.closest('a[href^="#"]');
    if(!a)return;
    var el=document.getElementById(a.getAttribute("href").slice(1));
    if(!el)return;
    e.preventDefault();
    history.replaceState(null,"",a.getAttribute("href"));
    show(el);
  });
  if(location.hash)show(document.getElementById(location.hash.slice(1)));
})();
`;
