namespace Hakiri.Deploy.Azure.Arm;

/// <summary>Where the ARM client gets its bearer tokens (a seam: tests and other hosts may bring their own).</summary>
public interface IArmTokenSource
{
    /// <summary>A token for <c>https://management.azure.com/.default</c>, valid for at least a few minutes.</summary>
    ValueTask<string> TokenAsync(CancellationToken cancellationToken);
}
