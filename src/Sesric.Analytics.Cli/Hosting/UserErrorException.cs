namespace Sesric.Analytics.Cli.Hosting;

/// <summary>A mistake in the command's input that the user can fix; printed without a stack trace, exit code 1.</summary>
/// <param name="message">What was wrong and how to fix it.</param>
public sealed class UserErrorException(string message) : Exception(message);
