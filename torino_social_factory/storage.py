from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files, including the imports inside ES modules.

    Without the module-import rewriting, the Bootstrap Italia plugins imported by
    site.js would keep their plain names and miss the one-year cache.
    """

    support_js_module_import_aggregation = True
