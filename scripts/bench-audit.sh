#!/usr/bin/env bash
# Audit benchmark (not a test): writes RECORDS audited reads (default 1,000,000; 8 agents, 4 tables, 1–50 hashed keys
# per read, one in ten an aggregate without keys) over the last 7 days — 5,000 through AuditTrail.Record (fsync per
# record), the rest as journal segments folded into the day partitions by the next AuditTrail.Open — then times
# `hakiri audit --table customers --key c-42 --since 24h` and `hakiri audit --agent agent-3`, in-process and as a
# process. Goal: under a second each over 1M reads.
#   scripts/bench-audit.sh            # 1,000,000 reads
#   scripts/bench-audit.sh 200000
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
dotnet build functions/Hakiri.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/Hakiri.Bench -c Release -nologo -v q >/dev/null
hakiri=$(ls functions/Hakiri.Cli/bin/Release/net*/hakiri | head -n 1)
dotnet bench/Hakiri.Bench/bin/Release/net10.0/Hakiri.Bench.dll audit "$hakiri" "$records" "${BENCH_DIR:-/tmp/hakiri-bench-audit}"
