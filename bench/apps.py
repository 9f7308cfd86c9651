from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks and the large-organisation data generator (`manage.py generate_org`)."""

    name = "bench"
    verbose_name = "Benchmarks"
