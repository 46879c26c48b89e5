#!/usr/bin/env python3
"""Generates a library tree of empty media files with realistic names, for the scan benchmark.

    gen-library.py ROOT [FILES]      (default 100000 files)

Layout, the way Plex and Jellyfin users name things (60 % episodes, 30 % movies, 10 % books):
    ROOT/movies/Title (Year)/Title (Year).mkv            (some with {tmdb-N}, editions, cd1/cd2, trailers)
    ROOT/series/Show (Year)/Season 01/Show - S01E02 - Episode Title.mkv
    ROOT/books/Author Name/Title.epub
Deterministic: the same FILES gives the same tree.
"""
import os
import random
import sys

WORDS = ("amber night river shadow empire garden silver storm winter echo falcon harbor crimson "
         "orbit lantern summit velvet hollow iron meadow cipher quartz ember tide atlas raven "
         "glacier north signal harvest marble thunder willow comet frontier canyon delta ivory "
         "jade kingdom legend mirror nomad oracle phoenix quest rebel saga tempest union vertex").split()
ACCENTED = ["Amélie", "Cœur", "Déjà", "Señor", "Über", "Naïve", "Café", "Piñata"]


def title(rng, words):
    parts = [rng.choice(WORDS).capitalize() for _ in range(words)]
    if rng.random() < 0.05:
        parts[0] = rng.choice(ACCENTED)
    if rng.random() < 0.3:
        parts.insert(0, "The")
    return " ".join(parts)


def touch(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb"):
        pass


def main():
    root = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rng = random.Random(42)
    episodes, movies = int(total * 0.6), int(total * 0.3)
    books = total - episodes - movies
    made = 0

    used = set()
    while made < movies:
        name, year = title(rng, rng.randint(1, 3)), rng.randint(1950, 2025)
        if (name, year) in used:
            continue
        used.add((name, year))
        folder = f"{name} ({year})"
        base = os.path.join(root, "movies", folder)
        r = rng.random()
        if r < 0.1 and made + 2 <= movies:
            for part in (1, 2):
                touch(os.path.join(base, f"{folder} - cd{part}.mkv"))
            made += 2
        elif r < 0.15 and made + 2 <= movies:
            touch(os.path.join(base, f"{folder} {{tmdb-{rng.randint(100, 999999)}}}.mkv"))
            touch(os.path.join(base, "Trailers", f"{name} Trailer.mp4"))
            made += 2
        elif r < 0.2:
            touch(os.path.join(base, f"{folder} {{edition-Director's Cut}}.mkv"))
            made += 1
        else:
            touch(os.path.join(base, f"{folder}.mkv"))
            made += 1

    shows = 0
    while made < movies + episodes:
        shows += 1
        show, year = f"{title(rng, rng.randint(1, 2))} {shows}", rng.randint(1990, 2025)
        folder = f"{show} ({year})"
        for season in range(1, rng.randint(2, 8)):
            for episode in range(1, rng.randint(6, 14)):
                if made >= movies + episodes:
                    break
                name = f"{show} - S{season:02d}E{episode:02d} - {title(rng, 2)}.mkv"
                touch(os.path.join(root, "series", folder, f"Season {season:02d}", name))
                made += 1

    while made < total:
        author = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()}son"
        ext = rng.choice(["epub", "epub", "epub", "pdf", "cbz"])
        touch(os.path.join(root, "books", author, f"{title(rng, rng.randint(1, 4))} {made}.{ext}"))
        made += 1
    print(made)


if __name__ == "__main__":
    main()
