"""RFM segmentation the way a pandas user writes it (bench/run.sh peer).

usage: python3 rfm_pandas.py ORDERS.csv RFM_MAP.csv OUT.csv

Definitions (the same in every peer, see bench/README.md): the as-of date is
the last date in the file; a purchase occasion is a customer's day whose
lines net to more than zero; recency = days from the last occasion to the
as-of date; frequency = occasions; monetary = net revenue of all lines;
customers without an occasion are left out. Amounts are summed in integer
cents so that equal revenues compare equal.

Scores: pd.qcut into 5 equal-count buckets over rank(method="first"), which
is what tutorials and Stack Overflow answers give to avoid qcut's "Bin edges
must be unique" error on tied values. It breaks every tie by row order (here
the customer_id order of the groupby), so customers with identical values
can get different scores. Recency is reversed: fewer days, higher R.
"""
import sys

import pandas as pd


def main(orders_path, map_path, out_path):
    orders = pd.read_csv(orders_path, dtype={"customer_id": str}, parse_dates=["date"])
    as_of = orders["date"].max()
    orders["cents"] = (orders["amount"] * 100).round().astype("int64")

    daily = orders.groupby(["customer_id", "date"], as_index=False)["cents"].sum()
    monetary = daily.groupby("customer_id")["cents"].sum()
    occasions = daily[daily["cents"] > 0]
    rfm = occasions.groupby("customer_id").agg(last=("date", "max"), frequency=("date", "size"))
    rfm["recency"] = (as_of - rfm["last"]).dt.days
    rfm["monetary"] = monetary.reindex(rfm.index)

    rfm["r"] = pd.qcut(rfm["recency"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(int)
    rfm["f"] = pd.qcut(rfm["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    rfm["m"] = pd.qcut(rfm["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)

    segments = pd.read_csv(map_path)
    out = rfm.reset_index().merge(segments, on=["r", "f", "m"], how="left")
    out["monetary"] = out["monetary"] / 100
    out[["customer_id", "recency", "frequency", "monetary", "r", "f", "m", "segment"]].to_csv(
        out_path, index=False
    )


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    main(*sys.argv[1:])
