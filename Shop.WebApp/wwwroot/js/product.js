// The product page without reloads: a thumbnail shows its picture large, and choosing a size, colour … shows the
// variant's price, stock and picture. Without this script thumbnails are links to the page with that picture, and
// the options are a form that shows the page for the values chosen.
(() => {
    const main = document.querySelector("[data-gallery-main]");
    const thumbnails = [...document.querySelectorAll(".gallery-thumbs a")];

    const showPicture = (link) => {
        if (!main) {
            return;
        }

        main.removeAttribute("srcset");
        main.src = link.dataset.src;
        main.srcset = link.dataset.srcset;
        main.width = Number(link.dataset.width);
        main.height = Number(link.dataset.height);
        main.alt = link.dataset.alt;
        thumbnails.forEach((other) => other === link ? other.setAttribute("aria-current", "true") : other.removeAttribute("aria-current"));
    };

    // Links answer Enter; the script keeps the focus where it is and the page where it is.
    thumbnails.forEach((link) => link.addEventListener("click", (event) => {
        event.preventDefault();
        showPicture(link);
    }));

    // The variant picker: one radio group per option. Groups are chosen in order (as VariantChoice does on the
    // server): a value is offered when a variant with it and the earlier groups' values is available, and a value
    // picked that the later values do not go with moves them to the first that does.
    const form = document.querySelector("[data-variant-options]");
    const dataElement = document.getElementById("variant-data");
    if (!form || !dataElement) {
        return;
    }

    const data = JSON.parse(dataElement.textContent);
    const radiosOf = (name) => [...form.querySelectorAll("input[type='radio']")].filter((radio) => radio.name === data.prefix + name);
    const matching = (chosen, name, value) => data.variants.filter((variant) =>
        variant.options[name] === value && Object.entries(chosen).every(([key, wanted]) => variant.options[key] === wanted));
    const label = (name) => name.charAt(0).toUpperCase() + name.slice(1).replace(/[-_]/g, " ");

    const resolve = (wanted) => {
        const chosen = {};
        for (const name of data.names) {
            const values = radiosOf(name).map((radio) => radio.value).filter((value) => matching(chosen, name, value).length > 0);
            const available = values.filter((value) => matching(chosen, name, value).some((variant) => variant.available > 0));
            chosen[name] = available.includes(wanted[name]) ? wanted[name] : (available[0] ?? (values.includes(wanted[name]) ? wanted[name] : values[0]));
        }
        return chosen;
    };

    const whyNot = (index, value, chosen) => {
        const earlier = Object.fromEntries(data.names.slice(0, index).map((name) => [name, chosen[name]]));
        const found = matching(earlier, data.names[index], value);
        const within = Object.entries(earlier).map(([name, v]) => `${label(name).toLowerCase()} ${v}`).join(", ");
        const suffix = within ? ` in ${within}` : "";
        if (found.length === 0) {
            return `not made${suffix}`;
        }
        return found.every((variant) => variant.available <= 0) ? `sold out${suffix}` : null;
    };

    const set = (selector, apply) => document.querySelectorAll(selector).forEach(apply);

    const show = (chosen) => {
        data.names.forEach((name, index) => radiosOf(name).forEach((radio) => {
            const reason = whyNot(index, radio.value, chosen);
            radio.checked = chosen[name] === radio.value;
            radio.disabled = reason !== null;
            radio.closest("label").classList.toggle("unavailable", reason !== null);
            radio.closest("label").querySelector("[data-reason]").textContent = reason ? ` (${reason})` : "";
        }));

        const variant = data.variants.find((v) => data.names.every((name) => v.options[name] === chosen[name]));
        if (!variant) {
            return;
        }
        set("[data-variant-price]", (element) => element.textContent = variant.price);
        set("[data-variant-was]", (element) => element.hidden = !variant.was);
        set("[data-variant-was-amount]", (element) => element.textContent = variant.was ?? "");
        set("[data-variant-summary]", (element) => element.textContent = variant.summary);
        set("[data-variant-sku]", (element) => element.value = variant.sku);
        set("[data-variant-return]", (element) => element.value = variant.returnUrl);
        set("[data-variant-add]", (element) => element.disabled = variant.available <= 0);
        if (variant.image >= 0 && thumbnails[variant.image]) {
            showPicture(thumbnails[variant.image]);
        }
        // The address names the variant, so a reload or a shared link shows the same choice.
        const url = new URL(window.location.href);
        url.searchParams.set("sku", variant.sku);
        [...url.searchParams.keys()].filter((key) => key.startsWith(data.prefix)).forEach((key) => url.searchParams.delete(key));
        history.replaceState(null, "", url);
    };

    // Without script the form's button shows the page for the choice; with it every change shows at once.
    form.querySelectorAll("[data-no-script]").forEach((button) => button.hidden = true);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
        if (!(event.target instanceof HTMLInputElement) || event.target.type !== "radio") {
            return;
        }
        const wanted = Object.fromEntries(data.names.map((name) => [name, radiosOf(name).find((radio) => radio.checked)?.value]));
        show(resolve(wanted));
    });
})();
