-- RFM segmentation with NTILE(5), the way a SQL user writes it: the query
-- that bench/run.sh runs in PostgreSQL and DuckDB. It expects a table
-- orders(customer_id, date, amount) and a table rfm_map(r, f, m, segment)
-- loaded from bench/rfm_map.csv, and returns one row per customer with a
-- purchase occasion.
--
-- Definitions (the same in every peer, see bench/README.md): the as-of
-- date is the last date in the file; a purchase occasion is a customer's
-- day whose lines net to more than zero; recency = days from the last
-- occasion to the as-of date; frequency = occasions; monetary = net
-- revenue of all lines (amounts are exact decimals).
--
-- NTILE(5) deals rows into five tiles of equal count in the window's sort
-- order; rows with equal sort keys are in no defined order, so customers
-- with identical values can land in different tiles. ORDER BY recency DESC
-- reverses recency: fewer days, higher R.
WITH daily AS (
    SELECT customer_id, date, SUM(amount) AS net
    FROM orders
    GROUP BY customer_id, date
),
customers AS (
    SELECT customer_id,
           (SELECT MAX(date) FROM orders) - MAX(date) FILTER (WHERE net > 0) AS recency,
           COUNT(*) FILTER (WHERE net > 0) AS frequency,
           SUM(net) AS monetary
    FROM daily
    GROUP BY customer_id
    HAVING COUNT(*) FILTER (WHERE net > 0) > 0
),
scored AS (
    SELECT *,
           NTILE(5) OVER (ORDER BY recency DESC) AS r,
           NTILE(5) OVER (ORDER BY frequency) AS f,
           NTILE(5) OVER (ORDER BY monetary) AS m
    FROM customers
)
SELECT s.customer_id, s.recency, s.frequency, s.monetary, s.r, s.f, s.m, rfm_map.segment
FROM scored s
LEFT JOIN rfm_map ON rfm_map.r = s.r AND rfm_map.f = s.f AND rfm_map.m = s.m
