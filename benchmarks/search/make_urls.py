#!/usr/bin/env python3
"""Writes the URL lists the search benchmark rotates through, from words of the catalog's search vocabulary and,
optionally, product slugs (for product pages).

Usage: psql "<catalogdb>" -Atc "select word from search_vocabulary where length(word) >= 5 and word ~ '^[a-z]+$'
       order by md5(word) limit 3000" > words.txt
       psql "<catalogdb>" -Atc 'select "Slug" from "Products" order by md5("Slug") limit 3000' > slugs.txt
       python3 make_urls.py words.txt [slugs.txt]
"""
import random
import sys

random.seed(7)
words = [w.strip() for w in open(sys.argv[1]) if w.strip()]


def typo(word):
    """One letter changed, never the first or last: one edit, which words of 4 letters or more tolerate."""
    i = random.randrange(1, len(word) - 1)
    return word[:i] + random.choice("abcdefghijklmnopqrstuvwxyz".replace(word[i], "")) + word[i + 1:]


def write(name, lines):
    with open(name, "w") as f:
        f.writelines(line + "\n" for line in lines)


categories = ["clothing", "tops", "shoes", "jackets", "trousers", "home-kitchen", "cookware", "tableware", "bedding",
              "lighting", "outdoor", "camping", "hiking-gear", "cycling", "electronics", "headphones", "speakers",
              "chargers-cables", "sports", "fitness", "yoga"]
brands = ["northwind", "fjord-co", "ember", "alpenglow", "kestrel", "tidewater", "hearth-loom", "voltline",
          "summit-supply", "brightwork", "oakhaven", "cafe-lumiere"]
sorts = ["price-asc", "price-desc", "newest", "rating"]
prices = ["", "&minPrice=2500&maxPrice=4999", "&minPrice=5000&maxPrice=9999", "&minPrice=10000&maxPrice=19999"]

write("exact.txt", [f"/api/search?q={w}" for w in words])
write("typo.txt", [f"/api/search?q={typo(w)}" for w in words])
write("suggest.txt", [f"/api/search/suggest?q={w[:3]}" for w in words])
listing = []
for c in categories:
    for s in sorts:
        for p in prices:
            listing += [f"/api/search?category={c}&sort={s}{p}&page={page}" for page in (1, 2, 3)]
            listing.append(f"/api/search?category={c}&brand={random.choice(brands)}&inStock=true&sort={s}{p}")
random.shuffle(listing)
write("listing.txt", listing)

# The storefront's category pages list through /api/products (same filters, no facets).
products = []
for c in categories:
    for s in sorts:
        for p in prices:
            products += [f"/api/products?category={c}&sort={s}{p}&page={page}" for page in (1, 2, 3)]
            products.append(f"/api/products?category={c}&brand={random.choice(brands)}&inStock=true&sort={s}{p}")
random.shuffle(products)
write("products.txt", products)

if len(sys.argv) > 2:
    write("details.txt", [f"/api/products/{slug.strip()}" for slug in open(sys.argv[2]) if slug.strip()])
