# PLACEHOLDER until the events app lands (issue 4).
from django.http import Http404


def placeholder(request, *args, **kwargs):
    raise Http404
