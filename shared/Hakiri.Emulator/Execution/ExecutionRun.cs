using Hakiri.Emulator.History;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Execution;

/// <summary>What every state of one execution shares.</summary>
internal sealed record ExecutionRun(ExecutionIdentity Identity, ITaskInvoker Tasks, TimeProvider Time, RandomSource Random, HistoryRecorder History);
