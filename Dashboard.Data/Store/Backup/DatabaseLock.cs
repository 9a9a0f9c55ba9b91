namespace Dashboard.Data.Store;

/// <summary>
/// An exclusive OS lock on "&lt;database&gt;.lock" held by the running app. SQLite's own locks are taken
/// only while a statement runs, so they cannot tell a restore that an idle app still has the file
/// open; this lock can. The OS drops it when the process ends, even after a crash.
/// </summary>
public static class DatabaseLock
{
    /// <summary>The lock, to be disposed to release it; null when another process holds it.</summary>
    public static IDisposable? TryAcquire(string databaseFile)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
            return new FileStream(databaseFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
