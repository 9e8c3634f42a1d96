using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Shop.ServiceDefaults;

/// <summary>
/// A request the server could not read: a body over the size limit (413), a body shorter than its Content-Length or
/// a broken chunk (400), a form over the form reader's limits (400). The client's mistake: it is answered with that
/// status, never a 500, and is not logged as this service's error.
/// </summary>
public static class UnreadableRequest
{
    public const string Code = "unreadable-request";

    // The form and multipart readers throw InvalidDataException from this namespace when a form breaks their limits.
    private const string FormReadersNamespace = "Microsoft.AspNetCore.WebUtilities";

    public static int? StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException when ThrownByFormReader(exception) => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>The exception, or one it wraps, that makes the request unreadable; null when none does.</summary>
    public static Exception? FindIn(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (StatusOf(current) is not null)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Fills in the problem for an unreadable request: its status, and the body as the field with the reader's reason.</summary>
    public static void Describe(ProblemDetails problem, Exception unreadable)
    {
        var status = StatusOf(unreadable) ?? StatusCodes.Status400BadRequest;
        problem.Type = $"/problems/{Code}";
        problem.Title = ReasonPhrases.GetReasonPhrase(status);
        problem.Status = status;
        // Kestrel's and the form reader's messages name the limit broken, e.g. "The max request body size is 30000000 bytes."
        problem.Detail = unreadable.Message;
        problem.Extensions["code"] = Code;
        problem.Extensions["errors"] = new[] { new { name = "body", reason = unreadable.Message } };
    }

    /// <summary>
    /// An exception handler answers an unreadable request with the client's status, not 500, and records no error for
    /// it; an exception an <see cref="IExceptionHandler"/> answered is not recorded either (the default).
    /// </summary>
    public static void ApplyTo(ExceptionHandlerOptions options)
    {
        options.StatusCodeSelector = exception => StatusOf(exception) ?? StatusCodes.Status500InternalServerError;
        options.SuppressDiagnosticsCallback = context =>
            context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || StatusOf(context.Exception) is not null;
    }

    private static bool ThrownByFormReader(Exception exception) =>
        exception.TargetSite?.DeclaringType is { } type
        && (type.DeclaringType ?? type).Namespace == FormReadersNamespace;
}
