namespace Dashboard.Data.Budgets;

public sealed class BudgetOptions
{
    public const string Section = "Budgets";

    /// <summary>An incident that takes more than this share of any service's error budget needs a postmortem.</summary>
    public double PostmortemRequiredShare { get; set; } = 0.2;
}
