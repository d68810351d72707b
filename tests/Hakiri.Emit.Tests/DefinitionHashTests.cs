using System.Security.Cryptography;
using System.Text;
using Hakiri.Emit.Asl;

namespace Hakiri.Emit.Tests;

/// <summary>The definition hash is computed without OpenSSL (start-up), and must stay the standard SHA-256.</summary>
public sealed class DefinitionHashTests
{
    [Fact]
    public void Hash_OfTheEmptyText_IsTheKnownDigest() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PipelineStateMachine.Hash(string.Empty));

    [Fact]
    public void Hash_OfAbc_IsFips180sExample() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PipelineStateMachine.Hash("abc"));

    [Fact]
    public void Hash_AtEveryLengthAroundTheBlockBoundaries_MatchesThePlatformsSha256()
    {
        // 55/56 and 63/64 bytes are where the padding needs one block or two; non-ASCII text makes bytes ≠ characters.
        for (var length = 0; length <= 300; length++)
        {
            var text = string.Concat(Enumerable.Range(0, length).Select(i => i % 7 == 6 ? 'é' : (char)('a' + (i % 26))));
            Assert.Equal(Expected(text), PipelineStateMachine.Hash(text));
        }
    }

    [Fact]
    public void Hash_OfARealDefinition_MatchesThePlatformsSha256()
    {
        var definition = PipelineStateMachine.Write(PipelineStateMachine.Build(Hakiri.Emit.Tests.Manifest.Load.Quickstart()));

        Assert.Equal(Expected(definition), PipelineStateMachine.Hash(definition));
    }

    private static string Expected(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
