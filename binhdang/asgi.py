import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
application = get_asgi_application()

# Outside demo mode, accounts with the published demo password must not be served.
from apps.accounts.demo import refuse_demo_accounts_outside_demo_mode  # noqa: E402

refuse_demo_accounts_outside_demo_mode()
