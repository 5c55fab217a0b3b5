# Sourced by the emulator's load scripts: the repository root, a scratch folder, the host's Release build, the demo
# key, and a cleanup that stops every process a script registered in PIDS and removes the scratch folder on exit.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
HOST_DLL="${HOST_DLL:-$ROOT/mock-server/DashScope.Emulator.Host/bin/Release/net10.0/DashScope.Emulator.Host.dll}"
KEY=sk-emulator-demo
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

require_wrk() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
}
