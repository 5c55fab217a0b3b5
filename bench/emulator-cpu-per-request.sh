#!/usr/bin/env bash
# CPU time each server spends per request under the same wrk load: the emulator host (Release) against the plain
# WireMock.Net stub answering the same paths with the emulator's own answers. Throughput on 2 shared cores moves with
# whatever else runs; the CPU a process spends per answered request moves much less, so this is the figure to compare
# when the machine is busy. Runs alternate stub/emulator, the order flipping every round.
#
#   bench/emulator-cpu-per-request.sh [rounds=2] [seconds=8] [connections=16]
#
# Needs wrk (apt-get install -y wrk) and curl. Everything listens on 127.0.0.1; every process it starts is stopped on
# exit. HOST_DLL measures another build of the host, SKIP_BUILD=1 reuses the Release builds, EXTRA_HOST_ARGS adds host
# options.
set -euo pipefail

ROUNDS=${1:-2}
SECONDS_PER_RUN=${2:-8}
CONNECTIONS=${3:-16}
EMULATOR_PORT=${EMULATOR_PORT:-18451}
STUB_PORT=${STUB_PORT:-18452}
# shellcheck source=bench/emulator-common.sh
source "$(dirname "$0")/emulator-common.sh"
require_wrk
build_release

# shellcheck disable=SC2086
dotnet "$HOST_DLL" --port "$EMULATOR_PORT" --no-rate-limits ${EXTRA_HOST_ARGS:-} >"$WORK/emulator.log" 2>&1 </dev/null &
EMULATOR_PID=$!; PIDS+=("$EMULATOR_PID")
wait_for "http://127.0.0.1:$EMULATOR_PORT/api/v1/tasks/none"
record_answers "http://127.0.0.1:$EMULATOR_PORT"
dotnet "$BENCH_DLL" --serve-stub "$STUB_PORT" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/stub.log" 2>&1 </dev/null &
STUB_PID=$!; PIDS+=("$STUB_PID")
wait_for "http://127.0.0.1:$STUB_PORT/api/v1/tasks/$TASK_ID"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system, in clock ticks

run() { # target case -> one line: target case req/s p99 cpu-us-per-request
  local pid=$EMULATOR_PID port=$EMULATOR_PORT
  [[ $1 == stub ]] && pid=$STUB_PID port=$STUB_PORT
  local before after requests rps p99
  before=$(cpu_ticks "$pid")
  read -r rps p99 < <(wrk_case "$port" "$2" "$CONNECTIONS" "$SECONDS_PER_RUN")
  after=$(cpu_ticks "$pid")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk.out")
  echo "$1 $2 $rps $p99 $(awk -v t=$((after - before)) -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1e6 / hz / r }')"
}

echo "warm-up (both servers, both cases)..."
for target in stub emulator; do for kind in submit poll; do run "$target" "$kind" >/dev/null; done; done

printf '\n%-6s %-6s %-9s %10s %8s %14s\n' round case target "req/s" "p99 ms" "CPU us/request"
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for kind in submit poll; do
    if (( round % 2 == 1 )); then order="stub emulator"; else order="emulator stub"; fi
    for target in $order; do
      read -r t k rps p99 cpu < <(run "$target" "$kind")
      printf '%-6s %-6s %-9s %10s %8s %14s\n' "$round" "$k" "$t" "$rps" "$p99" "$cpu"
      echo "$round $k $t $rps $p99 $cpu" >>"$WORK/results"
    done
  done
done

echo
echo "emulator / stub, same round: throughput, p99, CPU per request"
awk '{ key = $1" "$2; if ($3 == "stub") { sr[key] = $4; sp[key] = $5; sc[key] = $6 } else { er[key] = $4; ep[key] = $5; ec[key] = $6 } }
  END { for (k in sr) { split(k, p, " "); printf "round %s %-6s throughput %.2f   p99 %.2fx   CPU per request %.2fx\n", p[1], p[2], er[k] / sr[k], ep[k] / sp[k], ec[k] / sc[k] } }' "$WORK/results" | sort
echo "resident memory at the end: emulator $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$EMULATOR_PID/status") MiB, stub $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$STUB_PID/status") MiB"
