"""``danchu petitions_reseal``: re-encrypt every sealed denouncer identity with the first key of
DANCHU_SEAL_KEYS (key rotation; Law on Denunciations Art. 56)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danchu.petitions.sealing import reseal_all


class Command(BaseCommand):
    help = "Re-encrypt every sealed denouncer identity with the first key of DANCHU_SEAL_KEYS."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options) -> None:
        count = reseal_all(batch_size=max(1, options["batch_size"]))
        self.stdout.write(f"Resealed {count} identities.")
