using System.Text.Json.Nodes;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Execution;

/// <summary>What paths and intrinsic functions read from: the current data (<c>$</c>) and the context object (<c>$$</c>).</summary>
internal sealed record DataScope(JsonNode? Input, ContextObject Context, RandomSource Random)
{
    /// <summary>Reads a path against the data or the context object; a copy of the value.</summary>
    public bool TryRead(JsonPath path, out JsonNode? value) =>
        PathEvaluator.TryEvaluate(path.IsContext ? Context.Json : Input, path, out value);

    /// <summary>The same scope over other data.</summary>
    public DataScope With(JsonNode? input) => this with { Input = input };
}
