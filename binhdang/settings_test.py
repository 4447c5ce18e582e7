"""The test suite's settings: production settings with plain HTTP (the test client and
the live server speak HTTP), plain static storage (no collectstatic before tests) and a
file database, so that threads in the concurrency tests share it like real processes."""

import os
import tempfile
from pathlib import Path

from binhdang.settings import *  # noqa: F403
from binhdang.settings import DATABASES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # one file per test process: several runs (a developer's and CI's) never share it
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"binhdang-test-{os.getpid()}.sqlite3")
    }
# static files straight from the source folders, as runserver does
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# tests that flush the database (threads, a real browser) restore the unit table from a
# serialized copy; content types and permissions are re-created by the flush itself
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
# files written by tests (plan uploads, evidence, demo photos) stay out of the checkout
PLAN_FILES_DIR = Path(tempfile.gettempdir()) / f"binhdang-test-files-{os.getpid()}" / "plans"
WORK_FILES_DIR = Path(tempfile.gettempdir()) / f"binhdang-test-files-{os.getpid()}" / "work"
REPORT_FILES_DIR = Path(tempfile.gettempdir()) / f"binhdang-test-files-{os.getpid()}" / "reports"
