from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.corpus import generate


class Command(BaseCommand):
    help = (
        "Write a deterministic synthetic corpus in the four source formats (metadata dumps, "
        "review XML, press kits, review pages) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("output_dir")
        parser.add_argument("--films", type=int, default=2000, help="number of films (2000)")
        parser.add_argument("--reviews", type=int, default=500_000, help="reviews in all (500000)")
        parser.add_argument("--people", type=int, default=20_000, help="people to draw from")
        parser.add_argument("--seed", type=int, default=42, help="random seed (42)")

    def handle(self, *args, output_dir, films, reviews, people, seed, **options):
        if films < 1 or reviews < 0 or people < 10:
            raise CommandError("need at least one film, no negative reviews, ten people")
        output = Path(output_dir)
        if output.exists() and any(output.iterdir()):
            raise CommandError(f"{output} is not empty")
        written = sum(
            1 for _ in generate(output, films=films, reviews=reviews, people=people, seed=seed)
        )
        self.stdout.write(f"{written} documents written to {output}")
