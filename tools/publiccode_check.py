"""Check a publiccode.yml offline, with the rules of the reference parser.

The reference validator is italia/publiccode-parser-go (Go >= 1.25; no package on PyPI or
npm, and Debian 12 ships Go 1.19), so this is a Python re-implementation of its v0 rules in
no-network mode (`publiccode-parser -no-network -path <repo> publiccode.yml`):
  * a JSON Schema (draft 2020-12, below) for keys, types, enums and lengths;
  * then what the parser checks in Go: SPDX licence expression, BCP 47 tags, ISO 3166
    countries, maintenance contractors/contacts, organisation URN, supports ids, MIME types,
    logo (.svg/.svgz/.png, relative, must exist, PNG must decode), screenshots (.jpg/.png,
    must exist), authorsFile, deprecation warnings.
Compared with the parser's own fixtures (testdata/v0 at italia/publiccode-parser-go @
2a1f25a, v5.4.3+13): all 38 valid files pass (28 clean, 10 with warnings) and 118 of the
123 invalid ones fail. The 5 it misses need what it does not have: the network (a remote
logo), the parser's list of oEmbed providers (videos) or its copy of the IndicePA codes
(an IPA code that does not exist, in organisation.uri or IT.riuso).

Usage:  python tools/publiccode_check.py publiccode.yml [--base DIR]   (exit 1 on errors)
Needs:  PyYAML, jsonschema, license-expression, langcodes (requirements-dev.txt)
"""

import argparse
import re
import struct
import sys
from pathlib import Path

import jsonschema
import langcodes
import yaml
from license_expression import get_spdx_licensing

CATEGORIES = """accounting agile-project-management applicant-tracking application-development
appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
business-process-management cad call-center-management cloud-management collaboration communications
compliance-management contact-management content-management crm customer-service-and-support
data-analytics data-collection data-visualization design design-system digital-asset-management
digital-citizenship document-management donor-management e-commerce e-signature educational-content
email-management email-marketing employee-management enterprise-project-management
enterprise-social-networking erp event-management facility-management feedback-and-reviews-management
financial-reporting fleet-management fundraising gamification geographic-information-systems
grant-management graphic-design help-desk hr ide identity-management instant-messaging
integrated-library-system inventory-management it-asset-management it-development it-management
it-security it-service-management knowledge-management learning-management-system marketing
mind-mapping mobile-marketing mobile-payment network-management office online-booking
online-community payment-gateway payroll predictive-analysis procurement productivity-suite
project-collaboration project-management property-management real-estate-management
regulations-and-directives remote-support resource-management sales-management seo service-desk
social-media-management survey talent-management task-management taxes-management test-management
time-management time-tracking translation video-conferencing video-editing visitor-management voip
warehouse-management web-collaboration web-conferencing website-builder whistleblowing
workflow-management other""".split()
SCOPES = """agriculture culture defence education emergency-services employment energy environment
finance-and-economic-development foreign-affairs government healthcare infrastructures justice
local-authorities manufacturing research science-and-technology security society sport tourism
transportation welfare""".split()
ALIASES = "gdpr eidas nis2 cra spid cie anpr pagopa io".split()
VERSIONS = [
    "0",
    "0.2",
    "0.2.0",
    "0.2.1",
    "0.2.2",
    "0.3",
    "0.3.0",
    "0.4",
    "0.4.0",
    "0.5",
    "0.5.0",
    "0.7",
    "0.7.0",
]  # publiccode-parser-go v5.4.3 (no 0.6)
DATE = r"^\d{4}-\d{2}-\d{2}$"

# Go's YAML decoder turns any scalar into a string field (an unquoted phone number or
# date is fine there), so a string field accepts numbers too; see load() for dates.
_str = {"type": ["string", "number"]}
_url = {"type": "string", "pattern": r"^[a-zA-Z][a-zA-Z0-9+.-]*:"}
_http = {"type": "string", "pattern": r"^https?://"}
_org = {
    "type": "object",
    "additionalProperties": False,
    "required": ["uri"],
    "properties": {"uri": _str, "name": _str},
}
_dep = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "versionMin": _str,
        "versionMax": _str,
        "version": _str,
        "optional": {"type": "boolean"},
    },
}
_desc = {
    "type": "object",
    "additionalProperties": False,
    "required": ["shortDescription", "longDescription", "features"],
    "properties": {
        "localisedName": _str,
        "genericName": {"type": "string", "maxLength": 35},
        "shortDescription": {"type": "string", "minLength": 1, "maxLength": 150},
        "longDescription": {"type": "string", "minLength": 150, "maxLength": 10000},
        "documentation": _http,
        "apiDocumentation": _http,
        "features": {"type": "array", "minItems": 1, "items": _str},
        "screenshots": {"type": "array", "items": _str},
        "videos": {"type": "array", "items": _http},
        "awards": {"type": "array", "items": _str},
    },
}
_it = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "countryExtensionVersion": {"enum": ["0.2", "1.0"]},
        "conforme": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                k: {"type": "boolean"}
                for k in (
                    "lineeGuidaDesign",
                    "modelloInteroperabilita",
                    "misureMinimeSicurezza",
                    "gdpr",
                )
            },
        },
        "riuso": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"codiceIPA": _str},
        },
        "piattaforme": {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: {"type": "boolean"} for k in ("spid", "pagopa", "cie", "anpr", "io")},
        },
    },
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ],
    "properties": {
        "publiccodeYmlVersion": {"enum": VERSIONS},
        "name": {"type": "string", "minLength": 1},
        "applicationSuite": _str,
        "url": _url,
        "landingURL": _http,
        "isBasedOn": {"anyOf": [_url, {"type": "array", "items": _url}]},
        "softwareVersion": _str,
        "releaseDate": {"type": "string", "pattern": DATE},
        "logo": _str,
        "monochromeLogo": _str,
        "inputTypes": {"type": "array", "items": _str},
        "outputTypes": {"type": "array", "items": _str},
        "platforms": {"type": "array", "minItems": 1, "items": _str},
        "categories": {"type": ["array", "null"], "items": {"enum": CATEGORIES}},
        "usedBy": {"type": "array", "items": _str},
        "fundedBy": {"type": "array", "items": _org},
        "roadmap": _http,
        "developmentStatus": {"enum": ["concept", "development", "beta", "stable", "obsolete"]},
        "softwareType": {
            "enum": [
                "standalone/mobile",
                "standalone/iot",
                "standalone/desktop",
                "standalone/web",
                "standalone/backend",
                "standalone/other",
                "addon",
                "library",
                "configurationFiles",
            ]
        },
        "supports": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {"id": _str},
            },
        },
        "organisation": _org,
        "intendedAudience": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "scope": {"type": "array", "items": {"enum": SCOPES}},
                "countries": {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^([A-Z]{2}|[a-z]{2})$"},
                },
                "unsupportedCountries": {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^([A-Z]{2}|[a-z]{2})$"},
                },
            },
        },
        "description": {"type": "object", "minProperties": 1, "additionalProperties": _desc},
        "legal": {
            "type": "object",
            "additionalProperties": False,
            "required": ["license"],
            "properties": {
                "license": _str,
                "mainCopyrightOwner": _str,
                "repoOwner": _str,
                "authorsFile": _str,
            },
        },
        "maintenance": {
            "type": "object",
            "additionalProperties": False,
            "required": ["type"],
            "properties": {
                "type": {"enum": ["internal", "contract", "community", "none"]},
                "contractors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name", "until"],
                        "properties": {
                            "name": _str,
                            "email": _str,
                            "website": _http,
                            "until": {"type": "string", "pattern": DATE},
                        },
                    },
                },
                "contacts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name"],
                        "properties": {
                            "name": _str,
                            "email": _str,
                            "affiliation": _str,
                            "phone": _str,
                        },
                    },
                },
            },
        },
        "localisation": {
            "type": "object",
            "additionalProperties": False,
            "required": ["localisationReady", "availableLanguages"],
            "properties": {
                "localisationReady": {"type": "boolean"},
                "availableLanguages": {"type": "array", "minItems": 1, "items": _str},
            },
        },
        "dependsOn": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                k: {"type": "array", "items": _dep} for k in ("open", "proprietary", "hardware")
            },
        },
        "IT": _it,
        "it": _it,
    },
}

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,\-.:=@;$_!*'%/?#]+$", re.I)
IPA = re.compile(r"^[a-z0-9_]{2,}$", re.I)


def _bcp47(tag):
    # langcodes also accepts POSIX tags ("en_GB"); BCP 47 separates subtags with "-".
    if not isinstance(tag, str) or "_" in tag:
        return False
    try:
        return langcodes.tag_is_valid(tag)
    except Exception:
        return False


def _country(code):
    """An ISO 3166-1 alpha-2 code, as a region subtag of the IANA registry."""
    return isinstance(code, str) and len(code) == 2 and langcodes.tag_is_valid(f"und-{code}")


MIME = re.compile(r"^[a-z]+/[a-z0-9][a-z0-9!#$&^_.+-]*$", re.I)


def _png_ok(p):
    b = p.read_bytes()[:24]
    return (
        b[:8] == b"\x89PNG\r\n\x1a\n"
        and b[12:16] == b"IHDR"
        and struct.unpack(">II", b[16:24]) > (0, 0)
    )


def _local_file(value, base, key, exts, errors, png_decode=False):
    if value.startswith("/"):
        errors.append(f"{key}: is an absolute path. Only relative paths or HTTP(s) URLs allowed")
        return
    if value.startswith("file:"):
        errors.append(f"{key}: is a file:// URL. Only relative paths or HTTP(s) URLs allowed")
        return
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value):
        return  # absolute URL: only checked with network
    ext = Path(value).suffix.lower()
    if ext not in exts:
        errors.append(f"{key}: invalid file extension for: {value} (allowed {', '.join(exts)})")
        return
    p = base / value
    if not p.is_file():
        errors.append(f"{key}: no such file: {p}")
    elif png_decode and ext == ".png" and not _png_ok(p):
        errors.append(f"{key}: {value} is not a valid PNG")


class _Loader(yaml.SafeLoader):
    """YAML as the Go parser reads it: an unquoted date stays the string it is."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    text = Path(path).read_bytes().decode("utf-8")  # the standard mandates UTF-8
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def check(data, base):
    errors, warnings = [], []
    if not isinstance(data, dict):
        return ["file is not a YAML mapping"], []
    for e in sorted(
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.path)
    ):
        errors.append(f"{'.'.join(map(str, e.path)) or '(root)'}: {e.message}")

    v = str(data.get("publiccodeYmlVersion", ""))
    if v in VERSIONS and v != "0" and not v.startswith("0.7"):
        warnings.append(f"publiccodeYmlVersion: v{v} is not the latest version, use '0'")

    lic = (data.get("legal") or {}).get("license")
    if isinstance(lic, str):
        licensing = get_spdx_licensing()
        r = licensing.validate(lic, strict=True)
        # license-expression also accepts ScanCode aliases ("GPL" -> GPL-1.0-or-later); the Go
        # parser (github/go-spdx) does not, so every token must be an SPDX id as written.
        known = {k.lower() for k in licensing.known_symbols}
        tokens = [
            t for t in re.split(r"[\s()]+", lic) if t and t.upper() not in ("AND", "OR", "WITH")
        ]
        bad = [
            t
            for t in tokens
            if t.lower().rstrip("+") not in known and not t.startswith("LicenseRef-")
        ]
        if r.errors or r.invalid_symbols or bad:
            errors.append(f"legal.license: invalid SPDX expression {lic!r}: {r.errors or bad}")

    for lang, desc in (data.get("description") or {}).items():
        if not _bcp47(lang):
            errors.append(f"description.{lang}: not a BCP 47 language tag")
        if isinstance(desc, dict):
            if desc.get("genericName"):
                warnings.append(f"description.{lang}.genericName: deprecated")
            for i, s in enumerate(desc.get("screenshots") or []):
                _local_file(
                    s, base, f"description.{lang}.screenshots[{i}]", [".jpg", ".png"], errors
                )
    for t in (data.get("localisation") or {}).get("availableLanguages") or []:
        if not _bcp47(t):
            errors.append(f"localisation.availableLanguages: {t!r} is not a BCP 47 tag")

    m = data.get("maintenance") or {}
    if m.get("type") == "contract" and not m.get("contractors"):
        errors.append("maintenance.contractors: required when maintenance.type is contract")
    if m.get("type") != "contract" and "contractors" in m:
        errors.append(
            "maintenance.contractors: must not be present unless maintenance.type is contract"
        )
    if m.get("type") in ("internal", "community") and not m.get("contacts"):
        errors.append(
            "maintenance.contacts: required when maintenance.type is internal or community"
        )
    for c in (m.get("contacts") or []) + (m.get("contractors") or []):
        if c.get("email") and not EMAIL.match(c["email"]):
            errors.append(f"maintenance: {c['email']!r} is not an email address")

    for key, org in [("organisation", data.get("organisation"))] + [
        (f"fundedBy[{i}]", o) for i, o in enumerate(data.get("fundedBy") or [])
    ]:
        uri = (org or {}).get("uri") if isinstance(org, dict) else None
        if not uri:
            continue
        if uri.lower().startswith("urn:"):
            if not URN.match(uri):
                errors.append(f"{key}.uri: {uri!r} is not a valid URN")
            elif uri.lower().startswith("urn:x-italian-pa:") and not IPA.match(
                uri.split(":", 2)[2]
            ):
                errors.append(f"{key}.uri: must be 'urn:x-italian-pa:[codiceIPA]'")
        elif not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s]+", uri):
            errors.append(f"{key}.uri: {uri!r} is not a valid URI")

    for i, s in enumerate(data.get("supports") or []):
        sid = s.get("id", "") if isinstance(s, dict) else ""
        if sid.startswith("alias:") and sid[6:] not in ALIASES:
            errors.append(f"supports[{i}].id: unknown alias {sid!r}")
        elif not sid.startswith("alias:") and not (
            URN.match(sid) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s]+", sid)
        ):
            errors.append(f"supports[{i}].id: {sid!r} is neither alias:<name> nor a URI")

    for key in ("logo", "monochromeLogo"):
        if isinstance(data.get(key), str) and data[key]:
            _local_file(data[key], base, key, [".svg", ".svgz", ".png"], errors, png_decode=True)
    for k in ("monochromeLogo", "inputTypes", "outputTypes"):
        if k in data:
            warnings.append(f"{k}: deprecated")
    for k in ("inputTypes", "outputTypes"):
        for i, value in enumerate(data.get(k) or []):
            if not (isinstance(value, str) and MIME.match(value)):
                errors.append(f"{k}[{i}]: {value!r} is not a valid MIME type")
    audience = data.get("intendedAudience") or {}
    for k in ("countries", "unsupportedCountries"):
        for value in audience.get(k) or [] if isinstance(audience, dict) else []:
            if isinstance(value, str) and re.match(r"^([A-Z]{2}|[a-z]{2})$", value):
                if not _country(value.upper()):
                    errors.append(f"intendedAudience.{k}: {value!r} is not an ISO 3166-1 code")
    legal = data.get("legal") or {}
    if isinstance(legal.get("authorsFile"), str):
        authors = legal["authorsFile"]
        if authors.startswith(("/", "file:")):
            errors.append("legal.authorsFile: only relative paths or HTTP(s) URLs allowed")
        elif (
            not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", authors) and not (base / authors).is_file()
        ):
            errors.append(f"legal.authorsFile: no such file: {base / authors}")
    if "repoOwner" in legal:
        warnings.append("legal.repoOwner: deprecated, use organisation.name")
    if "authorsFile" in legal:
        warnings.append("legal.authorsFile: deprecated")
    if "it" in data:
        warnings.append("it: lowercase country codes are deprecated, use 'IT'")
    if "it" in data and "IT" in data:
        errors.append("it: 'IT' key already present")
    it = data.get("IT") or data.get("it") or {}
    if isinstance(it, dict):
        if "conforme" in it:
            warnings.append("IT.conforme: deprecated")
        ipa = (it.get("riuso") or {}).get("codiceIPA")
        if ipa:
            warnings.append(
                f"IT.riuso.codiceIPA: deprecated, use organisation.uri: urn:x-italian-pa:{ipa}"
            )
        if it:
            warnings.append(
                "IT: the whole Italian section is deprecated in v0.7 (supports + organisation)"
            )
    return errors, warnings


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument(
        "--base", help="repository root for logo/screenshots (default: the file's directory)"
    )
    a = ap.parse_args(argv)
    path = Path(a.file)
    data = load(path)
    errors, warnings = check(data, Path(a.base) if a.base else path.parent)
    for w in warnings:
        print(f"{path}: warning: {w}")
    for e in errors:
        print(f"{path}: error: {e}")
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
