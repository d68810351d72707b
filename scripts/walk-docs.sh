#!/usr/bin/env bash
# Walks the README's and docs' quick-start commands as written, in a fresh clone of this repository's HEAD, and fails
# on the first command that breaks (naming its file:line). A block is walked when the line before its ```sh fence is
# `<!-- walk -->`, or `<!-- walk: SETUP -->` where SETUP is shell run first (e.g. the folder the text says to be in).
# The blocks of one file run in order in one shell, as a reader following that page in one terminal would; files run
# in the order below. AWS calls go to a moto_server this script starts on 127.0.0.1; nothing leaves the machine.
#   scripts/walk-docs.sh            (scripts/test.sh runs it; needs what scripts/install-test-deps.sh installs)
set -euo pipefail
source_repo=$(cd "$(dirname "$0")/.." && pwd)
files=(README.md docs/search.md docs/cli.md docs/store-format.md docs/access-control.md docs/connectors.md)

work=$(mktemp -d)
moto_pid=
cleanup() {
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$source_repo" "$work/hakiri"
clone=$work/hakiri
echo "walk: fresh clone of $(git -C "$clone" rev-parse --short HEAD) in $clone"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 150); do
  if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; then break; fi
  sleep 0.2
done

# The reader's environment: AWS pointed at moto, keys and config kept inside the walk's folder, `hakiri` on PATH
# once the README has published it into out/.
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=walk AWS_SECRET_ACCESS_KEY=walk AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1 XDG_CONFIG_HOME="$work/config" HAKIRI_KEY_DIR="$work/config/hakiri/keys"
export PATH="$clone/out:$PATH" WALK_TMP="$work/tmp"
mkdir -p "$WALK_TMP"

# Turns a page's walked blocks into one script that announces each command's file:line before running it.
extract() {
  python3 - "$1" <<'PY'
import re, shlex, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
out, walked, i = [], 0, 0
while i < len(lines):
    marker = re.fullmatch(r"<!-- walk(?::\s*(.*?))?\s*-->", lines[i].strip())
    if marker and i + 1 < len(lines) and lines[i + 1].startswith("```sh"):
        walked += 1
        if marker.group(1):
            out.append(f"walk_at {shlex.quote(f'{path}:{i + 1}')} {shlex.quote(marker.group(1))}")
            out.append(marker.group(1))
        i += 2
        continuing = False
        while i < len(lines) and not lines[i].startswith("```"):
            text = lines[i]
            if not continuing and text.strip() and not text.lstrip().startswith("#"):
                out.append(f"walk_at {shlex.quote(f'{path}:{i + 1}')} {shlex.quote(text.strip())}")
            out.append(text)
            continuing = text.rstrip().endswith("\\")
            i += 1
    i += 1
if walked == 0:
    sys.exit(f"{path}: no block is marked <!-- walk -->")
print("\n".join(out))
PY
}

cd "$clone"
for file in "${files[@]}"; do
  script="$work/$(echo "$file" | tr '/' '_').sh"
  {
    echo 'set -euo pipefail'
    echo 'walk_at() { printf "walk: %s\n      %s\n" "$1" "$2"; echo "$1" > "$WALK_TMP/at"; }'
    extract "$file"
  } > "$script"
  echo "== walk $file"
  if ! (cd "$clone" && bash "$script"); then
    echo "walk: FAILED at $(cat "$WALK_TMP/at"): the command above, run as written from a fresh clone, broke." >&2
    exit 1
  fi
done
echo "walk: every walked command of ${files[*]} ran as written"
