"""Brute-force protection for the admin login: after too many failures from one address, the
login form answers 429 for a while. Counts live in the cache (shared through Redis in
production)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse

MAX_FAILURES = getattr(settings, "LOGIN_MAX_FAILURES", 5)
LOCKOUT_SECONDS = getattr(settings, "LOGIN_LOCKOUT_SECONDS", 15 * 60)


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _key(address: str) -> str:
    return f"login-failures:{address}"


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    key = _key(client_address(request))
    cache.add(key, 0, LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, LOCKOUT_SECONDS)


@receiver(user_logged_in)
def forget_failures(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(_key(client_address(request)))


def is_locked_out(request) -> bool:
    return (cache.get(_key(client_address(request))) or 0) >= MAX_FAILURES


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        from django.urls import reverse

        self.login_path = reverse("admin:login")

    def __call__(self, request):
        is_login = request.method == "POST" and request.path == self.login_path
        if is_login and is_locked_out(request):
            return HttpResponse(
                "Too many failed logins from this address. Try again later.\n",
                status=429,
                content_type="text/plain",
                headers={"Retry-After": str(LOCKOUT_SECONDS)},
            )
        return self.get_response(request)
