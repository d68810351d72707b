#!/usr/bin/env bash
# Audit benchmark (not a test): writes RECORDS audited reads (default 1,000,000; 8 agents, 4 tables, 1–50 hashed keys
# per read, one in ten an aggregate without keys) spread over the last DAYS days (default 7; 1 = all in the last 24h):
# 2,000 through AuditTrail.Record on one thread and 8,000 on 8 concurrent threads (group commit), the rest as journal
# segments folded into the day partitions and their key indexes by the next AuditTrail.Open — then times
# `hakiri audit --table customers --key c-42 --since 24h|7d` and `hakiri audit --agent agent-3`, in-process and as a
# process (the Release JIT build, plus an AOT build at artifacts/dist/*/bin/hakiri if there is one, plus any binaries
# in HAKIRI_BENCH_AUDIT_CLIS, colon-separated). Goal: under a second each over 1M reads in the window asked about.
#   scripts/bench-audit.sh            # 1,000,000 reads over 7 days
#   scripts/bench-audit.sh 1000000 1  # 1,000,000 reads in the last 24h
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
days=${2:-7}
dotnet build functions/Hakiri.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/Hakiri.Bench -c Release -nologo -v q >/dev/null
hakiri=$(ls functions/Hakiri.Cli/bin/Release/net*/hakiri | head -n 1)
aot=$(ls artifacts/dist/*/bin/hakiri 2>/dev/null | head -n 1 || true)
HAKIRI_BENCH_AUDIT_DAYS=$days HAKIRI_BENCH_AUDIT_CLIS="${aot}${HAKIRI_BENCH_AUDIT_CLIS:+:$HAKIRI_BENCH_AUDIT_CLIS}" \
  dotnet $(ls bench/Hakiri.Bench/bin/Release/net*/Hakiri.Bench.dll | head -n 1) audit "$hakiri" "$records" "${BENCH_DIR:-/tmp/hakiri-bench-audit}"
