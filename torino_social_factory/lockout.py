"""The admin login lockout: the account after AXES_FAILURE_LIMIT failures whatever the
address, and the address after AXES_ADDRESS_FAILURE_LIMIT failures whatever the
username (django-axes counts both; this handler gives each its own limit).

Locking only the (username, address) pair let a guesser change address, or change
username, for ever. Amministrazione unlocks from the admin (Axes → tentativi di accesso:
delete the rows) or the lock ends after AXES_COOLOFF_HOURS.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class AccountAndAddressLockout(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        # One queryset per entry of AXES_LOCKOUT_PARAMETERS: ["username", "ip_address"].
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # Reported as the account limit, the one axes compares with.
            return max(by_account, settings.AXES_FAILURE_LIMIT)
        return by_account
