namespace Sesric.Analytics.Forecasting.Tests.Fixtures;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sesric-forecast-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
