using DashScope.Toolkit.OpenApi.Cli;

return await ExportCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
