#!/usr/bin/env bash
# The request analyzer's share of a real compile: builds a throw-away project with 1,000 LivePortrait request
# initializers (the consumer of AnalyzerBenchmarks) against this repository's generator, several times, and prints
# for each build the Csc task's time and the time csc attributes to RequestConstantAnalyzer (-p:ReportAnalyzer=true).
# Usage: bench/analyzer-in-csc.sh [builds, default 3]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
builds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Fences: the repository's Directory.*.props must not apply to this project, which is outside it anyway.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
cat > "$work/AnalyzerCost.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/generator/DashScope.Toolkit/DashScope.Toolkit.csproj" />
    <ProjectReference Include="$root/generator/DashScope.Toolkit.Generator/DashScope.Toolkit.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <AdditionalFiles Include="$root/schema/liveportrait.schema.json" />
  </ItemGroup>
</Project>
PROJECT

{
  printf 'using DashScope.LivePortrait;\n\nnamespace Consumer;\n\npublic static class Requests\n{\n'
  for method in $(seq 0 99); do
    printf '    public static VideoSynthesisRequest[] Batch%d() =>\n    [\n' "$method"
    for i in $(seq $((method * 10)) $((method * 10 + 9))); do
      printf '        new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = "https://example.com/p%d.png", AudioUrl = "https://example.com/s%d.mp3" }, Parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm, VideoFps = %d, EyeMoveFreq = 0.%d, MouthMoveStrength = 1.2, PasteBack = false } },\n' "$i" "$i" $((25 + i % 6)) $((i % 10))
    done
    printf '    ];\n'
  done
  printf '}\n'
} > "$work/Requests.cs"

cd "$work"
dotnet build -nologo -v:q > /dev/null
for run in $(seq 1 "$builds"); do
  touch Requests.cs
  log="$work/build$run.log"
  dotnet build --no-restore -nologo -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log"
  csc_ms=$(grep -E '^ +[0-9]+ ms  Csc ' "$log" | awk '{print $1}')
  analyzer_s=$(grep -E 'RequestConstantAnalyzer \(' "$log" | awk '{print $1}')
  awk -v run="$run" -v csc="$csc_ms" -v an="$analyzer_s" 'BEGIN { printf "build %d: Csc %d ms, RequestConstantAnalyzer %.3f s, ratio %.3f\n", run, csc, an, an * 1000 / csc }'
done
