namespace Dashboard.Data.Seeding;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Folder of seed files; relative paths are resolved against the app's base directory.</summary>
    public string Directory { get; set; } = "seed-data";

    /// <summary>Set to false to start with an empty database.</summary>
    public bool Enabled { get; set; } = true;
}
