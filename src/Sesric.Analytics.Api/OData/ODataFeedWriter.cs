using System.Globalization;
using System.Text;

using Microsoft.OData;
using Microsoft.OData.Edm;

using Sesric.Analytics.Querying;

namespace Sesric.Analytics.Api.OData;

/// <summary>
/// Writes the feed's responses with ODataLib: the service document, <c>$metadata</c> (CSDL XML), a page of rows (JSON,
/// minimal metadata, with <c>@odata.count</c> and <c>@odata.nextLink</c>) and errors in the OData error format.
/// </summary>
public static class ODataFeedWriter
{
    private const string Json = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false";

    /// <summary>The service document: the entity sets.</summary>
    public static BufferedODataMessage ServiceDocument(ODataFeedModel feed, Uri serviceRoot)
    {
        var message = new BufferedODataMessage();
        using var writer = new ODataMessageWriter(message, Settings(serviceRoot, Json), feed.Edm);
        writer.WriteServiceDocument(feed.Edm.GenerateServiceDocument());
        return message;
    }

    /// <summary>The metadata document.</summary>
    public static BufferedODataMessage Metadata(ODataFeedModel feed, Uri serviceRoot)
    {
        var message = new BufferedODataMessage();
        using var writer = new ODataMessageWriter(message, Settings(serviceRoot, "application/xml"), feed.Edm);
        writer.WriteMetadataDocument();
        return message;
    }

    /// <summary>One page of rows.</summary>
    /// <param name="feed">The feed's model.</param>
    /// <param name="entitySet">The entity set the rows belong to.</param>
    /// <param name="page">The page.</param>
    /// <param name="nextLink">The next page's URL, or null on the last page.</param>
    /// <param name="pageSizeApplied">The page size, when the client asked for one with <c>Prefer: odata.maxpagesize</c>.</param>
    public static BufferedODataMessage Page(ODataFeedModel feed, IEdmEntitySet entitySet, ODataFeedPage page, Uri? nextLink, int? pageSizeApplied)
    {
        var message = new BufferedODataMessage();
        if (pageSizeApplied is { } applied)
        {
            message.SetHeader("Preference-Applied", "odata.maxpagesize=" + applied.ToString(CultureInfo.InvariantCulture));
        }
        var settings = Settings(page.Request.Uri.ServiceRoot, Json);
        settings.ODataUri = page.Request.Uri;
        using var writer = new ODataMessageWriter(message, settings, feed.Edm);
        var rows = writer.CreateODataResourceSetWriter(entitySet, feed.CellType);
        var set = new ODataResourceSet { NextPageLink = nextLink };
        if (page.Request.Count)
        {
            set.Count = page.Table.Metadata.TotalRows;
        }
        rows.WriteStart(set);
        var table = page.Table;
        var dimensions = table.Columns.Where(c => c.Role == ColumnRole.Dimension).Select(c => table.IndexOf(c.Name)).ToArray();
        var columns = page.Request.Columns.Select(c => (c.Name, Index: table.IndexOf(c.Source), Kind: Kind(feed, c.Source))).ToArray();
        foreach (var cells in table.Rows)
        {
            var properties = new List<ODataPropertyInfo>(columns.Length + 2)
            {
                new ODataProperty { Name = ODataFeedModel.KeyProperty, Value = Key(table, dimensions, cells) },
            };
            List<string>? withheld = null;
            foreach (var (name, index, kind) in columns)
            {
                var cell = cells[index];
                var property = new ODataProperty { Name = name, Value = Value(cell, kind) };
                if (cell.Status != CellStatus.Ok)
                {
                    property.InstanceAnnotations.Add(new ODataInstanceAnnotation(
                        ODataFeedModel.StatusAnnotation, new ODataPrimitiveValue(cell.Status.ToString().ToLowerInvariant())));
                    if (cell.Status == CellStatus.Suppressed)
                    {
                        (withheld ??= []).Add(name);
                    }
                }
                properties.Add(property);
            }
            properties.Add(new ODataProperty { Name = ODataFeedModel.WithheldProperty, Value = withheld is null ? null : string.Join(",", withheld) });
            rows.WriteStart(new ODataResource { Properties = properties });
            rows.WriteEnd();
        }
        rows.WriteEnd();
        return message;
    }

    /// <summary>An error in the OData JSON error format.</summary>
    public static BufferedODataMessage Error(Uri serviceRoot, int status, string code, string target, string text)
    {
        var message = new BufferedODataMessage { StatusCode = status };
        using var writer = new ODataMessageWriter(message, Settings(serviceRoot, Json));
        writer.WriteError(new ODataError { Code = code, Target = target, Message = text }, includeDebugInformation: false);
        return message;
    }

    private static ODataMessageWriterSettings Settings(Uri serviceRoot, string contentType)
    {
        var settings = new ODataMessageWriterSettings
        {
            Version = ODataVersion.V4,
            BaseUri = serviceRoot,
            ODataUri = new ODataUri { ServiceRoot = serviceRoot },
            EnableMessageStreamDisposal = false,
            // The status of a null measure is always written, whatever odata.include-annotations the client prefers.
            ShouldIncludeAnnotation = name => name.StartsWith(ODataFeedModel.Namespace + ".", StringComparison.Ordinal),
        };
        settings.SetContentType(contentType, "utf-8");
        return settings;
    }

    /// <summary>The EDM kind of result column <paramref name="source"/> (an <c>$apply</c> alias is written with its measure's type).</summary>
    private static EdmPrimitiveTypeKind Kind(ODataFeedModel feed, string source) =>
        feed.FindMember(source)?.Type.PrimitiveKind() ?? EdmPrimitiveTypeKind.String;

    private static object? Value(ResultCell cell, EdmPrimitiveTypeKind kind) => cell.Status != CellStatus.Ok ? null : (kind, cell.Value) switch
    {
        (_, null) => null,
        (EdmPrimitiveTypeKind.Int32, var v) => Convert.ToInt32(v, CultureInfo.InvariantCulture),
        (EdmPrimitiveTypeKind.Int64, var v) => Convert.ToInt64(v, CultureInfo.InvariantCulture),
        (EdmPrimitiveTypeKind.Double, var v) => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        (EdmPrimitiveTypeKind.Date, DateOnly d) => d,
        (_, var v) => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    /// <summary>The row's grouping as <c>name=value</c> pairs; <c>all</c> for a row with no grouping.</summary>
    private static string Key(ResultTable table, int[] dimensions, IReadOnlyList<ResultCell> cells)
    {
        if (dimensions.Length == 0)
        {
            return "all";
        }
        var key = new StringBuilder();
        foreach (var index in dimensions)
        {
            if (key.Length > 0)
            {
                key.Append(';');
            }
            key.Append(table.Columns[index].Name).Append('=').Append(cells[index].Value switch
            {
                null => "null",
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture),
            });
        }
        return key.ToString();
    }
}
