using System.Text.Json;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests.Fidelity;

/// <summary>The catalog names every switch with its default and sources, the admin path answers it, and the presets flip what they say.</summary>
public sealed class FidelityCatalogTests(FidelityCatalogTests.Fixture fixture) : IClassFixture<FidelityCatalogTests.Fixture>
{
    private static readonly string[] Switches =
    [
        "UnknownModel", "MissingAsyncHeader", "MalformedMediaUrl", "MediaProblem", "PageSizeOverMaximum", "PageBeyondLast",
        "Timing", "StoredUrlWithoutResolve", "UploadCapacityExceeded",
    ];

    [Fact]
    public void The_catalog_lists_every_switch_of_EmulatorFidelity_with_its_default_first()
    {
        var properties = typeof(EmulatorFidelity).GetProperties()
            .Where(p => p.PropertyType.IsEnum)
            .ToDictionary(p => p.Name, p => p.GetValue(EmulatorFidelity.Default)!.ToString());

        Assert.Equal(Switches, FidelityCatalog.Switches.Select(s => s.Name));
        Assert.Equal(properties.Keys.Order(), Switches.Order());
        foreach (var entry in FidelityCatalog.Switches)
        {
            Assert.Equal(properties[entry.Name], entry.Default);
            Assert.Equal(entry.Default, entry.Current);
            Assert.Equal(entry.Default, entry.Choices[0].Name);
            Assert.NotEmpty(entry.Alternatives);
            Assert.False(string.IsNullOrWhiteSpace(entry.Rationale));
            Assert.All(entry.Choices, c => Assert.False(string.IsNullOrWhiteSpace(c.Answer)));
        }
    }

    [Theory]
    [InlineData("UnknownModel", "InvalidParameter400", FidelitySource.Schema)]
    [InlineData("MissingAsyncHeader", "AccessDenied403", FidelitySource.Schema)]
    [InlineData("MalformedMediaUrl", "RefuseSubmit400", FidelitySource.Schema)]
    [InlineData("MediaProblem", "FailedTask", FidelitySource.ReferenceExample)]
    [InlineData("PageSizeOverMaximum", "Refuse400", FidelitySource.Schema)]
    [InlineData("PageBeyondLast", "EmptyPage", FidelitySource.EmulatorDecision)]
    [InlineData("Timing", "Fixed", FidelitySource.EmulatorDecision)]
    [InlineData("StoredUrlWithoutResolve", "DataInspection400", FidelitySource.Schema)]
    [InlineData("UploadCapacityExceeded", "Forbidden403", FidelitySource.Schema)]
    public void Each_default_names_its_source(string name, string defaultChoice, FidelitySource source)
    {
        var entry = FidelityCatalog.Switches.Single(s => s.Name == name);
        Assert.Equal((defaultChoice, source), (entry.Default, entry.Source));
    }

    [Fact]
    public void The_default_fidelity_is_what_new_options_carry_and_UnknownModel_is_one_of_its_switches()
    {
        var options = new EmulatorOptions();
        Assert.Equal(EmulatorFidelity.Default, options.Fidelity);

        options.UnknownModel = UnknownModelBehavior.ModelNotFound404;
        Assert.Equal(UnknownModelBehavior.ModelNotFound404, options.Fidelity.UnknownModel);
        Assert.Equal(EmulatorFidelity.Default with { UnknownModel = UnknownModelBehavior.ModelNotFound404 }, options.Fidelity);
    }

    [Fact]
    public void The_reference_example_preset_flips_exactly_the_switches_with_a_reference_choice()
    {
        var preset = EmulatorFidelity.Preset("Reference-Example");

        Assert.Same(EmulatorFidelity.ReferenceExample, preset);
        Assert.Equal(
            EmulatorFidelity.Default with
            {
                MissingAsyncHeader = MissingAsyncHeaderAnswer.InvalidParameter400,
                MalformedMediaUrl = MalformedMediaUrlAnswer.FailedTask,
                StoredUrlWithoutResolve = StoredUrlWithoutResolveAnswer.InvalidParameterError400,
            },
            preset);
        Assert.Same(EmulatorFidelity.Default, EmulatorFidelity.Preset("default"));
    }

    [Fact]
    public void Unknown_presets_switches_and_choices_are_refused_naming_what_is_allowed()
    {
        Assert.Contains("default, reference-example", Assert.Throws<ArgumentException>(() => EmulatorFidelity.Preset("strict")).Message);
        Assert.Contains("MissingAsyncHeader", Assert.Throws<ArgumentException>(() => EmulatorFidelity.Default.With("Nope", "x")).Message);
        Assert.Contains("Refuse400, ClampToMaximum", Assert.Throws<ArgumentException>(() => EmulatorFidelity.Default.With("PageSizeOverMaximum", "Clamp")).Message);
        Assert.Equal(PageBeyondLast.LastPage, EmulatorFidelity.Default.With("pagebeyondlast", "lastpage").PageBeyondLast);
    }

    [Fact]
    public async Task The_admin_path_answers_the_catalog_with_the_running_choices()
    {
        using var client = new HttpClient { BaseAddress = fixture.Emulator.Url };
        using var response = await client.GetAsync(new Uri("/__emulator/fidelity", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var switches = json.RootElement.GetProperty("switches").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(Switches, switches.Keys);
        Assert.Equal("AccessDenied403", switches["MissingAsyncHeader"].GetProperty("default").GetString());
        Assert.Equal("InvalidParameter400", switches["MissingAsyncHeader"].GetProperty("current").GetString());
        Assert.Equal("Schema", switches["MissingAsyncHeader"].GetProperty("source").GetString());
        Assert.Equal(["InvalidParameter400"], switches["MissingAsyncHeader"].GetProperty("alternatives").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("ReferenceExample", switches["MissingAsyncHeader"].GetProperty("choices")[1].GetProperty("source").GetString());
        Assert.Equal("Spread", switches["Timing"].GetProperty("current").GetString());
        Assert.Equal(99, json.RootElement.GetProperty("timingSeed").GetInt32());
        Assert.Equal(["default", "reference-example"], json.RootElement.GetProperty("presets").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(fixture.Emulator.Fidelity, EmulatorFidelity.ReferenceExample with { Timing = TimingProfile.Spread, TimingSeed = 99 });
    }

    /// <summary>The reference-example preset with the spread timing, so the admin answer shows current choices that are not defaults.</summary>
    public sealed class Fixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) =>
            options.Fidelity = EmulatorFidelity.Preset(EmulatorFidelity.ReferenceExamplePresetName) with { Timing = TimingProfile.Spread, TimingSeed = 99 };
    }
}
