#!/usr/bin/env bash
# The emulator host (Release) against a plain WireMock.Net stub answering the same paths with the emulator's own
# answers, over loopback with wrk, in one sitting: start-up to first answer, submit and poll throughput and latency
# at each concurrency (passes alternate stub/emulator, the order flipping every pass), and resident memory.
# Prints every figure and the emulator/stub ratios.
#
#   bench/emulator-vs-stub.sh [passes=2] [seconds=10] [connections="16 64"]
#
# Needs wrk (apt-get install -y wrk) and curl. Everything listens on 127.0.0.1; every process it starts is stopped
# on exit. EXTRA_HOST_ARGS adds options to the emulator host (e.g. "--max-finished-tasks-per-account 1000");
# EMULATOR_ENV adds environment variables to the emulator's process only (e.g. "DOTNET_GCgen0size=0x4000000").
set -euo pipefail

PASSES=${1:-2}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-"16 64"}
STARTS=${STARTS:-5}
EMULATOR_PORT=${EMULATOR_PORT:-18431}
STUB_PORT=${STUB_PORT:-18432}
# shellcheck source=bench/emulator-common.sh
source "$(dirname "$0")/emulator-common.sh"
require_wrk
build_release

start_emulator() { # port -> pid in $!
  # shellcheck disable=SC2086
  env ${EMULATOR_ENV:-} dotnet "$HOST_DLL" --port "$1" --no-rate-limits ${EXTRA_HOST_ARGS:-} >"$WORK/emulator-$1.log" 2>&1 </dev/null &
}

start_stub() { # port
  dotnet "$BENCH_DLL" --serve-stub "$1" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/stub-$1.log" 2>&1 </dev/null &
}


rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# --- the emulator's real answers become the stub's bodies ------------------------------------------------------
start_emulator "$EMULATOR_PORT"; EMULATOR_PID=$!; PIDS+=("$EMULATOR_PID")
wait_for "http://127.0.0.1:$EMULATOR_PORT/api/v1/tasks/none"
BASE="http://127.0.0.1:$EMULATOR_PORT"
record_answers "$BASE"
start_stub "$STUB_PORT"; STUB_PID=$!; PIDS+=("$STUB_PID")
wait_for "http://127.0.0.1:$STUB_PORT/api/v1/tasks/$TASK_ID"

run_wrk() { # target case connections seconds -> "rps p99ms"
  local port=$EMULATOR_PORT; [[ $1 == stub ]] && port=$STUB_PORT
  wrk_case "$port" "$2" "$3" "$4"
}

echo "warm-up (both servers, both cases, ${SECONDS_PER_RUN}s each)..."
for target in stub emulator; do for kind in submit poll; do run_wrk "$target" "$kind" 16 "$SECONDS_PER_RUN" >/dev/null; done; done

printf '\n%-6s %-4s %-5s %-9s %12s %9s\n' pass c case target "req/s" "p99 ms"
: >"$WORK/results"
for pass in $(seq 1 "$PASSES"); do
  for c in $CONNECTIONS; do
    for kind in submit poll; do
      if (( pass % 2 == 1 )); then order="stub emulator"; else order="emulator stub"; fi
      for target in $order; do
        read -r rps p99 < <(run_wrk "$target" "$kind" "$c" "$SECONDS_PER_RUN")
        printf '%-6s %-4s %-5s %-9s %12s %9s\n' "$pass" "$c" "$kind" "$target" "$rps" "$p99"
        echo "$pass $c $kind $target $rps $p99" >>"$WORK/results"
      done
    done
  done
done

echo
echo "ratios (emulator / stub, same pass):"
awk '{ key = $1" "$2" "$3; if ($4 == "stub") { s[key] = $5; sp[key] = $6 } else { e[key] = $5; ep[key] = $6 } }
  END { for (k in s) { split(k, p, " "); printf "pass %s c=%-3s %-6s throughput %.2f   p99 %.2fx (emulator %.2f ms, stub %.2f ms)\n", p[1], p[2], p[3], e[k] / s[k], ep[k] / sp[k], ep[k], sp[k] } }' "$WORK/results" | sort

echo
echo "resident memory after the load: emulator $(rss_mib "$EMULATOR_PID") MiB, stub $(rss_mib "$STUB_PID") MiB"
kill "$EMULATOR_PID" "$STUB_PID" 2>/dev/null || true
wait "$EMULATOR_PID" "$STUB_PID" 2>/dev/null || true

# --- start-up: process start to first answer, alternating -------------------------------------------------------
echo
echo "start-up, process start to first answer (ms), $STARTS launches each, alternating:"
for i in $(seq 1 "$STARTS"); do
  for target in stub emulator; do
    t0=$(date +%s%N)
    if [[ $target == stub ]]; then start_stub "$STUB_PORT"; url="http://127.0.0.1:$STUB_PORT/api/v1/tasks/$TASK_ID"
    else start_emulator "$EMULATOR_PORT"; url="http://127.0.0.1:$EMULATOR_PORT/api/v1/tasks/$TASK_ID"; fi
    pid=$!
    wait_for "$url"
    t1=$(date +%s%N)
    rss=$(rss_mib "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$target $(( (t1 - t0) / 1000000 )) $rss" >>"$WORK/starts"
    printf '  %-9s %5d ms  (RSS at first answer %s MiB)\n' "$target" $(( (t1 - t0) / 1000000 )) "$rss"
  done
done
awk '{ n[$1]++; t[$1] += $2 } END { printf "mean: stub %.0f ms, emulator %.0f ms, ratio %.2f\n", t["stub"] / n["stub"], t["emulator"] / n["emulator"], (t["emulator"] / n["emulator"]) / (t["stub"] / n["stub"]) }' "$WORK/starts"
