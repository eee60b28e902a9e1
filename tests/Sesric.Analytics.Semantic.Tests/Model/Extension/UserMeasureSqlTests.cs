using Sesric.Analytics.Semantic.Tests.Support;

using static Sesric.Analytics.Semantic.Tests.Model.Extension.ModelFiles;

namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>The exact SQL of a user measure: the count's own fixed aggregate, restricted by the dimension's fixed SQL and a parameter.</summary>
public sealed class UserMeasureSqlTests
{
    private static readonly SemanticModel Model = SemanticModel.Default.With(ModelExtension.Parse(WithMeasures(
        Expression("completed_participations", "participations[attendance = \"completed\" and programme = \"diplomacy-cab\"]"))));

    private static readonly QueryEngine Engine = new(new CannedStore(), Model);

    [Fact]
    public void A_restricted_participation_count_compiles_to_a_conditional_count_and_key_with_parameters()
    {
        var statement = Engine.Compile(SemanticQuery.Of("completed_participations").By("year").Where("gender = \"female\""));

        Assert.Equal(["female", "completed", "diplomacy-cab"], statement.Parameters);
        Assert.Contains("SUM(CASE WHEN f.attendance = $2 AND f.programme_id = $3 THEN 1 ELSE 0 END) AS pl_n1", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("CAST(COALESCE(SUM(f.pl_n1), 0) AS BIGINT) AS \"r_", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("CAST((COALESCE(SUM(f.pl_kn1), 0)) & 16777215 AS BIGINT) AS \"r_", statement.Sql, StringComparison.Ordinal);
        Assert.Contains("WHERE f.is_counted AND (f.gender = $1)", statement.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void An_injection_attempt_in_a_restriction_is_refused_at_load_as_an_invalid_value()
    {
        var e = Assert.Throws<ModelFileException>(() => SemanticModel.Default.With(ModelExtension.Parse(WithMeasures(
            Expression("x", "participants[programme = \"x'); DROP TABLE participation; --\"]")))));

        Assert.StartsWith("measures[0].expression: \"x'); DROP TABLE participation; --\" is not a valid programme", e.Message, StringComparison.Ordinal);
        Assert.Equal(25, e.Position);
    }
}
