#!/usr/bin/env bash
# Where the toolkit's share of a fresh consumer compile goes. Sets up the twin consumers of bench/consumer-build.sh
# (KEEP_WORK=1 ALSO_GENERATED=1, one round), takes the csc command line of each from a build, and then runs csc
# itself, one fresh process per compile (`dotnet csc.dll /noconfig @rsp`, no compiler server, /reportanalyzer),
# alternating the variants every round:
#   without    the console app without the toolkit
#   refs       with the toolkit's references (runtime library, Microsoft.Extensions.*, their source generators), none
#              of its analyzers, no precompiled client and no file that uses the client
#   source     refs plus the generated client as ordinary source files (what the generator writes, taken from a run
#              with /generatedfilesout) and the file that uses it: the cost of compiling the generated code
#   generated  the real compile with the client generated into the project (DashScopeGenerateLivePortraitClient=true)
#   real       the real compile as the package sets it up by default: the precompiled client referenced, the
#              analyzers reading the shipped schema for the compile-time checks
#   before     (only when a second root is given) the real compile with that other toolkit, e.g. an older commit
# and prints per variant the mean wall time, the mean CPU time of the process (user + system, less sensitive to other
# work on the machine than wall time), and csc's attribution to SchemaClientGenerator and RequestConstantAnalyzer.
# Usage: bench/consumer-csc-breakdown.sh [rounds, default 6] [root of another toolkit to compare, optional]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-6}"
before="${2:-}"
log="$(mktemp)"
# This toolkit is always with-0; another one, when given, with-1.
KEEP_WORK=1 ALSO_GENERATED=1 "$here/bench/consumer-build.sh" 1 "$here" ${before:+"$before"} > /dev/null 2> "$log" || { cat "$log"; exit 1; }
work="$(sed -n 's/^kept //p' "$log")"
rm -f "$log"
trap 'rm -rf "$work"' EXIT
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
labels=(without with-0 with-0-generated)
if [ -n "$before" ]; then labels+=(with-1); fi
for label in "${labels[@]}"; do
  (cd "$work/$label" && rm -rf bin obj/Debug && dotnet build --no-restore -nologo -v:q -p:ProvideCommandLineArgs=true \
    -p:CustomAfterMicrosoftCommonTargets="$work/write-csc-args.targets" > build.log) || { cat "$work/$label/build.log"; exit 1; }
  # Each variant writes its own outputs.
  grep -v -e '^/out:' -e '^/refout:' -e '^/noconfig$' "$work/$label/csc.rsp" > "$work/$label.rsp"
done
# The toolkit's own analyzers (generator, description library and what they load, code fixes) as restored from its
# package, not the Microsoft.Extensions source generators that come with its references.
own='/dashscope.toolkit/[^/]+/analyzers/dotnet/cs/'
cp "$work/without.rsp" "$work/run-without.rsp"
cp "$work/with-0.rsp" "$work/run-real.rsp"
cp "$work/with-0-generated.rsp" "$work/run-generated.rsp"
# The generated twin's compile has no reference to the precompiled client (the package's targets leave it out).
grep -v -E "^/analyzer:.*$own" "$work/with-0-generated.rsp" | grep -v 'UsesToolkit.cs$' > "$work/run-refs.rsp"
mkdir -p "$work/generated"
(cd "$work/with-0-generated" && dotnet "$csc_dll" /noconfig @"$work/with-0-generated.rsp" /out:"$work/generated/Consumer.dll" /generatedfilesout:"$work/generated" > /dev/null)
{ grep -v -E "^/analyzer:.*$own" "$work/with-0-generated.rsp"; find "$work/generated" -name '*.g.cs' -path '*SchemaClientGenerator*'; } > "$work/run-source.rsp"

variants=(without refs source generated real)
declare -A dir=([without]=without [refs]=with-0-generated [source]=with-0-generated [generated]=with-0-generated [real]=with-0)
if [ -n "$before" ]; then variants+=(before); dir[before]=with-1; cp "$work/with-1.rsp" "$work/run-before.rsp"; fi
run() {
  local variant="$1" out="$work/out-$1" start ms output
  mkdir -p "$out"
  start=$(date +%s%N)
  output=$(cd "$work/${dir[$variant]}" && { /usr/bin/time -f 'cpu %U %S' dotnet "$csc_dll" /noconfig @"$work/run-$variant.rsp" \
    /out:"$out/Consumer.dll" /refout:"$out/ref.dll" /reportanalyzer; } 2>&1) || { echo "$output" | grep -E 'error' >&2; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # The first figure csc gives each analyzer, or 0. awk reads all its input: leaving early would let the echo feeding
  # it die of SIGPIPE, which pipefail turns into a failure.
  echo "$variant $ms $(echo "$output" | awk '/^cpu /{printf "%.2f", $2 + $3}') \
$(echo "$output" | awk '/DashScope.Toolkit.Generator.SchemaClientGenerator/ && !found {print $1; found = 1} END {if (!found) print 0}') \
$(echo "$output" | awk '/RequestConstantAnalyzer/ && !found {print $1; found = 1} END {if (!found) print 0}')"
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
