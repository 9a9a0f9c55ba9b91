namespace Dashboard.Tests.Infrastructure;

/// <summary>A temporary copy of the real seed folder that a test can break on purpose.</summary>
public sealed class SeedFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ib-seed-" + Guid.NewGuid().ToString("N"));

    public SeedFolder(bool copyRealSeed = true)
    {
        Directory.CreateDirectory(Path);
        if (!copyRealSeed) return;
        foreach (var file in Directory.GetFiles(RepoPaths.SeedData, "*.json"))
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Read(string name) => System.IO.File.ReadAllText(File(name));

    public void Write(string name, string content) => System.IO.File.WriteAllText(File(name), content);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a temp folder left behind is harmless */ }
    }
}
