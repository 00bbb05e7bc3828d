import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reviews.importing import ImportLocked, run_import


class Command(BaseCommand):
    help = (
        "Import film documents (metadata dumps, review XML, press kits, review pages). The "
        "format of each file is read from its content. Exit code 1 when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help=f"files and folders to import (default: {settings.FIXTURES_DIR.name}/)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="parse and resolve, report what would change, write nothing",
        )
        parser.add_argument("--report", metavar="FILE", help="write a JSON report of the run")

    def handle(self, *args, paths, dry_run, report, verbosity, **options):
        paths = paths or [settings.FIXTURES_DIR]
        for path in paths:
            if not Path(path).exists():
                raise CommandError(f"{path}: no such file or folder")
        show_progress = verbosity >= 1 and sys.stderr.isatty()

        def progress(index, total, path):
            if show_progress and total > 1:
                done = int(30 * index / total)
                sys.stderr.write(f"\r[{'#' * done}{'.' * (30 - done)}] {index}/{total} {path.name}")
                sys.stderr.flush()
                if index == total:
                    sys.stderr.write("\n")

        try:
            result = run_import(paths, dry_run=dry_run, progress=progress)
        except ImportLocked as error:
            raise CommandError(str(error)) from error

        for file in result.files:
            if file.error:
                self.stderr.write(self.style.ERROR(f"FAILED {file.error}"))
                continue
            if verbosity >= 1:
                self.stdout.write(
                    f"{file.path}: {file.format}, {file.records} records, "
                    f"{file.created} created, {file.updated} updated, "
                    f"{file.unchanged} unchanged, {len(file.warnings)} warnings"
                )
            if verbosity >= 2:
                for warning in file.warnings:
                    where = f":{warning['line']}" if warning["line"] else ""
                    self.stdout.write(
                        f"  warning {Path(file.path).name}{where}: {warning['message']}"
                    )
        totals = result.totals()
        prefix = "Dry run, nothing written: " if dry_run else ""
        summary = (
            f"{prefix}{totals['files']} files ({totals['failed']} failed), "
            f"{totals['records']} records, {totals['created']} created, "
            f"{totals['updated']} updated, {totals['unchanged']} unchanged, "
            f"{totals['warnings']} warnings"
        )
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(summary) if result.ok else self.style.WARNING(summary)
            )
        if report:
            Path(report).write_text(json.dumps(result.as_dict(), indent=2, default=str) + "\n")
        if not result.ok:
            sys.exit(1)
