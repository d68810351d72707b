#!/usr/bin/env bash
# Blob store benchmark (not a test): one ROWS-row NDJSON file (nested objects, lists, nulls, non-ASCII) landed with the
# Native AOT `hakiri run` into a local store and into an azblob:// store on a local Azurite (127.0.0.1, in memory):
# without a primary key, then keyed by event_id — a first load and an upsert (the file rewritten with changed
# amounts, so its rows replace the stored ones by key). Prints wall time, rows/s and peak RSS of each, three runs each,
# and the Blob store's time as a ratio of the local store's.
#   scripts/bench-azure-store.sh             # 1,000,000 rows
#   HAKIRI=path/to/hakiri scripts/bench-azure-store.sh 200000
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
azurite=tests/tools/node_modules/.bin/azurite-blob
[ -x "$azurite" ] || { echo "needs Azurite: scripts/install-test-deps.sh installs it into tests/tools" >&2; exit 1; }
hakiri=${HAKIRI:-artifacts/aot/hakiri}
[ -n "${HAKIRI:-}" ] || dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
hakiri=$(realpath "$hakiri")
work=${BENCH_DIR:-/tmp/hakiri-bench-azure}
rm -rf "$work" && mkdir -p "$work"
generate() { # PATH VARIANT
  python3 - "$rows" "$1" "$2" <<'PY'
import json, sys
rows, path, variant = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
cities = ["Zürich", "São Paulo", "東京"]
with open(path, "w", encoding="utf-8") as out:
    for i in range(rows):
        out.write(json.dumps({
            "event_id": i, "user_id": f"user-{i % 5000}", "tags": [f"tag{i % 7}", f"prio-{i % 3}"],
            "address": {"city": cities[i % 3], "zip": i % 1000},
            "amount": None if i % 10 == 0 else round(i * 1.5 + variant, 2),
            "at": f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z", "note": f"Ereignis {i} – naïve",
        }, ensure_ascii=False) + "\n")
PY
}
generate "$work/first.ndjson" 0
generate "$work/changed.ndjson" 1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$azurite" --blobHost 127.0.0.1 --blobPort "$port" --inMemoryPersistence --skipApiVersionCheck --silent >"$work/azurite.log" 2>&1 &
azurite_pid=$!
trap 'kill -9 $azurite_pid 2>/dev/null || true' EXIT
key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==  # Azurite's public dev key
export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break; sleep 0.1; done
# Azurite's Blob REST API with its dev account's Shared Key, for what the benchmark does around hakiri: create the
# container (hakiri never creates one; a user would with `az storage container create`) and empty a store prefix
# before each first load, as `rm -rf store` does locally.
cat >"$work/blob.py" <<'PY'
import base64, hashlib, hmac, re, sys, urllib.request
from email.utils import formatdate
port, key, action = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, query):
    date = formatdate(usegmt=True)
    canonical = f"{method}\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:2021-08-06\n/devstoreaccount1/devstoreaccount1/{path}" \
        + "".join(f"\n{k}:{v}" for k, v in sorted(query.items()))
    signature = base64.b64encode(hmac.new(base64.b64decode(key), canonical.encode(), hashlib.sha256).digest()).decode()
    url = f"http://127.0.0.1:{port}/devstoreaccount1/{path}" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    headers = {"x-ms-date": date, "x-ms-version": "2021-08-06", "Authorization": f"SharedKey devstoreaccount1:{signature}", "Content-Length": "0"}
    return urllib.request.urlopen(urllib.request.Request(url, method=method, headers=headers)).read().decode()
if action == "create":
    call("PUT", "bench", {"restype": "container"})
else:
    for name in re.findall(r"<Name>([^<]+)</Name>", call("GET", "bench", {"comp": "list", "prefix": sys.argv[4] + "/", "restype": "container"})):
        call("DELETE", f"bench/{name}", {})
PY
python3 "$work/blob.py" "$port" "$key" create
reset_blob() { python3 "$work/blob.py" "$port" "$key" reset "$1"; }
manifest() { # NAME STORE KEYED
  { printf '[project]\nname = "bench"\nstore = "%s"\n' "$2"
    [ "$3" = keyed ] && printf '[pipelines.events]\nprimary_key = ["event_id"]\n'
    printf '[pipelines.events.source]\nconnector = "file"\npath = "events.ndjson"\n'; } >"$work/$1.toml"
}
manifest local store plain; manifest blob "azblob://bench/plain" plain
manifest local-key store keyed; manifest blob-key "azblob://bench/keyed" keyed
echo "$rows rows, $(du -m "$work/first.ndjson" | cut -f1) MiB of NDJSON; Azurite on 127.0.0.1:$port"
declare -A best
measure() { # LABEL RUN MANIFEST
  /usr/bin/time -f "%e %M" -o "$work/time" "$hakiri" run -m "$work/$3.toml" >/dev/null
  read -r seconds kib <"$work/time"
  awk -v s="$1" -v r="$2" -v t="$seconds" -v k="$kib" -v n="$rows" \
    'BEGIN { printf "%-22s run %d: %6.2f s  %9.0f rows/s  peak RSS %4.0f MiB\n", s, r, t, n / t, k / 1024 }'
  if [ -z "${best[$1]:-}" ] || awk -v a="$seconds" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then best[$1]=$seconds; fi
}
for run in 1 2 3; do
  cp "$work/first.ndjson" "$work/events.ndjson"
  rm -rf "$work/store"; measure "local, no key" "$run" local
  reset_blob plain; measure "blob, no key" "$run" blob
done
for run in 1 2 3; do
  cp "$work/first.ndjson" "$work/events.ndjson"
  rm -rf "$work/store"; measure "local, key, first" "$run" local-key
  reset_blob keyed; measure "blob, key, first" "$run" blob-key
  cp "$work/changed.ndjson" "$work/events.ndjson"
  measure "local, key, upsert" "$run" local-key
  measure "blob, key, upsert" "$run" blob-key
done
echo "best of three, Blob store / local store:"
for case in "no key" "key, first" "key, upsert"; do
  awk -v c="$case" -v b="${best["blob, $case"]}" -v l="${best["local, $case"]}" 'BEGIN { printf "  %-12s %6.2f s / %6.2f s = %.2fx\n", c, b, l, b / l }'
done
# The figures mean something only if the keyed Blob store holds each event once after the upsert.
count=$("$hakiri" query -m "$work/blob-key.toml" -f csv "SELECT count(*) AS n FROM events" | tail -n 1)
[ "$count" = "$rows" ] || { echo "the keyed Blob store holds $count rows, not $rows" >&2; exit 1; }
echo "checked: the keyed Blob store holds $count rows"
