// The product page without reloads: a thumbnail shows its picture large, and choosing a variant shows its price,
// stock and picture. Without this script thumbnails are links to the page with that picture, and every variant
// lists its own price and stock.
(() => {
    const main = document.querySelector("[data-gallery-main]");
    const thumbnails = [...document.querySelectorAll(".gallery-thumbs a")];

    const show = (link) => {
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
        show(link);
    }));

    const price = document.querySelector("[data-variant-price]");
    const summary = document.querySelector("[data-variant-summary]");
    document.querySelectorAll("input[name='Sku'][data-price]").forEach((radio) => radio.addEventListener("change", () => {
        if (!radio.checked) {
            return;
        }

        if (price) {
            price.textContent = radio.dataset.price;
        }
        if (summary) {
            summary.textContent = radio.dataset.summary;
        }
        const picture = Number(radio.dataset.image);
        if (picture >= 0 && thumbnails[picture]) {
            show(thumbnails[picture]);
        }
    }));
})();
