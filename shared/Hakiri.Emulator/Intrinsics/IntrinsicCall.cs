using System.Text.Json.Nodes;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Intrinsics;

/// <summary>An argument of an intrinsic function call.</summary>
internal abstract record IntrinsicArgument;

/// <summary>
/// A literal: a number, <c>true</c>, <c>false</c>, <c>null</c> or a quoted string. For strings, <paramref name="Raw"/>
/// keeps the escapes, because States.Format must tell an escaped <c>\{\}</c> from a placeholder.
/// </summary>
internal sealed record LiteralArgument(JsonNode? Value, string? Raw) : IntrinsicArgument;

/// <summary>A path into the state's data (<c>$</c>) or the context object (<c>$$</c>).</summary>
internal sealed record PathArgument(JsonPath Path) : IntrinsicArgument;

/// <summary>A call such as <c>States.Format('{}', $.name)</c>; as an argument, a nested call.</summary>
internal sealed record IntrinsicCall(string Name, IReadOnlyList<IntrinsicArgument> Arguments) : IntrinsicArgument;
