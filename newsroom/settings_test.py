"""Settings for the test suite: production settings with test-only secrets and plain storage."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ["TESTING"] = "1"

from newsroom.settings import *  # noqa: F403

# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Tests never run collectstatic: let WhiteNoise find files per request (as runserver does)
# instead of indexing a STATIC_ROOT that does not exist.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
