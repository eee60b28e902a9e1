namespace Sesric.Analytics.Api.Configuration;

/// <summary>The audit log (bound from <c>Sesric:Audit</c>): where it goes and when it is rotated.</summary>
public sealed class AuditOptions
{
    /// <summary>The audit file (JSON lines); empty turns the audit log off.</summary>
    public string? Path { get; set; }

    /// <summary>The size at which the file is rotated (renamed <c>.1</c>, the older ones shifted), in bytes; default 10 MiB.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many rotated files are kept (<c>.1</c> … <c>.N</c>); older ones are deleted. Default 10.</summary>
    public int Keep { get; set; } = 10;
}
