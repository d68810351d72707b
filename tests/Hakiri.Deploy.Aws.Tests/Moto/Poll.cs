namespace Hakiri.Deploy.Aws.Tests.Moto;

/// <summary>Asks until an answer satisfies a condition (moto settles at once; real AWS takes minutes).</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}; last answer: {answer}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }
}
