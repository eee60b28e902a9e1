using System.Security.Cryptography;
using System.Text;

using Sesric.Analytics.Model;

namespace Sesric.Analytics.Storage.Sql;

/// <summary>
/// The SHA-256 of an import's rows in order (every field that is written), kept with its request id so that a
/// retry can be told from another batch sent under the same id.
/// </summary>
public sealed class RowFingerprint : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new(128);

    /// <summary>Adds one row.</summary>
    public void Add(Participation row)
    {
        var p = row.Participant;
        _line.Clear().Append(p.Id.Value).Append('|').Append(p.Country.Value).Append('|').Append(p.Gender.Code()).Append('|')
            .Append(p.InstitutionType).Append('|').Append(p.IsSynthetic ? '1' : '0').Append('|').Append(row.Edition.Programme.Value).Append('|')
            .Append(row.Edition.Number).Append('|').Append(row.Status.Code()).Append('|').Append(row.IsSynthetic ? '1' : '0');
        if (row.NominatedOn is { } day)
        {
            // Only when present, so rows without a date keep the fingerprint earlier versions stored.
            _line.Append('|').Append(day.DayNumber);
        }
        _line.Append('\n');
        Span<byte> buffer = stackalloc byte[512];
        foreach (var chunk in _line.GetChunks())
        {
            var span = chunk.Span;
            while (!span.IsEmpty)
            {
                var take = Math.Min(span.Length, 128);
                var written = Encoding.UTF8.GetBytes(span[..take], buffer);
                _hash.AppendData(buffer[..written]);
                span = span[take..];
            }
        }
    }

    /// <summary>The fingerprint as stored: <c>sha256:HEX:COUNT</c>.</summary>
    public string Finish(long count) => $"sha256:{Convert.ToHexStringLower(_hash.GetHashAndReset())}:{count}";

    /// <summary>The fingerprint of <paramref name="rows"/>, read once.</summary>
    public static string Of(IEnumerable<Participation> rows, CancellationToken cancellationToken)
    {
        using var fingerprint = new RowFingerprint();
        long count = 0;
        foreach (var row in rows)
        {
            fingerprint.Add(row);
            if (++count % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        return fingerprint.Finish(count);
    }

    /// <inheritdoc/>
    public void Dispose() => _hash.Dispose();
}
