namespace ETwinning.Collab.Server.Features.Demo;

public static class DemoExtensions
{
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (options.Enabled ?? builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<DemoContent>();
            builder.Services.AddHostedService<DemoSeeder>();
        }
        return builder;
    }
}
