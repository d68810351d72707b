using Hakiri.Testing;

namespace Hakiri.Manifest.Tests;

/// <summary>Random mutations of valid manifests must give diagnostics, never an exception.</summary>
public sealed class ManifestFuzzTests
{
    private const int MutationsPerSeed = 1500;

    public static TheoryData<string, int> Seeds => new()
    {
        { "samples/quickstart/hakiri.toml", 1 },
        { "samples/quickstart/hakiri.toml", 2 },
        { "templates/init/hakiri.toml", 3 },
        { "templates/connector/connector.toml", 4 },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Load_RandomByteMutations_NeverThrow(string relativePath, int seed)
    {
        var original = File.ReadAllBytes(RepoPaths.Of(relativePath.Split('/')));
        var isConnector = relativePath.EndsWith("connector.toml", StringComparison.Ordinal);
        var random = new Random(seed);
        using var dir = new TempDirectory();
        var path = dir.Combine(Path.GetFileName(relativePath));
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutated = Mutate(original, random);
            File.WriteAllBytes(path, mutated);
            try
            {
                var diagnostics = isConnector ? ManifestLoader.LoadConnector(path).Diagnostics : ManifestLoader.LoadProject(path).Diagnostics;
                Assert.All(diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed}, mutation {i} threw {e.GetType().Name}: {e.Message}\n{System.Text.Encoding.UTF8.GetString(mutated)}");
            }
        }
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        var edits = random.Next(1, 6);
        ReadOnlySpan<byte> interesting = "[]{}\"'=.,#\n\r\\ \t0xZ:-_*?"u8;
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    var chunk = bytes.GetRange(at, length);
                    bytes.InsertRange(random.Next(bytes.Count), chunk);
                    break;
            }
        }

        return [.. bytes];
    }
}
