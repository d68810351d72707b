using System.Text.Json;

namespace Hakiri.Deploy.Azure.Arm;

/// <summary>
/// Follows an ARM long-running operation to its end: the <c>Azure-AsyncOperation</c> URL (a status body: InProgress,
/// Running, Accepted … Succeeded, Failed, Canceled) when the first answer has one, else the <c>Location</c> URL (202
/// while running). Waits what <c>Retry-After</c> says, else <see cref="DefaultInterval"/>.
/// </summary>
internal static class ArmOperation
{
    /// <summary>The poll interval when ARM names none.</summary>
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until the operation <paramref name="started"/> began is done; throws <see cref="ArmException"/> when it
    /// failed. <paramref name="onPoll"/> runs after every poll that found it still running. Returns the final
    /// Location answer's body (what-if results arrive that way), or null.
    /// </summary>
    public static async Task<string?> WaitAsync(
        ArmClient client, HttpResponseMessage started, string operation, Func<CancellationToken, Task>? onPoll, CancellationToken cancellationToken)
    {
        var asyncOperation = started.Headers.TryGetValues("Azure-AsyncOperation", out var values) ? values.FirstOrDefault() : null;
        var location = started.Headers.Location?.ToString();
        if (asyncOperation is null && (location is null || (int)started.StatusCode != 202))
        {
            return null;
        }

        var wait = ArmClient.RetryAfter(started) ?? DefaultInterval;
        while (true)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            using var poll = await client.SendAsync(HttpMethod.Get, new Uri(asyncOperation ?? location!), null, operation, cancellationToken).ConfigureAwait(false);
            wait = ArmClient.RetryAfter(poll) ?? DefaultInterval;
            if (asyncOperation is not null)
            {
                var status = await ArmClient.ReadAsync(poll, ArmJsonContext.Default.AsyncOperationStatus, cancellationToken).ConfigureAwait(false);
                switch (status.Status)
                {
                    case "Succeeded":
                        return null;
                    case "Failed" or "Canceled":
                        throw new ArmException(200, status.Error ?? new ArmError(status.Status, $"the operation ended {status.Status}"), operation);
                }
            }
            else if ((int)poll.StatusCode != 202)
            {
                return await poll.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            if (onPoll is not null)
            {
                await onPoll(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether a JSON body is empty or whitespace.</summary>
    public static bool IsEmpty(string? body) => string.IsNullOrWhiteSpace(body) || body.Trim() is "{}" or "null";

    /// <summary>Parses a body read by <see cref="WaitAsync"/>.</summary>
    public static T? Parse<T>(string? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        IsEmpty(body) ? default : JsonSerializer.Deserialize(body!, type);
}
