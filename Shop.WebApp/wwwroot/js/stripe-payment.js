// Stripe Elements for checkout's payment step, used only when the ordering service runs with Stripe keys.
// The card never touches Shop's servers; Stripe's webhook settles the order whatever the browser does next.
(function () {
    const host = document.getElementById("stripe-payment");
    const button = document.getElementById("stripe-pay");
    const error = document.getElementById("stripe-error");
    if (!host || !button || typeof Stripe === "undefined") return;

    const stripe = Stripe(host.dataset.publishableKey);
    const elements = stripe.elements({ clientSecret: host.dataset.clientSecret });
    elements.create("payment").mount(host);

    button.addEventListener("click", async () => {
        button.disabled = true;
        const returnUrl = new URL(host.dataset.returnUrl, window.location.origin).href;
        const result = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl } });
        // confirmPayment only comes back on failure; success redirects to the return URL.
        error.textContent = result.error?.message ?? "The payment did not go through.";
        error.hidden = false;
        button.disabled = false;
    });
})();
