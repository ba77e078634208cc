"""Writes the fixture ours.csv: what our CLI should write for the peers'
fixture, computed independently of bench/report (which has its own Go
implementation of the rule), so the golden test checks one against the
other.

usage (from bench/report/testdata, after copying a run's peer outputs here):
    /usr/bin/python3 ours_from_rule.py ORDERS.csv

The rule (segment/rfm): with n customers, a value with s customers strictly
below it scores 1 + floor(5s/n); recency reversed. Segments are written as
the library's identifiers ("loyal", "cant_lose_them"), the score code as
rfm_code, and customers without a purchase occasion as "unknown", as a CLI
may well do.
"""
import sys

import pandas as pd

peer = pd.read_csv("pandas.csv", dtype={"customer_id": str})
n = len(peer)


def bucket(values):
    below = values.rank(method="min") - 1
    return (1 + (5 * below) // n).astype(int)


r = 6 - bucket(peer["recency"])
f = bucket(peer["frequency"])
m = bucket((peer["monetary"] * 100).round())
codes = pd.read_csv("../../rfm_map.csv")
segment = {(a, b, c): s for a, b, c, s in codes.itertuples(index=False)}


def identifier(title):
    return {"Loyal Customers": "loyal"}.get(title, title.lower().replace("'", "").replace(" ", "_"))


out = pd.DataFrame({
    "customer_id": peer["customer_id"],
    "rfm_segment": [identifier(segment[k]) for k in zip(r, f, m)],
    "rfm_code": [f"{a}{b}{c}" for a, b, c in zip(r, f, m)],
})
orders = pd.read_csv(sys.argv[1], dtype={"customer_id": str})
unscored = sorted(set(orders["customer_id"]) - set(peer["customer_id"]))
out = pd.concat([out, pd.DataFrame({"customer_id": unscored, "rfm_segment": "unknown", "rfm_code": ""})])
out.sort_values("customer_id").to_csv("ours.csv", index=False)
