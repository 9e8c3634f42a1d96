// Search-as-you-type for the header's search box: an ARIA 1.2 combobox with a listbox of suggestions from
// /api/search/suggest. Without this script the box is a plain GET form to /search, which keeps working.
(() => {
    const input = document.getElementById("search-query");
    const form = input?.form;
    if (!input || !form || !window.fetch) {
        return;
    }

    const minimumLength = 2;
    const debounceMs = 200;
    const listbox = document.createElement("ul");
    listbox.id = "search-suggestions";
    listbox.className = "suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggestions");
    listbox.hidden = true;
    // A polite live region (not role=status: the page's own status messages keep that role to themselves).
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    form.append(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let options = [];
    let active = -1;
    let timer = 0;
    let pending = null;
    let latest = 0;

    const close = () => {
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    };

    const highlight = (index) => {
        options.forEach((option, i) => option.element.setAttribute("aria-selected", String(i === index)));
        active = index;
        if (index < 0) {
            input.removeAttribute("aria-activedescendant");
        } else {
            input.setAttribute("aria-activedescendant", options[index].element.id);
            options[index].element.scrollIntoView({ block: "nearest" });
        }
    };

    const choose = (option) => {
        close();
        if (option.word !== undefined) {
            input.value = option.word;
            form.submit();
        } else {
            window.location.assign(option.href);
        }
    };

    const render = (suggestions) => {
        listbox.replaceChildren();
        options = [
            ...suggestions.words.map((word) => ({ word, label: word })),
            ...suggestions.products.map((product) => ({ href: `/p/${encodeURIComponent(product.slug)}`, label: product.name, product: true })),
        ];
        options.forEach((option, i) => {
            const element = document.createElement("li");
            element.id = `search-suggestion-${i}`;
            element.setAttribute("role", "option");
            element.setAttribute("aria-selected", "false");
            element.className = option.product ? "suggestion suggestion-product" : "suggestion";
            element.textContent = option.label;
            if (option.product) {
                const kind = document.createElement("span");
                kind.className = "suggestion-kind";
                kind.textContent = " product";
                element.append(kind);
            }
            // mousedown keeps the focus in the box; click then chooses.
            element.addEventListener("mousedown", (event) => event.preventDefault());
            element.addEventListener("click", () => choose(option));
            option.element = element;
            listbox.append(element);
        });
        active = -1;
        if (options.length === 0) {
            close();
            status.textContent = "No suggestions";
            return;
        }

        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        input.removeAttribute("aria-activedescendant");
        status.textContent = `${options.length} ${options.length === 1 ? "suggestion" : "suggestions"}, use the up and down arrows to choose`;
    };

    const suggest = async () => {
        const text = input.value.trim();
        pending?.abort();
        if (text.length < minimumLength) {
            close();
            return;
        }

        const request = ++latest;
        pending = new AbortController();
        try {
            const response = await fetch(`/api/search/suggest?limit=6&q=${encodeURIComponent(text)}`, {
                signal: pending.signal,
                headers: { accept: "application/json" },
            });
            if (!response.ok) {
                close();
                return;
            }

            const suggestions = await response.json();
            // An answer to an older request than the latest is dropped: the shopper has typed on.
            if (request === latest && document.activeElement === input) {
                render(suggestions);
            }
        } catch (error) {
            if (error.name !== "AbortError") {
                close();
            }
        }
    };

    input.addEventListener("input", () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(suggest, debounceMs);
    });

    input.addEventListener("keydown", (event) => {
        const open = !listbox.hidden;
        switch (event.key) {
            case "ArrowDown":
                event.preventDefault();
                if (!open && options.length > 0) {
                    listbox.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                if (options.length > 0) {
                    highlight(active + 1 >= options.length ? 0 : active + 1);
                }
                break;
            case "ArrowUp":
                if (open && options.length > 0) {
                    event.preventDefault();
                    highlight(active <= 0 ? options.length - 1 : active - 1);
                }
                break;
            case "Enter":
                if (open && active >= 0) {
                    event.preventDefault();
                    choose(options[active]);
                }
                break;
            case "Escape":
                if (open) {
                    event.preventDefault();
                    close();
                } else if (input.value !== "") {
                    event.preventDefault();
                    input.value = "";
                }
                break;
            case "Tab":
                close();
                break;
        }
    });

    input.addEventListener("blur", close);
})();
