// cir4j web page: plain JS against the JSON API (no build step).
'use strict';
const $ = (id) => document.getElementById(id);
const state = { galleryId: null, upload: null, galleryOffset: 0, groundTruth: null };

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => ({ error: 'bad response (' + res.status + ')' }));
  if (!res.ok) { throw new Error(body.error || ('HTTP ' + res.status)); }
  return body;
}

function card(tag, id, url, extra) {
  const el = document.createElement(tag);
  el.className = 'card';
  el.tabIndex = 0;
  el.dataset.id = id;
  const img = document.createElement('img');
  img.src = url; img.alt = id; img.loading = 'lazy';
  el.appendChild(img);
  if (extra) { el.appendChild(extra); }
  return el;
}

function activate(el, fn) {
  el.addEventListener('click', fn);
  el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(); } });
}

function setReference(id, url, label) {
  state.galleryId = id; state.upload = null;
  const p = $('reference-preview');
  p.replaceChildren();
  const img = document.createElement('img');
  img.src = url; img.alt = 'reference ' + (label || id);
  const span = document.createElement('span'); span.textContent = label || id;
  p.append(img, span);
}

async function loadStats() {
  const s = await api('/api/stats');
  $('stats').textContent = s.images + ' images · dim ' + s.dim + ' · model ' + s.model_id +
      (s.benchmark_queries ? ' · ' + s.benchmark_queries + ' benchmark queries' : '');
  for (const f of Object.keys(s.folders)) {
    if (!f) { continue; }
    const o = document.createElement('option'); o.value = f; o.textContent = f + ' (' + s.folders[f] + ')';
    $('folder').appendChild(o);
  }
}

async function loadMethods() {
  const m = await api('/api/methods');
  const sel = $('method');
  for (const x of m.methods) {
    const o = document.createElement('option');
    o.value = x.name; o.textContent = x.name + (x.trained ? ' (trained)' : '');
    o.title = x.description;
    if (x.name === m['default']) { o.selected = true; }
    sel.appendChild(o);
  }
}

async function loadGallery() {
  const folder = $('folder').value;
  const g = await api('/api/gallery?offset=' + state.galleryOffset + '&limit=48' + (folder ? '&folder=' + encodeURIComponent(folder) : ''));
  for (const im of g.images) {
    const c = card('li', im.id, im.url);
    activate(c, () => { setReference(im.id, im.url); $('text').focus(); });
    $('gallery').appendChild(c);
  }
  state.galleryOffset += g.images.length;
  $('more').hidden = state.galleryOffset >= g.total;
}

async function loadExamples() {
  const q = await api('/api/queries?limit=12');
  if (q.total === 0) { $('examples-box').hidden = true; return; }
  for (const ex of q.queries) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = '[' + ex.group + '] ' + ex.caption;
    b.addEventListener('click', () => {
      setReference(ex.reference, ex.reference_url);
      $('text').value = ex.caption;
      if (ex.group) { $('folder').value = ex.group; }
      search();
    });
    li.appendChild(b);
    $('examples').appendChild(li);
  }
}

async function search() {
  $('error').textContent = '';
  const text = $('text').value.trim();
  if (!state.galleryId && !state.upload) { $('error').textContent = 'Pick or upload a reference image first.'; return; }
  if (!text) { $('error').textContent = 'Type how the wanted image differs.'; $('text').focus(); return; }
  const form = new FormData();
  if (state.upload) { form.append('image', state.upload); } else { form.append('gallery_id', state.galleryId); }
  form.append('text', text);
  form.append('method', $('method').value);
  form.append('k', $('k').value);
  form.append('mode', $('mode').value);
  if ($('folder').value) { form.append('folder', $('folder').value); }
  $('search-button').disabled = true;
  try {
    const r = await api('/api/search', { method: 'POST', body: form });
    renderResults(r);
  } catch (e) {
    $('error').textContent = e.message;
  } finally {
    $('search-button').disabled = false;
  }
}

function renderResults(r) {
  const list = $('results');
  list.replaceChildren();
  $('timing').textContent = r.method + ' · compose ' + r.compose_ms.toFixed(1) + ' ms · search ' + r.search_ms.toFixed(1) + ' ms' +
      (r.ground_truth ? ' · ' + r.results.filter((x) => x.target).length + ' of ' + r.ground_truth.length + ' ground-truth images found' : '');
  for (const h of r.results) {
    const info = document.createElement('div');
    const score = document.createElement('span'); score.className = 'score'; score.textContent = '#' + h.rank + ' ' + h.score.toFixed(3);
    info.appendChild(score);
    if (h.target) { const b = document.createElement('span'); b.className = 'badge'; b.textContent = 'target'; info.appendChild(b); }
    const id = document.createElement('span'); id.className = 'id'; id.textContent = h.id;
    info.appendChild(id);
    const c = card('li', h.id, h.url, info);
    c.classList.add('result');
    if (h.target) { c.classList.add('target'); c.setAttribute('aria-label', 'rank ' + h.rank + ', ground truth target'); }
    activate(c, () => { setReference(h.id, h.url); $('text').focus(); });
    list.appendChild(c);
  }
  if (list.firstChild) { list.firstChild.focus(); }
}

$('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });
$('upload').addEventListener('change', (e) => {
  const f = e.target.files[0];
  if (!f) { return; }
  state.upload = f; state.galleryId = null;
  const p = $('reference-preview');
  p.replaceChildren();
  const img = document.createElement('img'); img.alt = 'uploaded reference'; img.src = URL.createObjectURL(f);
  const span = document.createElement('span'); span.textContent = f.name;
  p.append(img, span);
  $('text').focus();
});
$('clear-ref').addEventListener('click', () => {
  state.galleryId = null; state.upload = null; $('upload').value = '';
  $('reference-preview').replaceChildren(Object.assign(document.createElement('span'), { className: 'hint', textContent: 'Pick an image below, an example, or upload one.' }));
});
$('more').addEventListener('click', loadGallery);
$('folder').addEventListener('change', () => { state.galleryOffset = 0; $('gallery').replaceChildren(); loadGallery(); });
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== $('text')) { e.preventDefault(); $('text').focus(); }
});

(async () => {
  try {
    await Promise.all([loadStats(), loadMethods()]);
    await Promise.all([loadGallery(), loadExamples()]);
    // ?ref=ID&text=...&autorun=1 pre-fills a query (used by scripts/ui-check.sh and shareable links).
    const p = new URLSearchParams(location.search);
    if (p.get('ref')) { setReference(p.get('ref'), '/api/image/' + p.get('ref').split('/').map(encodeURIComponent).join('/')); }
    if (p.get('text')) { $('text').value = p.get('text'); }
    if (p.get('folder')) { $('folder').value = p.get('folder'); }
    if (p.get('autorun')) { await search(); }
    document.body.dataset.ready = 'true';
  } catch (e) {
    $('error').textContent = 'Could not load: ' + e.message;
  }
})();
