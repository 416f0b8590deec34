"""Writes customers.csv: a synthetic customer-churn table (standard library only, seeded).

Churn follows a known rule, so a linear model can learn it: customers on a monthly contract
with many support calls, high charges and short tenure leave more often. Re-run to regenerate:
    python3 containers/tabular/data/generate_customers.py > containers/tabular/data/customers.csv
"""
import csv
import math
import random
import sys

ROWS = 600
SEED = 20240601


def main() -> None:
    rng = random.Random(SEED)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["customer_id", "tenure_months", "monthly_charges", "support_calls", "yearly_contract", "churned"])
    for n in range(ROWS):
        tenure = rng.randint(1, 72)
        charges = round(rng.uniform(20, 120), 2)
        calls = min(10, int(rng.expovariate(0.6)))
        yearly = 1 if rng.random() < 0.45 else 0
        score = -0.045 * tenure + 0.03 * charges + 0.55 * calls - 1.6 * yearly - 1.2
        churned = 1 if rng.random() < 1 / (1 + math.exp(-score)) else 0
        writer.writerow([f"c{n:04d}", tenure, charges, calls, yearly, churned])


if __name__ == "__main__":
    main()
