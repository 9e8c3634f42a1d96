using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Shop.BasketApi.Abandonment;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.BasketApi.Baskets;
using Shop.Tests.Infrastructure;
using StackExchange.Redis;
using BasketModel = Shop.BasketApi.Baskets.Basket;

namespace Shop.Tests.Integration.Basket;

/// <summary>The basket store against the topology's Redis: the merge on sign-in, and the index of baskets to remind of.</summary>
[Collection(ShopCollection.Name)]
public sealed class BasketStoreTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMergeThatFailsPartWayLeavesTheGuestBasketAndTheCustomersAsTheyWere()
    {
        await using var redis = await ConnectAsync();
        var store = Store(redis);
        var guest = await GuestBasketWithAsync(store, "TEE-M", 2);
        var customer = store.Customer($"c-{Guid.NewGuid():N}", null);

        // As when the catalog cannot be reached for the guest's SKUs.
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            store.MergeAsync(guest, customer, (_, _) => throw new HttpRequestException("catalog unavailable"), Cancellation));

        Assert.Equal(2, (await store.FindAsync(guest))!.QuantityOf("TEE-M"));
        Assert.Null(await store.FindAsync(customer));
    }

    [Fact]
    public async Task TwoMergesOfOneGuestBasketAtOnceCountItsLinesOnce()
    {
        await using var redis = await ConnectAsync();
        var store = Store(redis);
        var guest = await GuestBasketWithAsync(store, "TEE-M", 2);
        var customer = store.Customer($"c-{Guid.NewGuid():N}", null);
        var bothRead = new TaskCompletionSource();
        var reads = 0;

        // Each merge holds until both have read the guest basket, so both try to write from the same reading.
        async Task<BasketModel> MergeAsync(BasketModel? guestBasket, BasketModel? mine)
        {
            if (Interlocked.Increment(ref reads) == 2)
            {
                bothRead.SetResult();
            }

            await bothRead.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
            var now = DateTimeOffset.UtcNow;
            mine ??= BasketModel.NewCustomerBasket(customer.CustomerId!, null, now);
            return guestBasket is null ? mine : mine.MergeFrom(guestBasket, _ => 10, now);
        }

        await Task.WhenAll(store.MergeAsync(guest, customer, MergeAsync, Cancellation), store.MergeAsync(guest, customer, MergeAsync, Cancellation));

        Assert.Equal(2, (await store.FindAsync(customer))!.QuantityOf("TEE-M"));
        Assert.Null(await store.FindAsync(guest));
        Assert.True(reads >= 3); // the loser read again and found the guest basket gone
    }

    [Fact]
    public async Task OnlyACustomersBasketWithAnEmailAwaitsAnAbandonmentReminder()
    {
        await using var redis = await ConnectAsync();
        var store = Store(redis);
        var guest = await GuestBasketWithAsync(store, "TEE-M", 1);
        var customerId = $"c-{Guid.NewGuid():N}";
        var customer = store.Customer(customerId, "c@example.com");
        await store.UpdateAsync(customer, basket => (basket ?? BasketModel.NewCustomerBasket(customerId, "c@example.com", DateTimeOffset.UtcNow))
            .Add("TEE-M", 1, 2500, "EUR", 10, DateTimeOffset.UtcNow, "Tee"), Cancellation);

        var awaiting = await store.InactiveSinceAsync(DateTimeOffset.UtcNow.AddMinutes(1), take: 1_000_000);

        Assert.Contains(customer.Key, awaiting);
        Assert.DoesNotContain(guest.Key, awaiting);
    }

    [Fact]
    public async Task AReminderIsSentOnlyForABasketStillThereAsAnnounced()
    {
        await using var redis = await ConnectAsync();
        var store = Store(redis);
        var customerId = $"c-{Guid.NewGuid():N}";
        var email = $"{customerId}@example.com";
        var customer = store.Customer(customerId, email);
        var basket = await store.UpdateAsync(customer, b => (b ?? BasketModel.NewCustomerBasket(customerId, email, DateTimeOffset.UtcNow))
            .Add("TEE-M", 2, 2500, "EUR", 10, DateTimeOffset.UtcNow, "Tee"), Cancellation);
        var mail = SmtpServer.Parse(await shop.App.GetConnectionStringAsync("mail", Cancellation)
            ?? throw new InvalidOperationException("The topology has no mail connection string."));
        using var sender = new SmtpEmailSender(mail, Options.Create(new EmailSettings()), TimeProvider.System);
        var reminders = new BasketReminderEmail(sender, store, new ConfigurationBuilder().Build());
        var items = new List<OrderedItem> { new("TEE-M", 2) };

        // Announced for a basket since checked out (another id now) or gone: nothing is sent.
        await reminders.HandleAsync(new BasketAbandoned("an-ordered-basket", customerId, email, items), Cancellation);
        await reminders.HandleAsync(new BasketAbandoned(basket!.Id, $"c-{Guid.NewGuid():N}", email, items), Cancellation);
        await reminders.HandleAsync(new BasketAbandoned(basket.Id, customerId, email, items), Cancellation);

        Assert.Contains("2 items", await shop.Mail.WaitForMessageAsync(email, "You left something", Cancellation));
        Assert.Equal(1, await shop.Mail.CountAsync(email, "You left something", Cancellation));
    }

    private async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(await shop.App.GetConnectionStringAsync("redis", Cancellation)
            ?? throw new InvalidOperationException("The topology has no Redis connection string."));

    private static BasketStore Store(IConnectionMultiplexer redis) =>
        new(redis, Options.Create(new BasketSettings()), TimeProvider.System);

    private static async Task<BasketAddress> GuestBasketWithAsync(BasketStore store, string sku, int quantity)
    {
        var created = await store.CreateGuestBasketAsync();
        var address = store.Guest(created.Id);
        await store.UpdateAsync(address, basket => basket!.Add(sku, quantity, 2500, "EUR", 10, DateTimeOffset.UtcNow, "Tee"), Cancellation);
        return address;
    }
}
