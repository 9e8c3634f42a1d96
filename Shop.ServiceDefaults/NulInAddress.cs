using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.ServiceDefaults;

/// <summary>
/// Refuses a request whose query holds the NUL character (<c>%00</c>), as <see cref="TextWithoutNulConverter"/> does
/// for JSON bodies: PostgreSQL cannot keep NUL in text, so the value would otherwise fail the lookup or filter it
/// reaches, as a 500. Answered 400 naming the parameter before any endpoint runs. (Kestrel refuses a NUL in the path
/// itself.)
/// </summary>
public static class NulInAddress
{
    public const string Code = "nul-in-address";

    public static IApplicationBuilder RefuseNulInAddress(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (FieldWithNul(context.Request) is not { } field)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new ProblemDetails
        {
            Type = $"/problems/{Code}",
            Title = ReasonPhrases.GetReasonPhrase(StatusCodes.Status400BadRequest),
            Status = StatusCodes.Status400BadRequest,
            Detail = TextWithoutNulConverter.Reason,
            Extensions = { ["code"] = Code, ["errors"] = new[] { new { name = field, reason = TextWithoutNulConverter.Reason } } },
        };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    });

    /// <summary>The query parameter holding a NUL, or null when none does.</summary>
    public static string? FieldWithNul(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0') || values.Any(value => value?.Contains('\0') == true))
            {
                return name.Replace('\0', ' ');
            }
        }

        return null;
    }
}
