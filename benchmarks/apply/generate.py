#!/usr/bin/env python3
"""Write a large CSV for the `gemfill apply` throughput benchmark (benchmarks/RESULTS.md).

Usage: python3 benchmarks/apply/generate.py ROWS OUT.csv

Columns: id, name (given and family name, some non-ASCII), email, amount. The rows are
deterministic (a fixed seed), so two runs write the same file. Standard library only.
"""
import random
import sys

GIVEN = ["Grace", "Ada", "Alan", "José", "Zoë", "Søren", "Mary Ann", "Chimamanda", "Li", "Émile"]
FAMILY = ["Hopper", "Lovelace", "Turing", "Álvarez", "Łukasiewicz", "Kierkegaard", "Evans",
          "Adichie", "Wei", "Durkheim"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rows, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(6)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id,name,email,amount\n")
        batch = []
        for i in range(rows):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            email = f"{given.split()[0].lower()}.{family.lower()}{i % 97}@example.com"
            batch.append(f"{i},{given} {family},{email},{rng.randrange(100000) / 100}\n")
            if len(batch) == 10000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))


if __name__ == "__main__":
    main()
