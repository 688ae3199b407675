using KnowledgeBase.Api.Answering;

namespace KnowledgeBase.Api.BadInput;

/// <summary>The bad-input contract: every malformed request is a 4xx whose detail names the field, never a 500.</summary>
public static class BadInputSetup
{
    public static IServiceCollection AddBadInputContract(this IServiceCollection services)
    {
        // Binding failures are thrown (instead of a bare 400) so BadInputExceptionHandler can say what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StrictStringConverter()));
        services.AddExceptionHandler<BadInputExceptionHandler>();
        services.AddSingleton<HubAskArgument>();
        return services;
    }

    public static IApplicationBuilder UseBadInputContract(this IApplicationBuilder app) => app.UseMiddleware<QueryAndPathGuard>();
}
