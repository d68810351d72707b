#!/usr/bin/env bash
# Startup benchmark of the Native AOT hakiri binary: median and p95 wall time of `hakiri --version` over 200 runs,
# against `/bin/true` as the floor of process creation on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-artifacts/aot/hakiri}
[ -n "${1:-}" ] || dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null   # the binary passed, else a fresh publish
python3 - "$bin" <<'PY'
import subprocess, sys, time
def measure(cmd, n=200):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[n // 2], times[int(n * 0.95)]
floor = measure(["/bin/true"])
hakiri = measure([sys.argv[1], "--version"])
print(f"/bin/true          median {floor[0]:6.2f} ms   p95 {floor[1]:6.2f} ms")
print(f"hakiri --version   median {hakiri[0]:6.2f} ms   p95 {hakiri[1]:6.2f} ms   ratio to /bin/true {hakiri[0] / floor[0]:.1f}x   (target < 30 ms)")
PY
