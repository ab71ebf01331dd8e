"""The benchmark harness: `make bench` or `python bench/run.py`. See bench/README.md."""
