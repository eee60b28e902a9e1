using Sesric.Analytics.StoreConformance;

namespace Sesric.Analytics.Storage.Postgres.Tests.Conformance;

[Trait("Category", "Postgres")]
public sealed class PostgresSchemaConformance : SchemaConformance
{
    protected override IStoreFactory Factory => PostgresStoreFactory.Instance;
}

[Trait("Category", "Postgres")]
public sealed class PostgresImportConformance : ImportConformance
{
    protected override IStoreFactory Factory => PostgresStoreFactory.Instance;
}

[Trait("Category", "Postgres")]
public sealed class PostgresQueryConformance : QueryConformance
{
    protected override IStoreFactory Factory => PostgresStoreFactory.Instance;
}

[Trait("Category", "Postgres")]
public sealed class PostgresImportUndoConformance : ImportUndoConformance
{
    protected override IStoreFactory Factory => PostgresStoreFactory.Instance;
}

[Trait("Category", "Postgres")]
public sealed class PostgresFileImportConformance : FileImportConformance
{
    protected override IStoreFactory Factory => PostgresStoreFactory.Instance;
}
