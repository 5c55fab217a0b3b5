using DashScope.Emulator.Host;

// Exit codes: see ExitCodes (0 stopped, 1 could not start, 2 bad options or settings).
return await EmulatorHost.RunProgramAsync(args);
