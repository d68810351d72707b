namespace Hakiri.Emulator.Execution;

/// <summary>One execution's random numbers (jitter, States.MathRandom, States.UUID), shared safely across branches.</summary>
internal sealed class RandomSource(Random random)
{
    private readonly Lock _lock = new();

    public double NextDouble()
    {
        lock (_lock)
        {
            return random.NextDouble();
        }
    }

    public int Next(int minInclusive, int maxExclusive)
    {
        lock (_lock)
        {
            return random.Next(minInclusive, maxExclusive);
        }
    }

    /// <summary>A version 4 UUID drawn from this source, so a seeded execution names things reproducibly.</summary>
    public Guid NextUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_lock)
        {
            random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
