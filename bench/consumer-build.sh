#!/usr/bin/env bash
# What the toolkit adds to a consumer's clean build in a fresh compiler. Two twin console apps outside the repository,
# the same code (a small program of about 60 lines); "with" also references the toolkit the way its package does:
# the runtime library, the generator with everything it loads and the code fixes as analyzers (laid out in a folder shaped
# like the package: analyzers/dotnet/cs, and the ReadyToRun copy in buildTransitive/analyzers-r2r/linux-x64 when the
# toolkit makes one), the package's build props and targets, the LivePortrait schema as a DashScopeSchema item, and one
# file that uses the generated client. Each build: `dotnet build-server shutdown`, delete bin/ and obj/ outputs (restore is kept),
# `dotnet build --no-restore`; builds alternate with/without (and between toolkit versions when several are given), and
# the ratio is the mean of the "with" builds over the mean of the "without" builds of the same run, for the whole
# `dotnet build` (wall clock) and for its Csc task alone (MSBuild's performance summary).
# KEEP_WORK=1 keeps the projects (the path is printed). JIT_TOO=1 adds, for each toolkit with a ReadyToRun folder, the
# same consumer with DashScopeReadyToRunAnalyzers=false (the IL-only analyzers). Usage: bench/consumer-build.sh [rounds, default 5] [repository root ...]   (default root: this repository)
#   e.g. bench/consumer-build.sh 6 /path/to/old-checkout .     compares two versions of the toolkit in one run
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
shift || true
roots=("$@")
if [ ${#roots[@]} -eq 0 ]; then roots=("$here"); fi
work="$(mktemp -d)"
trap '[ -n "${KEEP_WORK:-}" ] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
versions="$here/Directory.Packages.props"
version_of() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$versions"; }

echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"

write_program() {
  mkdir -p "$1"
  cat > "$1/Program.cs" <<'CS'
namespace Consumer;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var jobs = new List<Job>();
        foreach (var (arg, index) in args.Select((a, i) => (a, i)))
        {
            jobs.Add(new Job(index, arg, Greeting.For(arg)));
        }
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Task.Delay(1, cancellation.Token);
        var longest = jobs.OrderByDescending(j => j.Name.Length).FirstOrDefault();
        Console.WriteLine(longest?.Message ?? "no input");
        var report = new Report(jobs);
        Console.WriteLine(report.Summary());
        return jobs.Count(j => j.Name.StartsWith("-", StringComparison.Ordinal));
    }
}

public sealed record Job(int Index, string Name, string Message);

internal static class Greeting
{
    public static string For(string name) =>
        string.IsNullOrWhiteSpace(name) ? "Hello, nobody" : $"Hello, {name}";
}

internal sealed class Report(IReadOnlyList<Job> jobs)
{
    public string Summary()
    {
        var groups = jobs.GroupBy(j => j.Name.Length).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        return string.Join(", ", groups);
    }

    public IEnumerable<Job> Flags() => jobs.Where(j => j.Name.StartsWith("-", StringComparison.Ordinal));

    public Dictionary<string, int> Lengths() => jobs.ToDictionary(j => j.Name, j => j.Name.Length);
}
CS
}

# Lays out what the package holds for the compiler in "$2" (a folder shaped like the package): the analyzer files
# (what GetGeneratorPackFiles and GetCodeFixPackFiles hand the pack) in analyzers/dotnet/cs, the ReadyToRun copy of that
# folder in buildTransitive/analyzers-r2r/linux-x64 where the root makes one (ReadyToRunGeneratorFiles), and the build files.
pack_files() {
  local project="$1" target="$2"
  dotnet msbuild "$project" -nologo -p:Configuration=Release -t:"$target" -getTargetResult:"$target" 2>/dev/null \
    | grep -o '"FullPath": *"[^"]*"' | sed 's/"FullPath": *"\(.*\)"/\1/'
}
lay_out_package() {
  local root="$1" pkg="$2" generator="$1/generator/DashScope.Toolkit.Generator/DashScope.Toolkit.Generator.csproj"
  local codefixes="$1/generator/DashScope.Toolkit.CodeFixes/DashScope.Toolkit.CodeFixes.csproj"
  mkdir -p "$pkg/analyzers/dotnet/cs" "$pkg/buildTransitive"
  cp $(pack_files "$generator" GetGeneratorPackFiles) $(pack_files "$codefixes" GetCodeFixPackFiles) "$pkg/analyzers/dotnet/cs/"
  cp "$root/generator/DashScope.Toolkit/build/DashScope.Toolkit.props" "$root/generator/DashScope.Toolkit/build/DashScope.Toolkit.targets" "$pkg/buildTransitive/"
  if grep -q 'Name="ReadyToRunGeneratorFiles"' "$generator"; then
    local r2r="$pkg/buildTransitive/analyzers-r2r/linux-x64"
    mkdir -p "$r2r"
    cp $(pack_files "$generator" ReadyToRunGeneratorFiles) $(pack_files "$codefixes" GetCodeFixPackFiles) "$r2r/"
  fi
}

write_without() {
  write_program "$1"
  cat > "$1/Consumer.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
</Project>
PROJECT
}

write_with() {
  local dir="$1" root="$2" pkg="$3" extra="${4:-}"
  write_program "$dir"
  cat > "$dir/UsesToolkit.cs" <<'CS'
using DashScope.LivePortrait;

namespace Consumer;

internal static class Portraits
{
    public static async Task<string> Render(HttpClient http, string image, string audio, CancellationToken cancellationToken)
    {
        var client = new LivePortraitClient(http);
        var request = new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = image, AudioUrl = audio } };
        var task = await client.GenerateAsync(request, cancellationToken: cancellationToken);
        return task.Output.Results?.VideoUrl ?? string.Empty;
    }
}
CS
  cat > "$dir/Consumer.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <DashScopeIncludeLivePortraitSchema>false</DashScopeIncludeLivePortraitSchema>$extra
  </PropertyGroup>
  <Import Project="$pkg/buildTransitive/DashScope.Toolkit.props" />
  <ItemGroup>
    <Reference Include="$root/generator/DashScope.Toolkit/bin/Release/net8.0/DashScope.Toolkit.dll" />
    <PackageReference Include="Microsoft.Extensions.Http" Version="$(version_of Microsoft.Extensions.Http)" />
    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="$(version_of Microsoft.Extensions.Logging.Abstractions)" />
    <PackageReference Include="Microsoft.Extensions.Options" Version="$(version_of Microsoft.Extensions.Options)" />
    <PackageReference Include="Microsoft.Extensions.Configuration.Abstractions" Version="$(version_of Microsoft.Extensions.Configuration.Abstractions)" />
    <DashScopeSchema Include="$root/schema/liveportrait.schema.json" />
$(for file in "$pkg"/analyzers/dotnet/cs/*.dll; do echo "    <Analyzer Include=\"$file\" />"; done)
  </ItemGroup>
  <Import Project="$pkg/buildTransitive/DashScope.Toolkit.targets" />
</Project>
PROJECT
}

labels=("without")
write_without "$work/without"
for i in "${!roots[@]}"; do
  root="$(cd "${roots[$i]}" && pwd)"
  echo "building the toolkit at $root (Release) ..." >&2
  dotnet build "$root/generator/DashScope.Toolkit/DashScope.Toolkit.csproj" -c Release -nologo -v:q > /dev/null
  label="with-$i"
  lay_out_package "$root" "$work/package-$i"
  write_with "$work/$label" "$root" "$work/package-$i"
  labels+=("$label")
  echo "$label: $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))" >&2
  if [ -n "${JIT_TOO:-}" ] && [ -d "$work/package-$i/buildTransitive/analyzers-r2r" ]; then
    # The same package with its ReadyToRun folder turned off: the IL-only analyzers, as on every other platform.
    write_with "$work/$label-jit" "$root" "$work/package-$i" "
    <DashScopeReadyToRunAnalyzers>false</DashScopeReadyToRunAnalyzers>"
    labels+=("$label-jit")
    echo "$label-jit: the same with DashScopeReadyToRunAnalyzers=false" >&2
  fi
done

for label in "${labels[@]}"; do
  (cd "$work/$label" && dotnet restore -nologo -v:q > "$work/$label/warm-up.log" && dotnet build --no-restore -nologo -v:q >> "$work/$label/warm-up.log") \
    || { cat "$work/$label/warm-up.log"; exit 1; }
done

declare -A total csc_total
for label in "${labels[@]}"; do total[$label]=0; csc_total[$label]=0; done
for round in $(seq 1 "$rounds"); do
  # Flip the order every round so neither side always runs right after the other.
  order=("${labels[@]}")
  if [ $((round % 2)) -eq 0 ]; then order=($(printf '%s\n' "${labels[@]}" | tac)); fi
  line="round $round:"
  for label in "${order[@]}"; do
    dir="$work/$label"
    dotnet build-server shutdown > /dev/null 2>&1 || true
    rm -rf "$dir/bin" "$dir/obj/Debug"
    start=$(date +%s%N)
    (cd "$dir" && dotnet build --no-restore -nologo -v:q -clp:PerformanceSummary > "$dir/build.log") || { cat "$dir/build.log"; exit 1; }
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    csc=$(grep -E '^ +[0-9]+ ms  Csc ' "$dir/build.log" | awk '{print $1}')
    total[$label]=$(( ${total[$label]} + ms ))
    csc_total[$label]=$(( ${csc_total[$label]} + csc ))
    line="$line $label ${ms} ms (Csc ${csc} ms)"
  done
  echo "$line"
done

without_mean=$(( ${total[without]} / rounds ))
without_csc=$(( ${csc_total[without]} / rounds ))
echo "mean without: build $without_mean ms, Csc task $without_csc ms"
for label in "${labels[@]:1}"; do
  mean=$(( ${total[$label]} / rounds ))
  csc=$(( ${csc_total[$label]} / rounds ))
  awk -v l="$label" -v m="$mean" -v b="$without_mean" -v c="$csc" -v bc="$without_csc" \
    'BEGIN { printf "mean %s: build %d ms, ratio to without %.3f; Csc task %d ms, ratio to without %.3f\n", l, m, m / b, c, c / bc }'
done
