"""List every msgid of locale/en that is untranslated or fuzzy; exit 1 if there is any.

Run by `make translations` after makemessages, so the list of strings still to translate
is the last thing printed. tests/site/test_i18n.py runs the same check.
"""

import sys
from pathlib import Path

import polib

LOCALE_EN = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"


def untranslated(po_path):
    """(msgid, why) for each active entry of the .po file that a visitor would see in Italian."""
    missing = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            missing.append((entry.msgid, "fuzzy"))
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                missing.append((entry.msgid, "untranslated"))
        elif not entry.msgstr:
            missing.append((entry.msgid, "untranslated"))
    return missing


def main():
    total = 0
    for po_path in sorted(LOCALE_EN.glob("*.po")):
        for msgid, why in untranslated(po_path):
            print(f"{po_path.name}: {why}: {msgid!r}")
            total += 1
    print(f"Stringhe da tradurre in locale/en: {total}.")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
