using Hakiri.Functions.Aws.Runtime;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => cancellation.Cancel();
return await LambdaBootstrap.RunAsync(EnvironmentSettings.FromProcess(), cancellation.Token).ConfigureAwait(false);
