namespace Shop.WebApp.Hosting;

/// <summary>What the error page tells a shopper for an answer's status: what happened and what to do next.</summary>
public sealed record ErrorMessage(int Status, string Title, string Text)
{
    public static ErrorMessage For(int status) => status switch
    {
        StatusCodes.Status404NotFound or StatusCodes.Status410Gone => new(StatusCodes.Status404NotFound, "Page not found",
            "We could not find that page. The address may be mistyped, or the page may have moved."),
        // Mostly a form whose antiforgery token no longer matches: the page stayed open across a sign-in or sign-out,
        // or the shop restarted with new keys.
        StatusCodes.Status400BadRequest => new(status, "We could not accept that",
            "If you sent a form, it may have been open for too long or sent twice. Go back, reload the page and try again."),
        StatusCodes.Status413PayloadTooLarge => new(status, "That was too large to send",
            "What you sent is larger than the shop accepts. Go back and try again with less."),
        StatusCodes.Status429TooManyRequests => new(status, "Too many requests",
            "You have sent many requests in a short time. Please wait a minute and try again."),
        >= 400 and < 500 => new(status, "We could not accept that",
            "Your browser sent a request the shop could not answer. Go back, reload the page and try again."),
        _ => new(StatusCodes.Status500InternalServerError, "Something went wrong",
            "Sorry, we could not complete your request. Please try again in a moment."),
    };
}
