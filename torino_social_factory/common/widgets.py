from django import forms


class RichTextarea(forms.Textarea):
    """A textarea that static/js/richtext.js turns into a small visual editor.

    Without JavaScript it stays a plain textarea of HTML. Whatever arrives is cleaned by
    the pre_save hook (richtext.sanitise), so the editor is a convenience, not a guard.
    """

    def __init__(self, attrs=None):
        attrs = {"class": "vLargeTextField tsf-richtext", "rows": 12, **(attrs or {})}
        super().__init__(attrs)

    class Media:
        js = ["js/richtext.js"]
