"""Batch analysis on a Dask cluster into Parquet shards (``batch.run``), the shard folder's
manifest (``batch.manifest``) and the bulk loader into a store (``batch.load``).

Only ``batch.run`` imports dask; ``dateline load`` does not need it.
"""
