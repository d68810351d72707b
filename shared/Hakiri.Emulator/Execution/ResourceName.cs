namespace Hakiri.Emulator.Execution;

/// <summary>How history describes a Task's resource, as Step Functions does.</summary>
internal readonly record struct ResourceName(bool IsLambdaFunction, string? ResourceType, string Resource)
{
    private const string ServicePrefix = "arn:aws:states:::";

    /// <summary>
    /// <c>arn:aws:lambda:…:function:…</c> is a Lambda function (LambdaFunction* events);
    /// <c>arn:aws:states:::lambda:invoke</c> is resource type <c>lambda</c>, resource <c>invoke</c> (Task* events);
    /// anything else (activities, template placeholders) is kept whole.
    /// </summary>
    public static ResourceName Of(string resource)
    {
        if (resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) && resource.Contains(":function:", StringComparison.Ordinal))
        {
            return new ResourceName(true, null, resource);
        }

        if (resource.StartsWith(ServicePrefix, StringComparison.Ordinal))
        {
            var rest = resource[ServicePrefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return new ResourceName(false, rest[..colon], rest[(colon + 1)..]);
            }
        }

        return new ResourceName(false, null, resource);
    }
}
