namespace Sesric.Analytics.Cli;

/// <summary>The <c>sesric</c> entry point.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen verb.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("sesric: not yet wired");
        return args.Length == 0 ? 0 : 1;
    }
}
