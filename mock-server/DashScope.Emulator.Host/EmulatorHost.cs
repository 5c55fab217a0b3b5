using System.CommandLine;
using DashScope.Emulator.Host.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DashScope.Emulator.Host;

/// <summary>
/// Runs the emulator as a program: reads the command line, the environment and the settings file, then runs the
/// emulator in a Generic Host until it is stopped. Returns one of <see cref="ExitCodes"/>; never throws for a bad
/// setting or a failed start, so the user sees a message rather than a stack trace.
/// </summary>
public static class EmulatorHost
{
    /// <summary>Runs inside another program until <paramref name="stop"/> is cancelled; hooks no signals.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to print, problems included.</param>
    /// <param name="stop">Cancelled to stop.</param>
    /// <param name="started">Called with the running emulator once it listens (tests use it).</param>
    /// <param name="environment">The environment variables to read; null for the process's own.</param>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        CancellationToken stop,
        Action<LivePortraitEmulator>? started = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(args, output, output, environment ?? SettingsSources.ProcessEnvironment(), started, adjustOptions: null, handleSignals: false, stop);

    /// <summary>
    /// As <see cref="RunAsync(IReadOnlyList{string}, TextWriter, CancellationToken, Action{LivePortraitEmulator}?, IReadOnlyDictionary{string, string}?)"/>,
    /// with <paramref name="adjustOptions"/> applied to the emulator's options just before it starts (tests reach the
    /// emulator's internal seams through it).
    /// </summary>
    internal static Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        CancellationToken stop,
        Action<LivePortraitEmulator>? started,
        IReadOnlyDictionary<string, string> environment,
        Action<EmulatorOptions> adjustOptions) =>
        RunAsync(args, output, output, environment, started, adjustOptions, handleSignals: false, stop);

    /// <summary>Reads the settings the host would run with, without starting anything.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The environment variables.</param>
    public static SettingsReadResult ReadSettings(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var command = new EmulatorCommand((_, _) => Task.FromResult(ExitCodes.Stopped));
        var parse = command.Root.Parse([.. args]);
        return parse.Errors.Count > 0
            ? new SettingsReadResult(null, [.. parse.Errors.Select(e => e.Message)])
            : ReadSettings(command, parse, environment);
    }

    /// <summary>The program's entry: the console, the process's environment, and Ctrl+C, SIGTERM and SIGQUIT stop it.</summary>
    internal static Task<int> RunProgramAsync(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, SettingsSources.ProcessEnvironment(), started: null, adjustOptions: null, handleSignals: true, CancellationToken.None);

    private static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string> environment,
        Action<LivePortraitEmulator>? started,
        Action<EmulatorOptions>? adjustOptions,
        bool handleSignals,
        CancellationToken stop)
    {
        var console = new HostConsole(output, error);
        EmulatorCommand? command = null;
        command = new EmulatorCommand(async (parse, cancellationToken) =>
        {
            var read = ReadSettings(command!, parse, environment);
            if (read.Settings is null)
            {
                foreach (var problem in read.Problems)
                {
                    console.Problem(problem);
                }

                return ExitCodes.BadSettings;
            }

            return await RunHostAsync(read.Settings, console, started, adjustOptions, handleSignals, cancellationToken).ConfigureAwait(false);
        }, async (parse, cancellationToken) =>
        {
            var read = ReadSettings(command!, parse, environment);
            if (read.Settings is null)
            {
                foreach (var problem in read.Problems)
                {
                    console.Problem(problem);
                }

                return ExitCodes.BadSettings;
            }

            return await DriftRunner.RunAsync(command!.Drift, parse, read.Settings, console, environment, cancellationToken).ConfigureAwait(false);
        });
        var parse = command.Root.Parse([.. args]);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                console.Problem(problem.Message);
            }

            console.Problem("Run with --help to see every option.");
            return ExitCodes.BadSettings;
        }

        // ProcessTerminationTimeout null: the Generic Host's console lifetime owns Ctrl+C and SIGTERM, so that a
        // signal stops the host cleanly (exit 0) instead of the command-line library's own exit code.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(invocation, stop).ConfigureAwait(false);
    }

    private static SettingsReadResult ReadSettings(EmulatorCommand command, ParseResult parse, IReadOnlyDictionary<string, string> environment)
    {
        var layers = new List<SettingsLayer>();
        string? file = null;
        if (command.SettingsFile(parse, environment) is { } path)
        {
            try
            {
                var layer = SettingsSources.FromFile(path);
                file = Path.GetFullPath(path);
                layers.Add(layer);
            }
            catch (SettingsException e)
            {
                return new SettingsReadResult(null, [e.Message]);
            }
        }

        layers.Add(SettingsSources.FromEnvironment(environment));
        layers.Add(command.CommandLineLayer(parse));
        return SettingsReader.Read(layers, file);
    }

    private static async Task<int> RunHostAsync(
        HostSettings settings,
        HostConsole console,
        Action<LivePortraitEmulator>? started,
        Action<EmulatorOptions>? adjustOptions,
        bool handleSignals,
        CancellationToken stop)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHostedService(services => new EmulatorService(settings, console, started, adjustOptions));
        if (handleSignals)
        {
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        }
        else
        {
            builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        }

        using var host = builder.Build();
        try
        {
            await host.StartAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Stopped;
        }
        catch (Exception e)
        {
            // Any failure to start is the user's environment (port, address, schema), reported in one message.
            console.Problem("Cannot start: " + StartFailure.Describe(e));
            if (StartFailure.IsAboutTheAddress(e))
            {
                console.Problem("--host takes a loopback IP address or 'localhost'; any other address also needs --allow-remote.");
            }

            return ExitCodes.StartFailed;
        }

        await host.WaitForShutdownAsync(stop).ConfigureAwait(false);
        return ExitCodes.Stopped;
    }
}
