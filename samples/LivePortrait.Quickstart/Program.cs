using LivePortrait.Quickstart;

// Runs the whole LivePortrait journey; with no API key it runs against an emulator started in-process.
return await QuickstartCommand.RunAsync(args, Console.Out, Console.Error);
