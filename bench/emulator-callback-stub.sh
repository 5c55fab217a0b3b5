#!/usr/bin/env bash
# WireMock.Net's own cost of answering from a callback (as the emulator's server is mapped: one catch-all mapping
# whose callback makes each answer) against the plain stub's static mappings, same bytes, wrk on loopback, passes
# alternating. Shows whether part of the emulator/stub gap is WireMock's callback path rather than the emulator's work.
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

wait_for() { until curl -s -o /dev/null --max-time 1 "$1"; do sleep 0.05; done; }

# The emulator's real answers become both stubs' bodies; the emulator is stopped before anything is measured.
dotnet "$HOST_DLL" --port "$EMULATOR_PORT" --no-rate-limits >"$WORK/emulator.log" 2>&1 </dev/null &
EMULATOR_PID=$!; PIDS+=("$EMULATOR_PID")
wait_for "http://127.0.0.1:$EMULATOR_PORT/api/v1/tasks/none"
BASE="http://127.0.0.1:$EMULATOR_PORT"
BODY="{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"$BASE/__emulator/files/portrait.png\",\"audio_url\":\"$BASE/__emulator/files/speech.wav\"},\"parameters\":{\"template_id\":\"normal\",\"video_fps\":24}}"
curl -s -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -H "X-DashScope-Async: enable" -d "$BODY" \
  "$BASE/api/v1/services/aigc/image2video/video-synthesis/" >"$WORK/submit.json"
TASK_ID=$(sed -E 's/.*"task_id":"([^"]+)".*/\1/' "$WORK/submit.json")
curl -s -X POST -H "Content-Type: application/json" -d '{"status":"SUCCEEDED"}' "$BASE/__emulator/tasks/$TASK_ID/force" >/dev/null
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/tasks/$TASK_ID" >"$WORK/poll.json"
kill "$EMULATOR_PID"; wait "$EMULATOR_PID" 2>/dev/null || true

dotnet "$BENCH_DLL" --serve-stub "$STATIC_PORT" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/static.log" 2>&1 </dev/null &
PIDS+=("$!")
STUB_ANSWERS_BY_CALLBACK=1 dotnet "$BENCH_DLL" --serve-stub "$CALLBACK_PORT" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/callback.log" 2>&1 </dev/null &
PIDS+=("$!")
wait_for "http://127.0.0.1:$STATIC_PORT/api/v1/tasks/$TASK_ID"
wait_for "http://127.0.0.1:$CALLBACK_PORT/api/v1/tasks/$TASK_ID"

cat >"$WORK/submit.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Authorization"] = "Bearer $KEY"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-DashScope-Async"] = "enable"
LUA
echo "wrk.headers[\"Authorization\"] = \"Bearer $KEY\"" >"$WORK/poll.lua"

url_of() { # port case
  if [[ $2 == submit ]]; then echo "http://127.0.0.1:$1/api/v1/services/aigc/image2video/video-synthesis/"; else echo "http://127.0.0.1:$1/api/v1/tasks/$TASK_ID"; fi
}

run_wrk() { # port case connections -> "rps p99"
  wrk -t2 -c"$3" -d"$SECONDS_PER_RUN"s --latency -s "$WORK/$2.lua" "$(url_of "$1" "$2")" >"$WORK/wrk.out" 2>&1
  if grep -q "Non-2xx" "$WORK/wrk.out"; then echo "warning: non-2xx answers: $(grep Non-2xx "$WORK/wrk.out")" >&2; fi
  echo "$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out") $(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")"
}

echo "warm-up..."
for port in "$STATIC_PORT" "$CALLBACK_PORT"; do for kind in submit poll; do run_wrk "$port" "$kind" "$CONNECTIONS" >/dev/null; done; done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-7s %-9s %12s %9s\n' pass case stub "req/s" p99
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
