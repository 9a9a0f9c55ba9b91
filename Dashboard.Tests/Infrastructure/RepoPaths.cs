namespace Dashboard.Tests.Infrastructure;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SeedData => Path.Combine(Root, "seed-data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IncidentBoard.sln"))) return dir.FullName;
        throw new InvalidOperationException("IncidentBoard.sln not found above " + AppContext.BaseDirectory);
    }
}
