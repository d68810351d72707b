using Hakiri.Cli;

return await HakiriApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
