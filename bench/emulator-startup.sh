#!/usr/bin/env bash
# Start-up of the emulator host, process start to first HTTP answer, against the plain WireMock stub and with the
# runtime settings tried for it, launches alternating between the variants so they share the machine's load:
#   stub            the stub mode of bench/DashScope.Emulator.Benchmarks (WireMock, two static mappings)
#   emulator        the host as built (Release)
#   no-pgo          the same with DOTNET_TieredPGO=0 (no instrumented tier)
#   tc-off          the same with DOTNET_TieredCompilation=0 (fully optimised JIT at once)
#   invariant       the same with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 (no ICU)
#   before          another build of the host, BEFORE_HOST_DLL (a worktree of an earlier commit), in the same alternation
#   r2r             the host published with ReadyToRun (dotnet publish -r linux-x64 -p:PublishReadyToRun=true, with NuGet's
#                   pruning of packages the framework provides, which keeps the RID-specific restore from asking for the
#                   legacy runtime.* packages that WireMock's and MetadataExtractor's netstandard1.x dependencies name);
#                   R2R_DIR=<folder> measures an existing publish instead
#
#   bench/emulator-startup.sh [launches=8] [variants="stub emulator no-pgo tc-off"]
set -euo pipefail

LAUNCHES=${1:-8}
VARIANTS=${2:-"stub emulator no-pgo tc-off"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PORT=${EMULATOR_PORT:-18434}
# HOST_DLL measures another build of the host (a worktree of an earlier commit, say) against this one's stub.
HOST_DLL="${HOST_DLL:-$ROOT/mock-server/DashScope.Emulator.Host/bin/Release/net10.0/DashScope.Emulator.Host.dll}"
BENCH_DLL="$ROOT/bench/DashScope.Emulator.Benchmarks/bin/Release/net10.0/DashScope.Emulator.Benchmarks.dll"
PID=
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  dotnet build "$ROOT/mock-server/DashScope.Emulator.Host" -c Release -v q -nologo >/dev/null
  dotnet build "$ROOT/bench/DashScope.Emulator.Benchmarks" -c Release -v q -nologo >/dev/null
fi
if [[ " $VARIANTS " == *" before "* && ! -f "${BEFORE_HOST_DLL:-}" ]]; then
  echo "the before variant needs BEFORE_HOST_DLL, the other build's DashScope.Emulator.Host.dll" >&2; exit 1
fi
R2R_DIR=${R2R_DIR:-$WORK/r2r}
if [[ " $VARIANTS " == *" r2r "* && ! -f "$R2R_DIR/DashScope.Emulator.Host.dll" ]]; then
  dotnet publish "$ROOT/mock-server/DashScope.Emulator.Host" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -p:RestoreEnablePackagePruning=true -o "$R2R_DIR" -v q -nologo >/dev/null
fi
echo '{"output":{"task_id":"t","task_status":"PENDING"},"request_id":"r"}' >"$WORK/answer.json"

launch() { # variant
  case $1 in
    stub) exec dotnet "$BENCH_DLL" --serve-stub "$PORT" "$WORK/answer.json" "$WORK/answer.json" t ;;
    emulator) exec dotnet "$HOST_DLL" --port "$PORT" ;;
    before) exec dotnet "$BEFORE_HOST_DLL" --port "$PORT" ;;
    no-pgo) DOTNET_TieredPGO=0 exec dotnet "$HOST_DLL" --port "$PORT" ;;
    tc-off) DOTNET_TieredCompilation=0 exec dotnet "$HOST_DLL" --port "$PORT" ;;
    invariant) DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 exec dotnet "$HOST_DLL" --port "$PORT" ;;
    r2r) exec dotnet "$R2R_DIR/DashScope.Emulator.Host.dll" --port "$PORT" ;;
  esac
}

if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then echo "port $PORT is already in use: set EMULATOR_PORT" >&2; exit 1; fi
for i in $(seq 1 "$LAUNCHES"); do
  for variant in $VARIANTS; do
    t0=$(date +%s%N)
    launch "$variant" >/dev/null 2>&1 </dev/null &
    PID=$!
    until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/api/v1/tasks/t"; do sleep 0.005; done
    t1=$(date +%s%N)
    # CPU time the process (all its threads) used until then: utime + stime, in clock ticks; less sensitive to
    # the machine's load than the wall time.
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$PID/stat")
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
    echo "$variant $(( (t1 - t0) / 1000000 )) $cpu" >>"$WORK/times"
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
stub_median=$(awk '$1 == "stub" { print $2 }' "$WORK/times" | median)
stub_cpu=$(awk '$1 == "stub" { print $3 }' "$WORK/times" | median)
echo "variant    launches   mean ms   median ms   median / stub's   median CPU ms   CPU / stub's"
for variant in $VARIANTS; do
  m=$(awk -v v="$variant" '$1 == v { print $2 }' "$WORK/times" | median)
  c=$(awk -v v="$variant" '$1 == v { print $3 }' "$WORK/times" | median)
  mean=$(awk -v v="$variant" '$1 == v { t += $2; n++ } END { printf "%.0f", t / n }' "$WORK/times")
  n=$(awk -v v="$variant" '$1 == v { n++ } END { print n }' "$WORK/times")
  ratio=$(awk -v m="$m" -v s="$stub_median" 'BEGIN { if (s > 0) printf "%.2f", m / s; else print "-" }')
  cpu_ratio=$(awk -v m="$c" -v s="${stub_cpu:-0}" 'BEGIN { if (s > 0) printf "%.2f", m / s; else print "-" }')
  printf '%-10s %8s %9s %11s %17s %15s %14s\n' "$variant" "$n" "$mean" "$m" "$ratio" "$c" "$cpu_ratio"
done
