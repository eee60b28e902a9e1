using static Sesric.Analytics.Semantic.Tests.Model.Extension.ModelFiles;

namespace Sesric.Analytics.Semantic.Tests.Model.Extension;

/// <summary>Every way a model file can be wrong fails at load, naming the path of the problem (and the position in an expression).</summary>
public sealed class ModelFileErrorTests
{
    private static ModelFileException Load(string json) =>
        Assert.Throws<ModelFileException>(() => SemanticModel.Default.With(ModelExtension.Parse(json)));

    [Fact]
    public void A_misspelt_measure_names_its_path_and_position_and_suggests_the_name()
    {
        var e = Load(WithMeasures(
            Expression("a", "participants"), Expression("b", "participants"), Expression("c", "participants"),
            Expression("completion_rate", "participants[attendance = \"completed\"] / particpants")));

        Assert.Equal("measures[3].expression: unknown measure 'particpants' at position 41; did you mean 'participants'?", e.Message);
        Assert.Equal("measures[3].expression", e.Path);
        Assert.Equal(41, e.Position);
    }

    [Theory]
    [InlineData("participants[atendance = \"completed\"]", "unknown dimension 'atendance' at position 13; did you mean 'attendance'?")]
    [InlineData("participants[attendance = \"finished\"]", "\"finished\" is not a valid attendance; use \"attended\" or \"completed\" (at position 26)")]
    [InlineData("participants[gender = 2]", "gender takes quoted text (\"female\", \"male\" or \"unknown\"), not 2 (at position 22)")]
    [InlineData("participants[year = 2020]", "'year' at position 13 is a time dimension, which cannot restrict a measure (year-over-year measures shift it); filter the query by year instead")]
    [InlineData("participants[gender = \"female\" and gender = \"male\"]", "'gender' at position 35 is restricted twice; a record has one gender")]
    [InlineData("coverage[gender = \"female\"]", "'coverage' at position 0 cannot be restricted: [dimension = value] keeps the records that match, which only the counts participants and participations are made of")]
    [InlineData("participants + published_participants", "the definition mixes registry measures with published totals (at position 15); a measure reads one source, so use registry measures or published ones only")]
    [InlineData("yoy_pct(participants)", "'yoy_pct(…)' at position 0: time-intelligence forms are not part of a definition; define the measure, then query yoy_pct(<your measure>)")]
    [InlineData("participants; DROP TABLE participant", "expected an operator (+ - * /) or the end at position 12, found ';'")]
    [InlineData("(participants / editions", "expected ')' to close the '(' at position 0, found the end at position 24")]
    [InlineData("participants /", "the expression ends too early at position 14; a measure or a number is missing")]
    [InlineData("participants[gender = \"female\"", "expected 'and' or ']' at position 30 to close the restriction opened at position 12")]
    [InlineData("year * 2", "unknown measure 'year' at position 0; 'year' is a dimension: restrict a count by it, such as participants[year = …]")]
    public void A_bad_expression_names_the_problem_and_where(string expression, string problem)
    {
        var e = Load(WithMeasures(Expression("x", expression)));

        Assert.Equal("measures[0].expression: " + problem, e.Message);
    }

    [Fact]
    public void A_duplicate_name_names_both_measures()
    {
        var e = Load(WithMeasures(Expression("x", "participants"), Expression("y", "participants"), Expression("x", "editions")));

        Assert.Equal("measures[2].name: 'x' is already defined by measures[0]; give each measure its own name", e.Message);
    }

    [Theory]
    [InlineData("participants", "'participants' is a built-in measure and cannot be redefined; choose another name, such as my_participants")]
    [InlineData("gender", "'gender' is a dimension; a measure needs a name of its own")]
    [InlineData("yoy_pct", "'yoy_pct' is a time-intelligence function; choose another name")]
    [InlineData("Completion", "'Completion' is not a valid name; use lower-case letters, digits and underscores, starting with a letter (at most 64), such as completion_rate")]
    public void A_name_that_shadows_or_is_malformed_is_refused(string name, string problem)
    {
        var e = Load(WithMeasures(Expression(name, "participants")));

        Assert.Equal("measures[0].name: " + problem, e.Message);
    }

    [Fact]
    public void A_cycle_is_refused_with_its_path()
    {
        var e = Load(WithMeasures(Expression("a", "b + 1"), Expression("b", "participants - c"), Expression("c", "a * 2")));

        Assert.Equal("measures[2].expression: 'a' at position 0 makes a cycle (a -> b -> c -> a); a measure cannot be defined through itself", e.Message);
    }

    [Theory]
    [InlineData("participants / editions", "integer", "measures[0].format: \"integer\" needs a whole-number definition, but this one can have a fraction (it divides, or uses a decimal number or a ratio such as coverage); use \"decimal\" or \"percent\"")]
    [InlineData("participants - participations", "percent", "measures[0].format: \"percent\" needs a fraction, but this definition is a whole-number count; use \"integer\", or divide it by another measure")]
    [InlineData("2 * 3", null, "measures[0].expression: the definition refers to no measure; a measure is computed from measures, such as participants[attendance = \"completed\"] / participants")]
    public void A_type_error_is_refused(string expression, string? format, string message)
    {
        Assert.Equal(message, Load(WithMeasures(Expression("x", expression, format))).Message);
    }

    [Fact]
    public void A_share_whose_part_is_not_a_restriction_of_its_whole_is_refused()
    {
        var e = Load(WithMeasures("""{ "name": "x", "kind": "share", "part": "participants[gender = \"female\"]", "whole": "participations" }"""));

        Assert.StartsWith("measures[0].part: a share's part must be its whole restricted further", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "the file must be a JSON object such as { \"measures\": [ … ] }, not an array")]
    [InlineData("{ \"measures\": [ { \"name\": \"x\" } ] }", "measures[0].kind: missing")]
    [InlineData("{ \"measures\": [ { \"name\": \"x\", \"kind\": \"median\" } ] }", "measures[0].kind: unknown kind 'median'; kinds: expression, ratio, share, difference, sum")]
    [InlineData("{ \"measures\": [ { \"name\": \"x\", \"kind\": \"expression\", \"expresion\": \"participants\" } ] }", "measures[0].expresion: unknown property 'expresion'; did you mean 'expression'? (allowed here: name, kind, label, description, format, expression)")]
    [InlineData("{ \"measures\": [ { \"name\": \"x\", \"kind\": \"sum\", \"of\": [\"participants\"] } ] }", "measures[0].of: a sum needs an array of at least two expressions, such as [\"participants[gender = \\\"female\\\"]\", \"participants[gender = \\\"male\\\"]\"]")]
    [InlineData("{ \"measures\": [ { \"name\": \"x\", \"kind\": \"expression\", \"expression\": \"participants\", \"label\": { \"fr\": \"X\" } } ] }", "measures[0].label.en: missing")]
    [InlineData("{ \"measures\": [ { \"name\": \"x\", \"kind\": \"expression\", \"expression\": \"participants\", \"format\": \"money\" } ] }", "measures[0].format: unknown format 'money'; formats: integer, decimal, percent")]
    [InlineData("{ \"measures\": [ ", "not valid JSON at line 1, byte 17")]
    public void A_malformed_file_names_the_path(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<ModelFileException>(() => ModelExtension.Parse(json)).Message);
    }

    [Fact]
    public void A_file_error_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, WithMeasures(Expression("x", "particpants")));
        try
        {
            var e = Assert.Throws<ModelFileException>(() => SemanticModelFile.Load(path));

            Assert.Equal($"model file '{path}': measures[0].expression: unknown measure 'particpants' at position 0; did you mean 'participants'?", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
