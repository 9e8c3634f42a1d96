using System.Net;
using Shop.WebApp.Api;

namespace Shop.Tests.Unit;

public sealed class ApiProblemTests
{
    private static readonly string[] FormFields = ["name", "city"];

    [Fact]
    public void AFormSaysCheckTheFieldsOnlyWhenAnErrorIsMarkedOnOneOfThem()
    {
        var onAField = new ApiProblem(HttpStatusCode.BadRequest, "The city is required.", null, [new FieldError("city", "The city is required.")]);
        var elsewhere = new ApiProblem(HttpStatusCode.Conflict, "An address book holds at most 50 addresses.", null,
            [new FieldError("addresses", "An address book holds at most 50 addresses.")]);

        Assert.Equal("Check the fields.", onAField.ForForm(FormFields, "Check the fields.").Message);
        Assert.Equal("An address book holds at most 50 addresses.", elsewhere.ForForm(FormFields, "Check the fields.").Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "checkout-refused", true)]
    [InlineData(HttpStatusCode.Conflict, "insufficient-stock", true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", true)]
    [InlineData(HttpStatusCode.Conflict, "idempotency-key-in-use", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, false)]
    [InlineData(null, "unavailable", false)]
    public void OnlyAnAnswerThatRefusedIsADefiniteRefusal(HttpStatusCode? status, string? code, bool refused) =>
        Assert.Equal(refused, new ApiProblem(status, "", code, []).IsDefiniteRefusal);

    [Theory]
    [InlineData("/api/orders/1?token=secret", "/api/orders/1")]
    [InlineData("http://ordering/api/orders/1?token=secret&x=1", "http://ordering/api/orders/1")]
    [InlineData("/api/baskets/mine", "/api/baskets/mine")]
    public void LoggedAddressesLeaveTheirQueryOut(string uri, string logged) =>
        Assert.Equal(logged, ApiCalls.PathOf(new Uri(uri, UriKind.RelativeOrAbsolute)));

    [Theory]
    [InlineData("3", 3)]
    [InlineData("x", null)]
    [InlineData("-1", null)]
    [InlineData("9999999999", null)]
    [InlineData(null, null)]
    public void AWholeNumberIsReadOrIgnored(string? text, int? value) => Assert.Equal(value, Lenient.WholeNumber(text));

    [Fact]
    public void IdsAndDaysAreReadOrIgnored()
    {
        Assert.Equal(new DateOnly(2026, 6, 1), Lenient.Day("2026-06-01"));
        Assert.Null(Lenient.Day("soon"));
        Assert.Null(Lenient.Id("abc"));
        Assert.Equal(Guid.Parse("0195e0a8-7f00-7000-8000-000000000001"), Lenient.Id("0195e0a8-7f00-7000-8000-000000000001"));
    }
}
