-- One Postgres server, one database per domain: no subgraph can read another domain's tables.
CREATE DATABASE customers;
CREATE DATABASE orders;
CREATE DATABASE inventory;
CREATE DATABASE campaigns;
