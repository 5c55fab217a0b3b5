# Sourced by the emulator's load scripts: the repository root, a scratch folder, the host's Release build, the demo
# key, the Release build of both, the answers and wrk scripts both servers share, one wrk run, and a cleanup that stops every process a script registered in PIDS and removes the scratch folder on exit.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
HOST_DLL="${HOST_DLL:-$ROOT/mock-server/DashScope.Emulator.Host/bin/Release/net10.0/DashScope.Emulator.Host.dll}"
BENCH_DLL="$ROOT/bench/DashScope.Emulator.Benchmarks/bin/Release/net10.0/DashScope.Emulator.Benchmarks.dll"
KEY=sk-emulator-demo
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Builds the host and the benchmarks (whose stub mode is the baseline) in Release, unless SKIP_BUILD=1.
build_release() {
  [[ "${SKIP_BUILD:-}" == 1 ]] && return
  dotnet build "$ROOT/mock-server/DashScope.Emulator.Host" -c Release -v q -nologo >/dev/null
  dotnet build "$ROOT/bench/DashScope.Emulator.Benchmarks" -c Release -v q -nologo >/dev/null
}

require_wrk() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
}

wait_for() { # url: loops until any HTTP answer
  until curl -s -o /dev/null --max-time 1 "$1"; do sleep 0.01; done
}

# From the emulator at $1 (a base URL): BODY (a submit on its sample files), TASK_ID (a task forced to SUCCEEDED) and its
# real answers in WORK/submit.json and WORK/poll.json, which the stubs answer with.
record_answers() {
  BODY="{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"$1/__emulator/files/portrait.png\",\"audio_url\":\"$1/__emulator/files/speech.wav\"},\"parameters\":{\"template_id\":\"normal\",\"video_fps\":24}}"
  curl -s -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -H "X-DashScope-Async: enable" -d "$BODY" \
    "$1/api/v1/services/aigc/image2video/video-synthesis/" >"$WORK/submit.json"
  TASK_ID=$(sed -E 's/.*"task_id":"([^"]+)".*/\1/' "$WORK/submit.json")
  curl -s -X POST -H "Content-Type: application/json" -d '{"status":"SUCCEEDED"}' "$1/__emulator/tasks/$TASK_ID/force" >/dev/null
  curl -s -H "Authorization: Bearer $KEY" "$1/api/v1/tasks/$TASK_ID" >"$WORK/poll.json"
  grep -q SUCCEEDED "$WORK/poll.json" || { echo "could not make a SUCCEEDED task: $(cat "$WORK/poll.json")" >&2; exit 1; }
  cat >"$WORK/submit.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Authorization"] = "Bearer $KEY"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-DashScope-Async"] = "enable"
LUA
  echo "wrk.headers[\"Authorization\"] = \"Bearer $KEY\"" >"$WORK/poll.lua"
}

# One wrk run of a case (submit or poll) against the server on a port: prints "req/s p99-in-ms".
wrk_case() { # port case connections seconds
  local url="http://127.0.0.1:$1/api/v1/tasks/$TASK_ID"
  [[ $2 == submit ]] && url="http://127.0.0.1:$1/api/v1/services/aigc/image2video/video-synthesis/"
  wrk -t2 -c"$3" -d"$4"s --latency -s "$WORK/$2.lua" "$url" >"$WORK/wrk.out" 2>&1
  if grep -q "Non-2xx" "$WORK/wrk.out"; then echo "warning: port $1 $2 had non-2xx answers: $(grep Non-2xx "$WORK/wrk.out")" >&2; fi
  echo "$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out") $(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' "$WORK/wrk.out")"
}

