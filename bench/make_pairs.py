"""Writes the generated tab-separated files that docs/datasets.md measures `train --data`'s
defaults on: copyN.tsv (random strings of 3 to 6 letters a-h, each its own target) and
datesN.tsv ("6 Jun 1952" -> "1952-06-06"), for N = 300 and 2000, into the folder given.

    python3 bench/make_pairs.py /tmp/pairs
"""

import datetime
import pathlib
import random
import sys

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def main(folder: pathlib.Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Lists in the order drawn, never a set's order (which changes with PYTHONHASHSEED).
    for n in (300, 2000):
        letters = random.Random(7)
        copies: list[str] = []
        while len(copies) < n:
            word = "".join(letters.choice("abcdefgh") for _ in range(letters.randrange(3, 7)))
            if f"{word}\t{word}" not in copies:
                copies.append(f"{word}\t{word}")
        (folder / f"copy{n}.tsv").write_text("\n".join(copies) + "\n")
        days = random.Random(n)
        dates: list[str] = []
        while len(dates) < n:
            day = datetime.date(1950, 1, 1) + datetime.timedelta(days=days.randrange(36500))
            line = f"{day.day} {MONTHS[day.month - 1]} {day.year}\t{day.isoformat()}"
            if line not in dates:
                dates.append(line)
        (folder / f"dates{n}.tsv").write_text("\n".join(dates) + "\n")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "."))
