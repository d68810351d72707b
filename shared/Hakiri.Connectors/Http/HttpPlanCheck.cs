using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Http;

/// <summary>Settings the engine cannot run without, checked before the first request.</summary>
internal static class HttpPlanCheck
{
    /// <summary>Throws a <see cref="ConnectorErrorKind.Permanent"/> sentence naming the missing setting.</summary>
    public static void Validate(HttpReadPlan plan)
    {
        if (!Uri.TryCreate(plan.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            Fail(plan, $"base_url and path make '{plan.Url}', which is not an http(s) URL; set base_url to the API root, e.g. https://api.example.com/v2");
        }

        var pagination = plan.Pagination;
        switch (pagination.Kind)
        {
            case HttpPaginationKind.NextUrl or HttpPaginationKind.Cursor when string.IsNullOrEmpty(pagination.Field):
                Fail(plan, $"{ManifestNames.Of(pagination.Kind)} pagination needs field (the dotted path in the body to the next {(pagination.Kind == HttpPaginationKind.Cursor ? "cursor" : "URL")}); set it in [source.pagination]");
                break;
            case HttpPaginationKind.Cursor or HttpPaginationKind.Offset or HttpPaginationKind.Page when string.IsNullOrEmpty(pagination.Param):
                Fail(plan, $"{ManifestNames.Of(pagination.Kind)} pagination needs param (the query parameter to send); set it in [source.pagination]");
                break;
        }
    }

    private static void Fail(HttpReadPlan plan, string what) =>
        throw new ConnectorException(ConnectorErrorKind.Permanent, $"{plan.Pipeline}: {what}.");
}
