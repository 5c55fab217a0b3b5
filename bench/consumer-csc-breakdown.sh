#!/usr/bin/env bash
# Where the toolkit's share of a fresh consumer compile goes. Sets up the twin consumers of bench/consumer-build.sh
# (KEEP_WORK=1 JIT_TOO=1, one round), takes the csc command line of each from a build, and then runs csc itself, one
# fresh process per compile (`dotnet csc.dll /noconfig @rsp`, no compiler server, /reportanalyzer), alternating five
# variants every round:
#   without   the console app without the toolkit
#   refs      with the toolkit's references (runtime library, Microsoft.Extensions.*, their source generators), none of
#             its analyzers, and no file that uses the generated client
#   source    refs plus the generated client as ordinary source files (what the generator writes, taken from a run
#             with /generatedfilesout) and the file that uses it: the cost of compiling the generated code
#   jit       the real compile with the IL-only analyzers (analyzers/dotnet/cs)
#   r2r       the real compile with the package's ReadyToRun folder (what a linux-x64 .NET SDK gets)
#   before    (only when a second root is given) the real compile with that other toolkit, e.g. an older commit
# and prints per variant the mean wall time, the mean CPU time of the process (user + system, less sensitive to other
# work on the machine than wall time), and csc's attribution to SchemaClientGenerator and RequestConstantAnalyzer.
# Usage: bench/consumer-csc-breakdown.sh [rounds, default 6] [root of another toolkit to compare, optional]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-6}"
before="${2:-}"
log="$(mktemp)"
# This toolkit is always with-0 (and with-0-jit); another one, when given, with-1.
KEEP_WORK=1 JIT_TOO=1 "$here/bench/consumer-build.sh" 1 "$here" ${before:+"$before"} > /dev/null 2> "$log" || { cat "$log"; exit 1; }
work="$(sed -n 's/^kept //p' "$log")"
rm -f "$log"
trap 'rm -rf "$work"' EXIT
[ -d "$work/with-0-jit" ] || { echo "the toolkit at $here makes no ReadyToRun folder (not a linux-x64 SDK?)" >&2; exit 1; }
csc_dll="$(dirname "$(dotnet msbuild "$work/without/Consumer.csproj" -nologo -getProperty:RoslynTargetsPath)")/Roslyn/bincore/csc.dll"
csc_dll="$(cd "$(dirname "$csc_dll")" && pwd)/csc.dll"

# The csc arguments of each project, one a line, as CoreCompile hands them to the compiler.
cat > "$work/write-csc-args.targets" <<'TARGETS'
<Project>
  <Target Name="WriteCscArguments" AfterTargets="CoreCompile">
    <WriteLinesToFile File="$(MSBuildProjectDirectory)/csc.rsp" Lines="@(CscCommandLineArgs)" Overwrite="true" />
  </Target>
</Project>
TARGETS
labels=(without with-0 with-0-jit)
if [ -n "$before" ]; then labels+=(with-1); fi
for label in "${labels[@]}"; do
  (cd "$work/$label" && rm -rf bin obj/Debug && dotnet build --no-restore -nologo -v:q -p:ProvideCommandLineArgs=true \
    -p:CustomAfterMicrosoftCommonTargets="$work/write-csc-args.targets" > build.log) || { cat "$work/$label/build.log"; exit 1; }
  # Each variant writes its own outputs.
  grep -v -e '^/out:' -e '^/refout:' -e '^/noconfig$' "$work/$label/csc.rsp" > "$work/$label.rsp"
done
own='/package-0/(analyzers/dotnet/cs|buildTransitive/analyzers-r2r/linux-x64)/'
cp "$work/without.rsp" "$work/run-without.rsp"
cp "$work/with-0.rsp" "$work/run-r2r.rsp"
cp "$work/with-0-jit.rsp" "$work/run-jit.rsp"
grep -v -E "^/analyzer:.*$own" "$work/with-0.rsp" | grep -v 'UsesToolkit.cs$' > "$work/run-refs.rsp"
mkdir -p "$work/generated"
(cd "$work/with-0" && dotnet "$csc_dll" /noconfig @"$work/with-0.rsp" /out:"$work/generated/Consumer.dll" /generatedfilesout:"$work/generated" > /dev/null)
{ grep -v -E "^/analyzer:.*$own" "$work/with-0.rsp"; find "$work/generated" -name '*.g.cs' -path '*SchemaClientGenerator*'; } > "$work/run-source.rsp"

variants=(without refs source jit r2r)
declare -A dir=([without]=without [refs]=with-0 [source]=with-0 [jit]=with-0-jit [r2r]=with-0)
if [ -n "$before" ]; then variants+=(before); dir[before]=with-1; cp "$work/with-1.rsp" "$work/run-before.rsp"; fi
run() {
  local variant="$1" out="$work/out-$1" start ms output
  mkdir -p "$out"
  start=$(date +%s%N)
  output=$(cd "$work/${dir[$variant]}" && { /usr/bin/time -f 'cpu %U %S' dotnet "$csc_dll" /noconfig @"$work/run-$variant.rsp" \
    /out:"$out/Consumer.dll" /refout:"$out/ref.dll" /reportanalyzer; } 2>&1) || { echo "$output" | grep -E 'error' >&2; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "$variant $ms $(echo "$output" | awk '/^cpu /{printf "%.2f", $2 + $3}') \
$(echo "$output" | awk '/DashScope.Toolkit.Generator.SchemaClientGenerator/{print $1; exit}' | grep . || echo 0) \
$(echo "$output" | awk '/RequestConstantAnalyzer/{print $1; exit}' | grep . || echo 0)"
}
results="$work/results"
for round in $(seq 1 "$rounds"); do
  order=("${variants[@]}")
  if [ $((round % 2)) -eq 0 ]; then order=($(printf '%s\n' "${variants[@]}" | tac)); fi
  line="round $round:"
  for variant in "${order[@]}"; do
    result=$(run "$variant")
    echo "$result" >> "$results"
    line="$line $variant $(echo "$result" | awk '{printf "%d ms / cpu %s s", $2, $3}');"
  done
  echo "$line"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v order="${variants[*]}" '
  { n[$1]++; wall[$1] += $2; cpu[$1] += $3; gen[$1] += $4; ana[$1] += $5 }
  END {
    split(order, names, " ")
    printf "%-8s %9s %8s %10s %10s %14s\n", "variant", "wall ms", "cpu s", "generator", "analyzer", "cpu - without"
    for (i = 1; i in names; i++) { v = names[i]
      printf "%-8s %9d %8.2f %10.3f %10.3f %+14.2f\n", v, wall[v] / n[v], cpu[v] / n[v], gen[v] / n[v], ana[v] / n[v], cpu[v] / n[v] - cpu["without"] / n["without"] }
  }' "$results"
