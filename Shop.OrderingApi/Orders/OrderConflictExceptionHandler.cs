using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Shop.OrderingApi.Domain.Orders;

namespace Shop.OrderingApi.Orders;

/// <summary>
/// An action the order's state does not allow, or a change that lost a race with another, is 409 with the current
/// state, never a 500.
/// </summary>
public sealed class OrderConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            OrderStateConflictException conflict => Conflict("order-state-conflict", conflict.Message, OrderResponse.StatusName(conflict.Current)),
            ReturnStateConflictException conflict => Conflict("return-state-conflict", conflict.Message, OrderResponse.StatusName(conflict.Current)),
            DbUpdateConcurrencyException => Conflict("concurrent-change", "The order changed meanwhile; read it again and retry.", null),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Conflict(string code, string detail, string? currentStatus)
    {
        var problem = new ProblemDetails
        {
            Type = $"/problems/{code}",
            Title = "Conflict",
            Status = StatusCodes.Status409Conflict,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (currentStatus is not null)
        {
            problem.Extensions["currentStatus"] = currentStatus;
        }

        return problem;
    }
}
