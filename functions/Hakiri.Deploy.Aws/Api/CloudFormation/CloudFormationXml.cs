using System.Xml.Linq;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>Reads CloudFormation's response elements (API 2010-05-15) into records.</summary>
internal static class CloudFormationXml
{
    public static StackDescription Stack(XElement member) => new(
        member.Required("StackId"),
        member.Required("StackName"),
        member.Required("StackStatus"),
        member.Text("StackStatusReason"),
        member.Text("Description"),
        member.Time("CreationTime"),
        member.Time("LastUpdatedTime"),
        [.. member.Members("Outputs").Select(o => new StackOutput(o.Required("OutputKey"), o.Required("OutputValue"), o.Text("Description"), o.Text("ExportName")))],
        [.. member.Members("Parameters").Select(p => new StackParameter(p.Required("ParameterKey"), p.Text("ParameterValue")))],
        [.. member.Members("Tags").Select(t => new StackTag(t.Required("Key"), t.Required("Value")))]);

    public static ChangeSetDescription ChangeSet(XElement result, IReadOnlyList<ResourceChange> changes) => new(
        result.Required("ChangeSetId"),
        result.Required("ChangeSetName"),
        result.Required("StackId"),
        result.Required("StackName"),
        result.Required("Status"),
        result.Required("ExecutionStatus"),
        result.Text("StatusReason"),
        result.Text("Description"),
        result.Time("CreationTime"),
        changes);

    /// <summary>The resource changes of one DescribeChangeSet page (<c>Changes/member/ResourceChange</c>).</summary>
    public static IEnumerable<ResourceChange> Changes(XElement result) =>
        result.Members("Changes")
            .Select(member => member.Child("ResourceChange"))
            .OfType<XElement>()
            .Select(change => new ResourceChange(
                change.Required("Action"),
                change.Required("LogicalResourceId"),
                change.Text("PhysicalResourceId"),
                change.Required("ResourceType"),
                change.Text("Replacement"),
                [.. change.Members("Scope").Select(s => s.Value)]));

    public static StackEvent Event(XElement member) => new(
        member.Required("EventId"),
        member.Required("StackName"),
        member.Required("LogicalResourceId"),
        member.Text("PhysicalResourceId"),
        member.Required("ResourceType"),
        member.Time("Timestamp") ?? DateTimeOffset.MinValue,
        member.Required("ResourceStatus"),
        member.Text("ResourceStatusReason"));

    public static StackResourceSummary Resource(XElement member) => new(
        member.Required("LogicalResourceId"),
        member.Text("PhysicalResourceId"),
        member.Required("ResourceType"),
        member.Required("ResourceStatus"),
        member.Text("ResourceStatusReason"),
        member.Time("LastUpdatedTimestamp"));
}
