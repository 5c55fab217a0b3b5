#!/usr/bin/env bash
# WireMock.Net's own cost of answering from a callback (as the emulator's server was mapped before it answered its API
# in middleware: one catch-all mapping whose callback makes each answer) against the plain stub's static mappings, same
# bytes, wrk on loopback, passes alternating. Shows what WireMock's callback path costs over a static answer.
#
#   bench/emulator-callback-stub.sh [passes=3] [seconds=10] [connections=16]
#
# Needs wrk and curl; everything listens on 127.0.0.1 and every process it starts is stopped on exit.
set -euo pipefail

PASSES=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-16}
EMULATOR_PORT=${EMULATOR_PORT:-18631}
STATIC_PORT=${STATIC_PORT:-18632}
CALLBACK_PORT=${CALLBACK_PORT:-18633}
# shellcheck source=bench/emulator-common.sh
source "$(dirname "$0")/emulator-common.sh"
require_wrk
build_release

# The emulator's real answers become both stubs' bodies; the emulator is stopped before anything is measured.
dotnet "$HOST_DLL" --port "$EMULATOR_PORT" --no-rate-limits >"$WORK/emulator.log" 2>&1 </dev/null &
EMULATOR_PID=$!; PIDS+=("$EMULATOR_PID")
wait_for "http://127.0.0.1:$EMULATOR_PORT/api/v1/tasks/none"
BASE="http://127.0.0.1:$EMULATOR_PORT"
record_answers "$BASE"
kill "$EMULATOR_PID"; wait "$EMULATOR_PID" 2>/dev/null || true

dotnet "$BENCH_DLL" --serve-stub "$STATIC_PORT" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/static.log" 2>&1 </dev/null &
PIDS+=("$!")
STUB_ANSWERS_BY_CALLBACK=1 dotnet "$BENCH_DLL" --serve-stub "$CALLBACK_PORT" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/callback.log" 2>&1 </dev/null &
PIDS+=("$!")
wait_for "http://127.0.0.1:$STATIC_PORT/api/v1/tasks/$TASK_ID"
wait_for "http://127.0.0.1:$CALLBACK_PORT/api/v1/tasks/$TASK_ID"

run_wrk() { wrk_case "$1" "$2" "$3" "$SECONDS_PER_RUN"; } # port case connections -> "rps p99ms"

echo "warm-up..."
for port in "$STATIC_PORT" "$CALLBACK_PORT"; do for kind in submit poll; do run_wrk "$port" "$kind" "$CONNECTIONS" >/dev/null; done; done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-7s %-9s %12s %9s\n' pass case stub "req/s" "p99 ms"
: >"$WORK/results"
for pass in $(seq 1 "$PASSES"); do
  for kind in submit poll; do
    if (( pass % 2 == 1 )); then order="$STATIC_PORT $CALLBACK_PORT"; else order="$CALLBACK_PORT $STATIC_PORT"; fi
    for port in $order; do
      name=static; [[ $port == "$CALLBACK_PORT" ]] && name=callback
      read -r rps p99 < <(run_wrk "$port" "$kind" "$CONNECTIONS")
      printf '%-5s %-7s %-9s %12s %9s\n' "$pass" "$kind" "$name" "$rps" "$p99"
      echo "$pass $kind $name $rps" >>"$WORK/results"
    done
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ratios (callback / static, same pass):"
awk '{ k = $1" "$2; if ($3 == "static") s[k] = $4; else c[k] = $4 } END { for (k in s) printf "pass %s %.2f\n", k, c[k] / s[k] }' "$WORK/results" | sort
