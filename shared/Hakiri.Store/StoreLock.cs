namespace Hakiri.Store;

/// <summary>
/// An exclusive lock on a local store for the length of a run. The operating system releases it when the process
/// dies, however it dies, so a killed run never leaves the store locked.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private readonly FileStream _stream;

    private StoreLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> for another run to finish.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for the whole wait.</exception>
    public static async Task<StoreLock> AcquireAsync(StoreLayout layout, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Directory.CreateDirectory(layout.Root);
        var path = Path.Combine(layout.Root, "lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another hakiri process is using the store at {layout.Root}; wait for it to finish, then run again.", e);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
