#!/usr/bin/env bash
# Start-up of the emulator host, process start to first HTTP answer, against the plain WireMock stub and with the
# runtime settings tried for it, launches alternating between the variants so they share the machine's load:
#   stub            the stub mode of bench/DashScope.Emulator.Benchmarks (WireMock, two static mappings)
#   emulator        the host as built (Release)
#   no-pgo          the same with DOTNET_TieredPGO=0 (no instrumented tier)
#   tc-off          the same with DOTNET_TieredCompilation=0 (fully optimised JIT at once)
#   r2r             the host published with ReadyToRun (dotnet publish -r linux-x64 -p:PublishReadyToRun=true)
#
#   bench/emulator-startup.sh [launches=8] [variants="stub emulator no-pgo tc-off r2r"]
set -euo pipefail

LAUNCHES=${1:-8}
VARIANTS=${2:-"stub emulator no-pgo tc-off r2r"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PORT=${EMULATOR_PORT:-18434}
HOST_DLL="$ROOT/mock-server/DashScope.Emulator.Host/bin/Release/net10.0/DashScope.Emulator.Host.dll"
BENCH_DLL="$ROOT/bench/DashScope.Emulator.Benchmarks/bin/Release/net10.0/DashScope.Emulator.Benchmarks.dll"
PID=
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  dotnet build "$ROOT/mock-server/DashScope.Emulator.Host" -c Release -v q -nologo >/dev/null
  dotnet build "$ROOT/bench/DashScope.Emulator.Benchmarks" -c Release -v q -nologo >/dev/null
fi
if [[ " $VARIANTS " == *" r2r "* ]]; then
  dotnet publish "$ROOT/mock-server/DashScope.Emulator.Host" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$WORK/r2r" -v q -nologo >/dev/null
fi
echo '{"output":{"task_id":"t","task_status":"PENDING"},"request_id":"r"}' >"$WORK/answer.json"

launch() { # variant
  case $1 in
    stub) dotnet "$BENCH_DLL" --serve-stub "$PORT" "$WORK/answer.json" "$WORK/answer.json" t ;;
    emulator) dotnet "$HOST_DLL" --port "$PORT" ;;
    no-pgo) DOTNET_TieredPGO=0 dotnet "$HOST_DLL" --port "$PORT" ;;
    tc-off) DOTNET_TieredCompilation=0 dotnet "$HOST_DLL" --port "$PORT" ;;
    r2r) dotnet "$WORK/r2r/DashScope.Emulator.Host.dll" --port "$PORT" ;;
  esac
}

for i in $(seq 1 "$LAUNCHES"); do
  for variant in $VARIANTS; do
    t0=$(date +%s%N)
    launch "$variant" >/dev/null 2>&1 < <(sleep 100000) &
    PID=$!
    until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/api/v1/tasks/t"; do sleep 0.005; done
    t1=$(date +%s%N)
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
    echo "$variant $(( (t1 - t0) / 1000000 ))" >>"$WORK/times"
  done
done

echo "variant   launches  mean ms  median ms  min ms  ratio of medians to the stub"
for variant in $VARIANTS; do
  awk -v v="$variant" '$1 == v { print $2 }' "$WORK/times" | sort -n >"$WORK/$variant.sorted"
done
stub_median=$(awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }' "$WORK/stub.sorted" 2>/dev/null || echo 0)
for variant in $VARIANTS; do
  awk -v v="$variant" -v s="$stub_median" '{ a[NR] = $1; t += $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%-9s %8d %8.0f %10.0f %7d  %s\n", v, NR, t / NR, m, a[1], s > 0 ? sprintf("%.2f", m / s) : "-" }' "$WORK/$variant.sorted"
done
