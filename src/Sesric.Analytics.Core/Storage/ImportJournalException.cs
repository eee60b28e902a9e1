namespace Sesric.Analytics.Storage;

/// <summary>An import cannot be undone as asked; the message says why and what to do instead. Nothing was changed.</summary>
/// <param name="message">What was wrong, naming the import.</param>
public sealed class ImportJournalException(string message) : Exception(message);
