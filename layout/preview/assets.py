"""The serve page's script and style sheet (``layout.preview.serve`` puts them in the page).

The script polls ``/version`` and reloads on a new render, switches overlays, zooms
(−, +, fit; keys - + 0), remembers both, and outlines the block a finding links to.
"""

SCRIPT = """
const VERSION = %d;
const KEY = "banmian-overlays";
const boxes = [...document.querySelectorAll("input[data-overlay]")];
const hash = location.hash.match(/^#overlays=([a-z,]*)$/);  // a link can choose the overlays
const on = new Set(hash ? hash[1].split(",") : JSON.parse(localStorage.getItem(KEY) || "[]"));
function apply() {
  for (const box of boxes) {
    for (const img of document.querySelectorAll("img.ov-" + box.dataset.overlay)) {
      if (box.checked && !img.src) img.src = img.dataset.src;
      img.hidden = !box.checked;
    }
  }
}
for (const box of boxes) {
  box.checked = on.has(box.dataset.overlay);
  box.addEventListener("change", () => {
    if (box.checked) on.add(box.dataset.overlay); else on.delete(box.dataset.overlay);
    localStorage.setItem(KEY, JSON.stringify([...on]));
    history.replaceState(null, "", "#overlays=" + [...on].join(","));
    apply();
  });
}
apply();
// zoom: a factor of each page's own size, or fit to the window; remembered in the browser
const ZOOM = "banmian-zoom";
let zoom = localStorage.getItem(ZOOM) || "fit";
function setZoom(z) {
  zoom = z;
  localStorage.setItem(ZOOM, z);
  const main = document.querySelector("main");
  if (main) {
    main.classList.toggle("fit", z === "fit");
    main.style.setProperty("--zoom", z === "fit" ? "1" : z);
  }
  document.getElementById("zoom").textContent = z === "fit" ? "fit" : Math.round(z * 100) + "%%";
}
function step(k) {
  const sheet = document.querySelector(".sheet");
  const now = zoom === "fit" && sheet ? sheet.getBoundingClientRect().width /
      parseFloat(getComputedStyle(sheet).getPropertyValue("--w")) : parseFloat(zoom);
  setZoom(String(Math.min(4, Math.max(0.25, Math.round(now * (k > 0 ? 1.25 : 0.8) * 100) / 100))));
}
document.getElementById("zoom-in").onclick = () => step(1);
document.getElementById("zoom-out").onclick = () => step(-1);
document.getElementById("zoom-fit").onclick = () => setZoom("fit");
document.addEventListener("keydown", (e) => {
  if (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "+" || e.key === "=") step(1); else if (e.key === "-") step(-1); else if (e.key === "0") setZoom("fit");
});
setZoom(zoom);
// an image of a render the server no longer keeps: the page itself is stale, load the new one
for (const img of document.querySelectorAll("main img")) img.addEventListener("error", () => location.reload());
async function poll() {
  try {
    const status = await (await fetch("/version", {cache: "no-store"})).json();
    if (status.version !== VERSION) { location.reload(); return; }
  } catch (e) { /* server restarting: keep polling */ }
  setTimeout(poll, 500);
}
setTimeout(poll, 500);
"""

STYLE = """
body { font: 14px sans-serif; margin: 0; background: #ddd; }
header { position: sticky; top: 0; background: #333; color: #fff; padding: 6px 12px; z-index: 2; }
header label { margin-right: 12px; }
header button { min-width: 2.2em; }
#zoom { display: inline-block; min-width: 3.5em; text-align: center; }
.error { position: fixed; left: 0; right: 0; bottom: 0; z-index: 3; max-height: 40vh; overflow: auto;
         background: #b00; color: #fff; padding: 10px 12px; margin: 0; white-space: pre-wrap;
         font: bold 15px monospace; box-shadow: 0 -2px 8px #0008; }
.stale img.base { opacity: 0.5; }
ul.findings { margin: 6px 12px; }
ul.findings a { color: #036; }
main { --zoom: 1; padding-bottom: 45vh; }
figure { margin: 12px; }
.sheet { position: relative; background: #fff; box-shadow: 0 1px 4px #888; width: calc(var(--w) * var(--zoom)); }
main.fit .sheet { width: auto; max-width: var(--w); }
.sheet img { display: block; width: 100%; }
.sheet img.ov { position: absolute; top: 0; left: 0; }
.sheet img[hidden] { display: none; }
.sheet a.blk { position: absolute; display: block; scroll-margin-top: 80px; }
.sheet a.blk:target { outline: 4px solid #e00; background: #f002; }
"""
