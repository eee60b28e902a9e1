using Sesric.Analytics.Semantic;
using Sesric.Analytics.Storage;

namespace Sesric.Analytics.Cli.Tests.Architecture;

/// <summary>The semantic engine depends on the store's roles, not the whole store (<see cref="StoreRoleRules"/>).</summary>
public sealed class StoreRoleTests
{
    [Fact]
    public void The_semantic_library_depends_on_store_roles_not_on_the_whole_store()
    {
        var violations = StoreRoleRules.CompositeStoreUses(typeof(QueryEngine).Assembly);

        Assert.True(violations.Count == 0, "the semantic library takes a whole store where a role would do:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_query_engine_takes_the_statement_runner_role()
    {
        // Without this, an engine that stopped taking a store at all (or took it through another type) would pass the rule.
        var constructors = typeof(QueryEngine).GetConstructors();

        Assert.NotEmpty(constructors);
        Assert.All(constructors, c => Assert.Equal(typeof(IStatementRunner), c.GetParameters()[0].ParameterType));
    }

    [Fact]
    public void The_rule_sees_a_whole_store_in_a_constructor_a_field_a_generic_argument_and_a_private_method()
    {
        var violations = StoreRoleRules.CompositeStoreUses(typeof(StoreRoleTests).Assembly);

        Assert.Contains(violations, v => v.EndsWith("WholeStoreUser..ctor uses IAnalyticsStore", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("WholeStoreUser._reader uses IStoreReader", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("WholeStoreUser.Later uses IStoreWriter", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("WholeStoreUser.Write uses IStoreWriter", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("RoleUser", StringComparison.Ordinal));
    }

    /// <summary>Takes whole stores in every way the rule must see, for the rule's own test.</summary>
    private sealed class WholeStoreUser(IAnalyticsStore store)
    {
        private readonly IStoreReader _reader = store;

        public Func<IStoreWriter>? Later { get; set; }

        public IStoreReader Reader => _reader;

        private static Task Write(IStoreWriter writer) => writer.UpsertProgrammesAsync([]);

        public Task WriteNow() => Write(store);
    }

    /// <summary>Takes roles only: the rule must not report it.</summary>
    private sealed class RoleUser(IStatementRunner runner, ICatalogueReader catalogue)
    {
        public IStatementRunner Runner => runner;

        public ICatalogueReader Catalogue => catalogue;
    }
}
