namespace Dashboard.Api;

/// <summary>Strong ETags from a row's version (a Guid), and the <c>If-Match</c> a write must carry.</summary>
public static class ETags
{
    public static string Of(Guid version) => $"\"{version:N}\"";

    /// <summary>
    /// The version named by <c>If-Match</c>: missing → 428 (updates must say what they change),
    /// <c>*</c> or not one of our tags → 412 problem, otherwise the version for the door to expect.
    /// </summary>
    public static (Guid? Version, IResult? Problem) Required(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            return (null, ApiProblems.Problem(StatusCodes.Status428PreconditionRequired, "Precondition Required",
                "Send If-Match with the ETag you read, so a change made since is not overwritten."));
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (tag.Length == 34 && tag[0] == '"' && tag[^1] == '"' && Guid.TryParseExact(tag[1..^1], "N", out var version)) return (version, null);
        return (null, ApiProblems.Problem(StatusCodes.Status412PreconditionFailed, "Precondition Failed",
            "If-Match does not name a current version of this resource; fetch it again for its ETag."));
    }
}
