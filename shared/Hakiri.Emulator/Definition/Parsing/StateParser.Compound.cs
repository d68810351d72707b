using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Definition.Parsing;

/// <summary>Task, Parallel and Map: the states with Retry, Catch and a result.</summary>
internal static partial class StateParser
{
    private static readonly string[] Result = ["ResultSelector", "ResultPath", "Retry", "Catch"];

    private static TaskState Task(FieldReader reader)
    {
        reader.AllowOnly(
            Fields(Flow, Io, Result, ["Resource", "Parameters", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"]),
            "a Task state");
        var (next, end) = Transition(reader);
        var resource = reader.RequireString("Resource");
        if (resource.Length == 0)
        {
            throw reader.Error("'Resource' must not be empty.", "Resource");
        }

        reader.Exclusive("TimeoutSeconds", "TimeoutSecondsPath");
        reader.Exclusive("HeartbeatSeconds", "HeartbeatSecondsPath");
        var timeout = reader.OptionalInt("TimeoutSeconds", 1);
        var heartbeat = reader.OptionalInt("HeartbeatSeconds", 1);
        if (timeout is not null && heartbeat is not null && heartbeat >= timeout)
        {
            throw reader.Error($"HeartbeatSeconds ({heartbeat}) must be smaller than TimeoutSeconds ({timeout}).", "HeartbeatSeconds");
        }

        return new TaskState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), Next = next, IsEnd = end,
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
            Resource = resource, Parameters = Template(reader, "Parameters"), ResultSelector = Template(reader, "ResultSelector"),
            ResultPath = reader.DataPath("ResultPath", referenceOnly: true),
            TimeoutSeconds = timeout, TimeoutSecondsPath = DefinitePath(reader, "TimeoutSecondsPath"),
            HeartbeatSeconds = heartbeat, HeartbeatSecondsPath = DefinitePath(reader, "HeartbeatSecondsPath"),
            Retry = RecoveryParser.Retry(reader), Catch = RecoveryParser.Catch(reader),
        };
    }

    private static ParallelState Parallel(FieldReader reader)
    {
        reader.AllowOnly(Fields(Flow, Io, Result, ["Branches", "Parameters"]), "a Parallel state");
        var (next, end) = Transition(reader);
        var array = reader.RequireArray("Branches", nonEmpty: true);
        var branches = new List<StateScope>();
        for (var i = 0; i < array.Count; i++)
        {
            var branch = array[i] as JsonObject ?? throw reader.Error("Each branch must be an object with StartAt and States.", $"Branches[{i}]");
            var branchReader = reader.Child(branch, $"Branches[{i}]");
            branchReader.AllowOnly(["StartAt", "States", "Comment"], "a Parallel branch");
            branches.Add(DefinitionParser.Scope(branchReader));
        }

        return new ParallelState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), Next = next, IsEnd = end,
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
            Branches = branches, Parameters = Template(reader, "Parameters"), ResultSelector = Template(reader, "ResultSelector"),
            ResultPath = reader.DataPath("ResultPath", referenceOnly: true),
            Retry = RecoveryParser.Retry(reader), Catch = RecoveryParser.Catch(reader),
        };
    }

    private static MapState Map(FieldReader reader)
    {
        reader.AllowOnly(
            Fields(Flow, Io, Result, ["ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator", "MaxConcurrency", "MaxConcurrencyPath"]),
            "a Map state");
        var (next, end) = Transition(reader);
        reader.Exclusive("ItemProcessor", "Iterator");
        reader.Exclusive("ItemSelector", "Parameters");
        reader.Exclusive("MaxConcurrency", "MaxConcurrencyPath");
        var processorField = reader.Has("Iterator") ? "Iterator" : "ItemProcessor";
        var processor = reader.Child(reader.RequireObject(processorField), processorField);
        processor.AllowOnly(["StartAt", "States", "Comment", "ProcessorConfig"], $"a Map {processorField}");
        if (processor.OptionalObject("ProcessorConfig") is { } config)
        {
            var mode = processor.Child(config, "ProcessorConfig").OptionalString("Mode") ?? "INLINE";
            if (mode != "INLINE")
            {
                throw processor.Error($"Map mode '{mode}' is not supported by the emulator; only INLINE Map states run locally.", "ProcessorConfig.Mode");
            }
        }

        return new MapState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), Next = next, IsEnd = end,
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
            ItemsPath = reader.ValuePath("ItemsPath") ?? JsonPath.Root,
            ItemSelector = Template(reader, reader.Has("Parameters") ? "Parameters" : "ItemSelector"),
            Processor = DefinitionParser.Scope(processor),
            MaxConcurrency = reader.OptionalInt("MaxConcurrency", 0) ?? 0, MaxConcurrencyPath = DefinitePath(reader, "MaxConcurrencyPath"),
            ResultSelector = Template(reader, "ResultSelector"), ResultPath = reader.DataPath("ResultPath", referenceOnly: true),
            Retry = RecoveryParser.Retry(reader), Catch = RecoveryParser.Catch(reader),
        };
    }

    private static JsonPath? DefinitePath(FieldReader reader, string field)
    {
        var path = reader.ValuePath(field);
        return path is { IsDefinite: false }
            ? throw reader.Error($"'{field}' must be a Reference Path (names and indexes only), not '{path.Text}'.", field)
            : path;
    }
}
