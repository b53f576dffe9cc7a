namespace Ringback.Mail;

public static class MailServices
{
    /// <summary>The mail port and its SMTP adapter (<c>Ringback:Smtp</c>), for the web host and the CLI alike.</summary>
    public static IServiceCollection AddRingbackMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IMailer, SmtpMailer>();
        return services;
    }
}
