"""Personal links: one stable link per registration, stored only as a hash.

A registration's link is HMAC-SHA256(key, salt) in base64url (256 bits). Only its
SHA-256 and the salt are stored: with the database alone nobody can rebuild a link;
with the key the sender re-sends the same link as often as it is asked for. A new
salt (revoke) makes a new link.

Rotating the key: put the old one in ``REGISTRATION_LINK_KEY_FALLBACKS``, so existing
links keep working and keep being re-sent unchanged; a link whose key is dropped gets
a new one the next time an e-mail carries it.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction

from .models import Registration


def _derive(salt, key):
    digest = hmac.new(key.encode(), f"registration-link:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def set_new_link(registration):
    """A fresh salt and the hash of the link it makes (the caller saves). Returns the link."""
    registration.token_salt = secrets.token_urlsafe(16)
    token = _derive(registration.token_salt, settings.REGISTRATION_LINK_KEY)
    registration.token_hash = hash_token(token)
    return token


def personal_token(registration):
    """The registration's current link, derived again; None if no known key made it."""
    if not registration.token_salt:
        return None
    for key in (settings.REGISTRATION_LINK_KEY, *settings.REGISTRATION_LINK_KEY_FALLBACKS):
        token = _derive(registration.token_salt, key)
        if hmac.compare_digest(hash_token(token), registration.token_hash):
            return token
    return None


def link_for_sending(registration):
    """The link an e-mail carries: the same one every time. Only a link that cannot be
    derived any more (its key was retired, or it predates derived links) is replaced."""
    token = personal_token(registration)
    if token is not None:
        return token
    with transaction.atomic():
        row = Registration.objects.select_for_update().get(pk=registration.pk)
        token = personal_token(row)
        if token is None:
            token = set_new_link(row)
            row.save(update_fields=["token_salt", "token_hash"])
    registration.token_salt, registration.token_hash = row.token_salt, row.token_hash
    return token
