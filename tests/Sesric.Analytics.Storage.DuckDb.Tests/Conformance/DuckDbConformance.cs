using Sesric.Analytics.StoreConformance;

namespace Sesric.Analytics.Storage.DuckDb.Tests.Conformance;

/// <summary>The store conformance suite on DuckDB (the same tests run on PostgreSQL in Sesric.Analytics.Storage.Postgres.Tests).</summary>
public sealed class DuckDbSchemaConformance : SchemaConformance
{
    protected override IStoreFactory Factory => DuckDbStoreFactory.Instance;
}

public sealed class DuckDbImportConformance : ImportConformance
{
    protected override IStoreFactory Factory => DuckDbStoreFactory.Instance;
}

public sealed class DuckDbQueryConformance : QueryConformance
{
    protected override IStoreFactory Factory => DuckDbStoreFactory.Instance;
}

public sealed class DuckDbImportUndoConformance : ImportUndoConformance
{
    protected override IStoreFactory Factory => DuckDbStoreFactory.Instance;
}

public sealed class DuckDbFileImportConformance : FileImportConformance
{
    protected override IStoreFactory Factory => DuckDbStoreFactory.Instance;
}
