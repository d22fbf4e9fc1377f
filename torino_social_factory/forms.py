from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    useful = forms.ChoiceField(
        label=_("Questa pagina ti è stata utile?"),
        choices=[("yes", _("Sì")), ("no", _("No"))],
        error_messages={"required": _("Scegli «Sì» o «No».")},
    )
    comment = forms.CharField(
        label=_("Come possiamo migliorarla?"), max_length=500, required=False, strip=True
    )
    path = forms.CharField(max_length=500)
    website = forms.CharField(required=False)  # honeypot, hidden from people

    def clean_path(self):
        path = self.cleaned_data["path"]
        # Only our own paths: never an absolute URL someone could plant.
        if not path.startswith("/") or path.startswith("//"):
            raise forms.ValidationError(_("Pagina non valida."))
        return path

    def clean_comment(self):
        return "".join(
            ch for ch in self.cleaned_data["comment"] if ch.isprintable() or ch in "\n\t"
        )
