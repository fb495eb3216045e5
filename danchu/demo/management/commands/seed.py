"""`danchu seed --communes M --households-per-commune N`: scale data for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from danchu.demo.seed import SeedError, seed


class Command(BaseCommand):
    help = "Generate large synthetic data for benchmarks (bulk inserts)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--province", default="38", help="Province code (default 38, Thanh Hóa)."
        )
        parser.add_argument("--communes", type=int, required=True)
        parser.add_argument("--households-per-commune", type=int, required=True)
        parser.add_argument("--villages-per-commune", type=int, default=20)

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()

        def progress(result) -> None:
            self.stderr.write(
                f"{result.communes} communes, {result.households} households "
                f"({time.perf_counter() - started:.1f} s)"
            )

        try:
            result = seed(
                province_code=options["province"],
                communes=options["communes"],
                households_per_commune=options["households_per_commune"],
                villages_per_commune=options["villages_per_commune"],
                progress=progress,
            )
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Seeded {result.communes} communes ({result.skipped_communes} already seeded), "
            f"{result.villages} villages, {result.households} households, {result.persons} persons "
            f"in {time.perf_counter() - started:.1f} s."
        )
