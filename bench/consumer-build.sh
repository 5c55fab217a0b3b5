#!/usr/bin/env bash
# What the toolkit adds to a consumer's clean build in a fresh compiler. Two twin console apps outside the repository,
# the same code (a small program of about 60 lines); "with" also references the toolkit as a user does, with one
# PackageReference to DashScope.Toolkit packed from the given checkout into a folder feed of this run, and has one file
# that uses the LivePortrait client (the package's default: the client precompiled from the shipped schema, which the
# analyzers still read for the compile-time checks). ALSO_GENERATED=1 adds a third twin with the first toolkit and
# DashScopeGenerateLivePortraitClient=true (the client generated into the project, as every build did before).
# Each build: `dotnet build-server shutdown`, delete bin/ and obj/ outputs (restore is kept), `dotnet build
# --no-restore`; builds alternate between the twins, and the ratio is the mean of a twin's builds over the mean of the
# "without" builds of the same run, for the whole `dotnet build` (wall clock) and for its Csc task alone (MSBuild's
# performance summary).
# KEEP_WORK=1 keeps the projects (the path is printed; bench/consumer-csc-breakdown.sh uses them).
# Usage: bench/consumer-build.sh [rounds, default 5] [repository root ...]   (default root: this repository)
#   e.g. bench/consumer-build.sh 6 /path/to/old-checkout .     compares two versions of the toolkit in one run
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
shift || true
roots=("$@")
if [ ${#roots[@]} -eq 0 ]; then roots=("$here"); fi
work="$(mktemp -d)"
trap '[ -n "${KEEP_WORK:-}" ] && echo "kept $work" >&2 || rm -rf "$work"' EXIT

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

# Packs the toolkit at "$1" the way it ships (DashScope.Toolkit.csproj's pack: the runtime and the precompiled
# LivePortrait client in lib/, the generator, the analyzer and what they load in analyzers/dotnet/cs, the build props,
# targets and the schema in buildTransitive) into the folder feed "$2", as version "$3".
pack_toolkit() {
  local root="$1" feed="$2" version="$3"
  dotnet pack "$root/generator/DashScope.Toolkit/DashScope.Toolkit.csproj" -c Release -o "$feed" -p:Version="$version" \
    -nologo -v:q > "$feed.log" 2>&1 || { cat "$feed.log"; exit 1; }
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
  local dir="$1" version="$2" generate="$3"
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
    <DashScopeGenerateLivePortraitClient>$generate</DashScopeGenerateLivePortraitClient>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="DashScope.Toolkit" Version="$version" />
  </ItemGroup>
</Project>
PROJECT
}

# The package feeds come first; the machine's configured sources stay for the dependencies, and its package cache is a
# read-only fallback, so a restore downloads nothing the machine has. Restored packages go to a folder of this run.
cat > "$work/NuGet.config" <<CONFIG
<configuration>
  <packageSources>
$(for i in "${!roots[@]}"; do echo "    <add key=\"toolkit-$i\" value=\"$work/feed-$i\" />"; done)
  </packageSources>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <fallbackPackageFolders><add key="machine" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" /></fallbackPackageFolders>
</configuration>
CONFIG

labels=("without")
write_without "$work/without"
for i in "${!roots[@]}"; do
  root="$(cd "${roots[$i]}" && pwd)"
  # A version no cache can hold, different for every toolkit of the run.
  version="0.0.1-bench.$$.$i"
  echo "packing the toolkit at $root as $version ..." >&2
  mkdir -p "$work/feed-$i"
  pack_toolkit "$root" "$work/feed-$i" "$version"
  label="with-$i"
  write_with "$work/$label" "$version" false
  labels+=("$label")
  echo "$label: $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))" >&2
  # The first toolkit once more with the client generated into the project from the shipped schema, as
  # DashScopeGenerateLivePortraitClient=true asks (the only way there was before the precompiled client).
  if [ "$i" -eq 0 ] && [ -n "${ALSO_GENERATED:-}" ]; then
    write_with "$work/$label-generated" "$version" true
    labels+=("$label-generated")
    echo "$label-generated: the same, the client generated into the project" >&2
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
