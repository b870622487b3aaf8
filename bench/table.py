"""Side-by-side table of a bench/run.sh results file (one JSON object a line).

For the training shapes the ratio is unrolled samples/s ÷ Keras samples/s of the same
round (above 1: unrolled is faster); for the whole process it is Keras seconds ÷ unrolled
seconds (above 1: unrolled finishes sooner). Medians are over the rounds.

    python bench/table.py results.jsonl
"""

import json
import statistics
import sys


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    for shape in dict.fromkeys(row["shape"] for row in rows):
        unrolled = [row for row in rows if row["shape"] == shape and row["implementation"] == "unrolled"]
        keras = [row for row in rows if row["shape"] == shape and row["implementation"] == "keras"]
        process = shape == "process"
        key = "seconds" if process else "samples_per_second"
        unit = "wall-clock seconds" if process else "samples/s"
        print(f"\n{shape} ({unit})")
        print(f"| round | unrolled | Keras | ratio |\n| ---: | ---: | ---: | ---: |")
        ratios = []
        for round_number, (mine, theirs) in enumerate(zip(unrolled, keras), 1):
            ratio = theirs[key] / mine[key] if process else mine[key] / theirs[key]
            ratios.append(ratio)
            print(f"| {round_number} | {mine[key]:,.1f} | {theirs[key]:,.1f} | {ratio:.2f} |")
        mine = statistics.median(row[key] for row in unrolled)
        theirs = statistics.median(row[key] for row in keras)
        print(f"| median | {mine:,.1f} | {theirs:,.1f} | {statistics.median(ratios):.2f} |")


if __name__ == "__main__":
    main()
