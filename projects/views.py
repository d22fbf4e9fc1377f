# PLACEHOLDER until the catalogue lands (issue 3).
from django.http import Http404


def placeholder(request, *args, **kwargs):
    raise Http404
