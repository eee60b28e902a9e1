namespace Sesric.Analytics.Api.Security;

/// <summary>What an API key may do. Each role includes the ones before it.</summary>
public enum Role
{
    /// <summary>Catalogue reads and <c>public</c>-policy statistics.</summary>
    Reader = 1,

    /// <summary>Everything a reader may, plus <c>internal</c>-policy statistics.</summary>
    Analyst = 2,

    /// <summary>Everything an analyst may, plus ingestion.</summary>
    Admin = 3,
}
