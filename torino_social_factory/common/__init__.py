"""What the apps share: admin base classes, rich text, spreadsheets, rate limits, i18n.

The apps (``projects``, ``events``) may import this package and the site's template
tags, and nothing else from ``torino_social_factory``; this package imports nothing
from the rest of the project either, so the arrows keep pointing one way.
"""
