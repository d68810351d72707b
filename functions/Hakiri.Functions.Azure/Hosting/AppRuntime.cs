namespace Hakiri.Functions.Azure.Hosting;

/// <summary>The worker's one instance of the settings and the store, opened on first use (so a bad setting fails the call that needs it, with its sentence).</summary>
internal sealed class AppRuntime(AppSettings settings)
{
    private readonly Lazy<AppStore> _store = new(() => AppStore.Open(settings));

    public AppSettings Settings => settings;

    public AppStore Store => _store.Value;

    public static AppRuntime FromEnvironment() =>
        new(AppSettings.FromEnvironment(Environment.GetEnvironmentVariable, AppContext.BaseDirectory));
}
