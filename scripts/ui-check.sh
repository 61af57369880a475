#!/usr/bin/env bash
# End-to-end check of the web page in headless Chromium against a running `cir4j serve`/`cir4j demo`:
# loads the page with a pre-filled query (?ref=…&text=…&autorun=1), dumps the DOM after the search ran and
# takes a screenshot, then checks that result cards were rendered and the screenshot is not blank.
#
#   scripts/ui-check.sh URL OUT_DIR REF_ID TEXT
#   e.g. scripts/ui-check.sh http://127.0.0.1:7070/ target/ui-check shapes/shapes-test-000001.png "is red"
#
# Writes OUT_DIR/dom.html and OUT_DIR/screenshot.png; exit 0 when both checks pass, 1 when one fails,
# 3 when chromium is not installed (Debian: apt-get install -y chromium).
set -euo pipefail
url="${1:?URL}"; out="${2:?OUT_DIR}"; ref="${3:?REF_ID}"; text="${4:?TEXT}"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "ui-check: chromium not found (apt-get install -y chromium)" >&2
  exit 3
fi
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
enc() { /usr/bin/env python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1" 2>/dev/null \
        || printf '%s' "$1" | sed -e 's/ /%20/g' -e 's|/|%2F|g'; }
page="${url%/}/?ref=$(enc "$ref")&text=$(enc "$text")&autorun=1"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-dev-shm-usage --no-first-run --user-data-dir="$profile" --window-size=1280,1000
       --virtual-time-budget=20000 --hide-scrollbars)
timeout 120 "$browser" "${flags[@]}" --dump-dom "$page" > "$out/dom.html" 2> "$out/chromium-dom.log" || true
timeout 120 "$browser" "${flags[@]}" --screenshot="$out/screenshot.png" "$page" > /dev/null 2> "$out/chromium-shot.log" || true
cards=$(grep -o 'class="card result[^"]*"' "$out/dom.html" | wc -l || true)
targets=$(grep -o 'class="card result target"' "$out/dom.html" | wc -l || true)
ready=$(grep -c 'data-ready="true"' "$out/dom.html" || true)
size=$(stat -c %s "$out/screenshot.png" 2>/dev/null || echo 0)
echo "ui-check: page ready=$ready, result cards=$cards (ground truth marked: $targets), screenshot $size bytes"
fail=0
[ "$ready" -ge 1 ] || { echo "ui-check: FAIL page did not finish loading (see $out/dom.html)" >&2; fail=1; }
[ "$cards" -ge 1 ] || { echo "ui-check: FAIL no result cards in the DOM" >&2; fail=1; }
# A blank 1280x1000 PNG compresses to a few KB; the page with images and text is far larger.
[ "$size" -ge 20000 ] || { echo "ui-check: FAIL screenshot missing or blank ($size bytes)" >&2; fail=1; }
exit $fail
