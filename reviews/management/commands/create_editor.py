import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create a staff account in the `editors` group: corrects data, cannot manage users."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="read the password from this environment variable instead of a prompt",
        )

    def handle(self, *args, username, email, password_from_env, **options):
        import os

        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"a user named {username!r} already exists")
        if password_from_env:
            password = os.environ.get(password_from_env, "")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the passwords differ")
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="editors"))
        self.stdout.write(self.style.SUCCESS(f"Editor {username!r} created; log in at /admin/."))
