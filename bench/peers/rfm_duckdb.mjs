// RFM segmentation in DuckDB (bench/run.sh peer): loads the order log into
// an in-memory table and runs bench/peers/rfm.sql, the same query as
// PostgreSQL, writing the result with COPY.
//
// usage: node rfm_duckdb.mjs ORDERS.csv RFM_MAP.csv OUT.csv
//
// DuckDB uses every core by default, as a user would run it.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [orders, map, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node rfm_duckdb.mjs ORDERS.csv RFM_MAP.csv OUT.csv');
  process.exit(2);
}
const literal = (s) => `'${s.replaceAll("'", "''")}'`;
const query = readFileSync(new URL('./rfm.sql', import.meta.url), 'utf8').replace(/;\s*$/, '');

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(`CREATE TABLE orders AS SELECT * FROM read_csv(${literal(orders)}, header = true,
  columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(12,2)'})`);
await db.run(`CREATE TABLE rfm_map AS SELECT * FROM read_csv(${literal(map)}, header = true,
  columns = {'r': 'INTEGER', 'f': 'INTEGER', 'm': 'INTEGER', 'segment': 'VARCHAR'})`);
await db.run(`COPY (${query}) TO ${literal(out)} (HEADER, DELIMITER ',')`);
db.closeSync();
instance.closeSync();
