namespace Dashboard.Ui.Kit;

/// <summary>A multi-select's chosen values as a list the form keeps: MudSelect hands null when everything is cleared.</summary>
public static class Picked
{
    public static List<T> List<T>(IEnumerable<T>? values) => values?.ToList() ?? [];
}
