# Sourced by the emulator's load scripts: the repository root, a scratch folder, the host's Release build, the demo
# key, the Release build of both, and a cleanup that stops every process a script registered in PIDS and removes the scratch folder on exit.
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
