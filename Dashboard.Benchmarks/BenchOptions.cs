namespace Dashboard.Benchmarks;

public sealed record BenchOptions(string DatabasePath, int Runs, string? AppPath, string? Only = null, string? Postgres = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var db = Path.GetFullPath("artifacts/bench/incidentboard-10k.db");
        var runs = 30;
        string? app = null;
        string? only = null;
        string? postgres = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--db": db = Path.GetFullPath(args[i + 1]); break;
                case "--runs": runs = int.Parse(args[i + 1]); break;
                case "--app": app = Path.GetFullPath(args[i + 1]); break;
                case "--only": only = args[i + 1]; break;
                case "--postgres": postgres = args[i + 1]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return new BenchOptions(db, runs, app, only, postgres);
    }
}
