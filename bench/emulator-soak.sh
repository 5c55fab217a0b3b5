#!/usr/bin/env bash
# Soak: the emulator host (Release) under submit-and-poll load from wrk at the rate it sustains, for a while, sampling
# its resident memory every few seconds, then the RSS slope (least squares) as % of the first sample per minute.
#
#   bench/emulator-soak.sh [seconds=600] [sample-every=10] [connections=16]
#
# Tasks finish at once (queue and run times 0), so the finished-task cap is what bounds the board. EXTRA_HOST_ARGS adds
# host options (e.g. "--max-finished-tasks-per-account none" to see the growth without a cap). Loopback only; every
# process it starts is stopped on exit.
set -euo pipefail

DURATION=${1:-600}
EVERY=${2:-10}
CONNECTIONS=${3:-16}
PORT=${EMULATOR_PORT:-18433}
# shellcheck source=bench/emulator-common.sh
source "$(dirname "$0")/emulator-common.sh"
require_wrk
[[ "${SKIP_BUILD:-}" == 1 ]] || dotnet build "$ROOT/mock-server/DashScope.Emulator.Host" -c Release -v q -nologo >/dev/null

# shellcheck disable=SC2086
dotnet "$HOST_DLL" --port "$PORT" --no-rate-limits --queue-seconds 0 --run-seconds 0 --run-per-audio 0 ${EXTRA_HOST_ARGS:-} \
  >"$WORK/emulator.log" 2>&1 </dev/null &
PID=$!; PIDS+=("$PID")
BASE="http://127.0.0.1:$PORT"
until curl -s -o /dev/null --max-time 1 "$BASE/api/v1/tasks/none"; do sleep 0.01; done

BODY="{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"$BASE/__emulator/files/portrait.png\",\"audio_url\":\"$BASE/__emulator/files/speech.wav\"},\"parameters\":{\"template_id\":\"normal\"}}"
TASK_ID=$(curl -s -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -H "X-DashScope-Async: enable" -d "$BODY" \
  "$BASE/api/v1/services/aigc/image2video/video-synthesis/" | sed -E 's/.*"task_id":"([^"]+)".*/\1/')
cat >"$WORK/soak.lua" <<LUA
-- Alternates a submit and a poll of the first task on each connection (wrk.format sends only the headers given: Host too).
local n = 0
local submit = wrk.format("POST", "/api/v1/services/aigc/image2video/video-synthesis/",
  { ["Host"] = "127.0.0.1:$PORT", ["Authorization"] = "Bearer $KEY", ["Content-Type"] = "application/json", ["X-DashScope-Async"] = "enable" }, '$BODY')
local poll = wrk.format("GET", "/api/v1/tasks/$TASK_ID", { ["Host"] = "127.0.0.1:$PORT", ["Authorization"] = "Bearer $KEY" })
request = function()
  n = n + 1
  if n % 2 == 0 then return submit else return poll end
end
LUA

rss_kib() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/soak.lua" "$BASE" >"$WORK/wrk.out" 2>&1 &
WRK=$!; PIDS+=("$WRK")
start=$(date +%s)
echo "seconds rss_mib"
while kill -0 "$WRK" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  rss=$(rss_kib "$PID")
  echo "$now $rss" >>"$WORK/samples"
  awk -v t="$now" -v r="$rss" 'BEGIN { printf "%7d %8.1f\n", t, r / 1024 }'
  sleep "$EVERY"
done
wait "$WRK" || true
echo
grep -E "Requests/sec|Non-2xx|Socket errors|99%" "$WORK/wrk.out" || true
if grep -q "Non-2xx" "$WORK/wrk.out"; then echo "warning: some answers were not 2xx; the journal's last entries say why" >&2; fi
echo "tasks on the board at the end: $(curl -s --max-time 30 "$BASE/__emulator/tasks" | grep -o '"taskId"' | wc -l || true)"
# Least-squares slope of RSS against time, over all samples and over those after the first minute.
awk '{ t[NR] = $1; r[NR] = $2 } END {
  for (pass = 0; pass < 2; pass++) {
    n = 0; st = 0; sr = 0; stt = 0; str = 0; first = 0
    for (i = 1; i <= NR; i++) { if (pass == 1 && t[i] < 60) continue; if (first == 0) first = r[i]; n++; st += t[i]; sr += r[i]; stt += t[i] * t[i]; str += t[i] * r[i] }
    if (n < 2) continue
    slope = (n * str - st * sr) / (n * stt - st * st) * 60
    printf "%s: RSS slope %.2f MiB/min = %.2f %% of %.0f MiB per minute (%d samples)\n", pass == 0 ? "all samples" : "after the first minute", slope / 1024, slope / first * 100, first / 1024, n
  } }' "$WORK/samples"
