#!/usr/bin/env bash
# s3 source benchmark (not a test): one ROWS-row NDJSON object (nested objects, lists, nulls, non-ASCII) in a bucket on a
# local moto_server (127.0.0.1), landed with the Native AOT `hakiri run` through the s3 connector, beside the same file
# landed through the file connector; then the s3 source keyed by event_id: a first load and an upsert (the object
# rewritten with changed content, so its rows replace the stored ones by key). Prints wall time, rows/s and peak RSS of
# each, three runs each.
#   scripts/bench-s3.sh              # 1,000,000 rows
#   scripts/bench-s3.sh 3000000      # a larger object: peak RSS should stay flat (the download streams)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
for tool in moto_server python3; do command -v "$tool" >/dev/null || { echo "needs $tool (scripts/install-test-deps.sh installs it)" >&2; exit 1; }; done
hakiri=${HAKIRI:-artifacts/aot/hakiri}
[ -n "${HAKIRI:-}" ] || dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
hakiri=$(realpath "$hakiri")
work=${BENCH_DIR:-/tmp/hakiri-bench-s3}
rm -rf "$work" && mkdir -p "$work"
python3 - "$rows" "$work/events.ndjson" <<'PY'
import json, sys
rows, path = int(sys.argv[1]), sys.argv[2]
cities = ["Zürich", "São Paulo", "東京"]
with open(path, "w", encoding="utf-8") as out:
    for i in range(rows):
        out.write(json.dumps({
            "event_id": i, "user_id": f"user-{i % 5000}", "tags": [f"tag{i % 7}", f"prio-{i % 3}"],
            "address": {"city": cities[i % 3], "zip": i % 1000},
            "amount": None if i % 10 == 0 else round(i * 1.5, 2),
            "at": f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z", "note": f"Ereignis {i} – naïve",
        }, ensure_ascii=False) + "\n")
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port"
# boto3 comes with moto_server: no AWS CLI needed.
upload() {
  python3 - "$1" <<'PY'
import sys, time, boto3
s3 = boto3.client("s3")
for _ in range(100):
    try:
        s3.create_bucket(Bucket="bench")
        break
    except Exception as e:
        if "BucketAlready" in type(e).__name__ or "BucketAlready" in str(e):
            break
        time.sleep(0.2)
s3.upload_file(sys.argv[1], "bench", "events/2026/events.ndjson")
PY
}
upload "$work/events.ndjson"
printf '[project]\nname = "bench"\nstore = "store"\n[pipelines.events.source]\nconnector = "file"\npath = "events.ndjson"\n' >"$work/file.toml"
printf '[project]\nname = "bench"\nstore = "store"\n[pipelines.events.source]\nconnector = "s3"\nbucket = "bench"\nprefix = "events/2026/"\nformat = "ndjson"\n' >"$work/s3.toml"
printf '[project]\nname = "bench"\nstore = "store"\n[pipelines.events]\nprimary_key = ["event_id"]\n[pipelines.events.source]\nconnector = "s3"\nbucket = "bench"\nprefix = "events/2026/"\nformat = "ndjson"\n' >"$work/s3-key.toml"
echo "$rows rows, $(du -m "$work/events.ndjson" | cut -f1) MiB of NDJSON"
measure() { # LABEL RUN MANIFEST
  /usr/bin/time -f "%e %M" -o "$work/time" "$hakiri" run -m "$work/$3.toml" >/dev/null
  read -r seconds kib <"$work/time"
  awk -v s="$1" -v r="$2" -v t="$seconds" -v k="$kib" -v n="$rows" \
    'BEGIN { printf "%-14s run %d: %6.2f s  %9.0f rows/s  peak RSS %4.0f MiB\n", s, r, t, n / t, k / 1024 }'
}
for source in file s3; do
  for run in 1 2 3; do
    rm -rf "$work/store"
    measure "$source" "$run" "$source"
  done
done
for run in 1 2 3; do
  rm -rf "$work/store"
  upload "$work/events.ndjson"
  measure "s3 key, first" "$run" s3-key
  # Changed content (every non-null amount), so the ETag moves and the object's rows replace the stored ones by key.
  sed -E "s/\"amount\": ([0-9]+)\.([0-9]+)0?,/\"amount\": \1.\2$run,/" "$work/events.ndjson" >"$work/changed.ndjson"
  upload "$work/changed.ndjson"
  measure "s3 key, upsert" "$run" s3-key
done
