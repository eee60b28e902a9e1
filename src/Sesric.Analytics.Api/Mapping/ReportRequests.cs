using System.Text.Json;

using Sesric.Analytics.Api.Errors;
using Sesric.Analytics.Model;
using Sesric.Analytics.Reporting;
using Sesric.Analytics.Reporting.Specs;
using Sesric.Analytics.Reporting.Theming;

using V1 = Sesric.Analytics.Contracts.V1;

namespace Sesric.Analytics.Api.Mapping;

/// <summary>Reads the report service's request fields into the reporting library's inputs, failing with INVALID_ARGUMENT that names the field.</summary>
public static class ReportRequests
{
    /// <summary>The language; unspecified is English.</summary>
    public static Language Language(V1.ReportLanguage language) => language switch
    {
        V1.ReportLanguage.Unspecified or V1.ReportLanguage.En => Model.Language.English,
        V1.ReportLanguage.Ar => Model.Language.Arabic,
        V1.ReportLanguage.Fr => Model.Language.French,
        _ => throw RpcErrors.InvalidArgument("language", $"must be REPORT_LANGUAGE_EN, REPORT_LANGUAGE_AR or REPORT_LANGUAGE_FR, was {(int)language}."),
    };

    /// <summary>A built-in theme by name; empty is <c>default</c>.</summary>
    public static Theme Theme(string name)
    {
        var theme = string.IsNullOrEmpty(name) ? "default" : name;
        if (!Reporting.Theming.Theme.BuiltInNames.Contains(theme))
        {
            throw RpcErrors.InvalidArgument("theme", $"'{name}' is not a built-in theme; use one of: {string.Join(", ", Reporting.Theming.Theme.BuiltInNames)}.");
        }
        return Reporting.Theming.Theme.BuiltIn(theme);
    }

    /// <summary>The visual spec in <paramref name="json"/>, validated against <paramref name="vocabulary"/>.</summary>
    public static Visual Visual(string json, ReportVocabulary vocabulary)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw RpcErrors.InvalidArgument("visual_json", "is required: a visual spec such as {\"id\":\"trend\",\"mark\":\"line\",\"measure\":\"participants\",\"category\":\"year\"}.");
        }
        Visual visual;
        try
        {
            visual = ReportJson.ReadVisual(json);
        }
        catch (JsonException e)
        {
            throw RpcErrors.InvalidArgument("visual_json", $"not valid JSON: {e.Message}");
        }
        catch (SpecException e)
        {
            throw Invalid(e.Problems);
        }
        var problems = ReportValidator.ValidateVisual(visual, "visual", vocabulary);
        return problems.Count > 0 ? throw Invalid(problems) : visual;
    }

    /// <summary>The report spec in <paramref name="json"/>.</summary>
    public static Report Report(string json)
    {
        try
        {
            return ReportJson.Read(json);
        }
        catch (SpecException e)
        {
            throw Invalid(e.Problems);
        }
    }

    /// <summary>INVALID_ARGUMENT with one field violation per spec problem, its path as the field.</summary>
    public static Grpc.Core.RpcException Invalid(IReadOnlyList<SpecProblem> problems) =>
        RpcErrors.InvalidArgument(
            string.Join("; ", problems.Select(p => p.ToString())),
            problems.Select(p => new RpcErrors.FieldProblem(p.Path, p.Message)),
            ErrorReasons.InvalidRequest);
}
