#!/usr/bin/env bash
# The emulator host (Release) against a plain WireMock.Net stub answering the same paths with the emulator's own
# answers, over loopback with wrk, in one sitting: start-up to first answer, submit and poll throughput and latency
# at each concurrency (passes alternate stub/emulator, the order flipping every pass), and resident memory.
# Prints every figure and the emulator/stub ratios.
#
#   bench/emulator-vs-stub.sh [passes=2] [seconds=10] [connections="16 64"]
#
# Needs wrk (apt-get install -y wrk) and curl. Everything listens on 127.0.0.1; every process it starts is stopped
# on exit. EXTRA_HOST_ARGS adds options to the emulator host (e.g. "--max-finished-tasks-per-account 1000").
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
  dotnet "$HOST_DLL" --port "$1" --no-rate-limits ${EXTRA_HOST_ARGS:-} >"$WORK/emulator-$1.log" 2>&1 </dev/null &
}

start_stub() { # port
  dotnet "$BENCH_DLL" --serve-stub "$1" "$WORK/submit.json" "$WORK/poll.json" "$TASK_ID" >"$WORK/stub-$1.log" 2>&1 </dev/null &
}

wait_for() { # url: loops until any HTTP answer
  until curl -s -o /dev/null --max-time 1 "$1"; do sleep 0.005; done
}

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# --- the emulator's real answers become the stub's bodies ------------------------------------------------------
start_emulator "$EMULATOR_PORT"; EMULATOR_PID=$!; PIDS+=("$EMULATOR_PID")
wait_for "http://127.0.0.1:$EMULATOR_PORT/api/v1/tasks/none"
BASE="http://127.0.0.1:$EMULATOR_PORT"
BODY="{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"$BASE/__emulator/files/portrait.png\",\"audio_url\":\"$BASE/__emulator/files/speech.wav\"},\"parameters\":{\"template_id\":\"normal\",\"video_fps\":24}}"
SUBMIT_HEADERS=(-H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -H "X-DashScope-Async: enable")
curl -s "${SUBMIT_HEADERS[@]}" -d "$BODY" "$BASE/api/v1/services/aigc/image2video/video-synthesis/" >"$WORK/submit.json"
TASK_ID=$(sed -E 's/.*"task_id":"([^"]+)".*/\1/' "$WORK/submit.json")
curl -s -X POST -H "Content-Type: application/json" -d '{"status":"SUCCEEDED"}' "$BASE/__emulator/tasks/$TASK_ID/force" >/dev/null
curl -s -H "Authorization: Bearer $KEY" "$BASE/api/v1/tasks/$TASK_ID" >"$WORK/poll.json"
grep -q SUCCEEDED "$WORK/poll.json" || { echo "could not make a SUCCEEDED task: $(cat "$WORK/poll.json")" >&2; exit 1; }
start_stub "$STUB_PORT"; STUB_PID=$!; PIDS+=("$STUB_PID")
wait_for "http://127.0.0.1:$STUB_PORT/api/v1/tasks/$TASK_ID"

cat >"$WORK/submit.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Authorization"] = "Bearer $KEY"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-DashScope-Async"] = "enable"
LUA
cat >"$WORK/poll.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $KEY"
LUA

url_of() { # target case
  local port=$EMULATOR_PORT; [[ $1 == stub ]] && port=$STUB_PORT
  if [[ $2 == submit ]]; then echo "http://127.0.0.1:$port/api/v1/services/aigc/image2video/video-synthesis/"; else echo "http://127.0.0.1:$port/api/v1/tasks/$TASK_ID"; fi
}

run_wrk() { # target case connections seconds -> "rps p99ms"
  wrk -t2 -c"$3" -d"$4"s --latency -s "$WORK/$2.lua" "$(url_of "$1" "$2")" >"$WORK/wrk.out" 2>&1
  local rps p99
  rps=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' "$WORK/wrk.out")
  if grep -q "Non-2xx" "$WORK/wrk.out"; then echo "warning: $1 $2 had non-2xx answers: $(grep Non-2xx "$WORK/wrk.out")" >&2; fi
  echo "$rps $p99"
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
