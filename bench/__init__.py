"""Benchmark: ETL, queries, page reruns and exports at today's size and at national scale."""
