using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.States;

/// <summary>A state with Retry and Catch (Task, Parallel, Map) and the result fields those share.</summary>
internal interface IRecoverableState
{
    IReadOnlyList<Retrier> Retry { get; }

    IReadOnlyList<Catcher> Catch { get; }

    PayloadTemplate? ResultSelector { get; }

    JsonPath? ResultPath { get; }
}
