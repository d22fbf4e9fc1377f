from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files, including the imports inside ES modules.

    Without the module-import rewriting, the Bootstrap Italia plugins imported by
    site.js would keep their plain names and miss the one-year cache.
    """

    support_js_module_import_aggregation = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every page asks {% static %} for the same dozen names, and the manifest a
        # process loaded does not change under it: each URL is worked out once.
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url

    def post_process(self, *args, **kwargs):
        # collectstatic writes a new manifest: forget what the old one said.
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()
