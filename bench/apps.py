from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's own app, installed by `bench.settings` only: the `synthesize` command and its data."""

    name = "bench"
    verbose_name = "Benchmark"
