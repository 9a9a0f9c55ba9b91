namespace Dashboard.Data.Mail;

/// <summary>Bound from the <c>Mail</c> section. Mail is on when <c>Mail:Smtp:Host</c> is set.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender, an address or "Name &lt;address&gt;".</summary>
    public string From { get; set; } = "IncidentBoard <incidentboard@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>
    /// How many due messages one claim takes. A connection sends its batch, records the batch as sent in one
    /// write, and claims the next while there is more, so a relay process killed mid-batch can send at most
    /// this many messages a second time (each with its row's fixed Message-Id, so mail software sees a duplicate).
    /// </summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How many SMTP connections the relay keeps busy at once, each claiming and sending its own batches:
    /// a status update to thousands of subscribers goes out over several connections in parallel.
    /// </summary>
    public int Connections { get; set; } = 2;

    /// <summary>Failed attempts after which a message is marked failed, with the last reason.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed message is held; a relay that dies leaves it due again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the relay looks for due mail when the last pass found none: one indexed query per
    /// connection. Half a second keeps a published status update's first mail within a second of publishing.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one SMTP command may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>Require TLS: implicit TLS on port 465, STARTTLS elsewhere. Off only for a relay on a trusted network.</summary>
    public bool UseTls { get; set; } = true;

    public string? User { get; set; }
    public string? Password { get; set; }
}
